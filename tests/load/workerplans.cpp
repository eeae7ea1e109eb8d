#include "tests/load/workerplans.h"

#include "tests/load/monoclock.h"

#include <algorithm>

namespace vw::load {

QList<WorkerPlan> planWorkers(const LoadgenOptions &options, const QList<PairAccounts> &pairs,
    const QStringList &idleTokens, const QString &runTag)
{
    TrafficPlan traffic;
    traffic.serverUrl = options.url;
    traffic.window = options.window;
    traffic.ratePerSender = pairs.isEmpty() ? 0 : options.rate / double(pairs.size());
    traffic.sizeBytes = options.size;
    traffic.deliveryAcks = options.deliveryAcks;
    traffic.ackTimeoutNs = qint64(options.ackTimeoutMs) * kNsPerMs;
    traffic.runTag = runTag;

    const int pairThreads = pairs.isEmpty() ? 0 : std::max(1, options.threads);
    // Idle sockets get threads of their own: Qt's event loop polls every socket of its thread
    // on each wake-up, and a pair must not be timed partly on our poll of thousands of others.
    const int idleThreads = idleTokens.isEmpty() ? 0 : options.idleThreadCount();
    QList<WorkerPlan> plans(pairThreads + idleThreads);
    for (WorkerPlan &plan : plans) {
        plan.traffic = traffic;
        plan.pairSockets = makeSocketFactory(options.client, options.url, options.socketsPerSource);
        // Idle sockets are always lean: only they can spread over source addresses.
        plan.idleSockets = makeSocketFactory(ClientKind::Raw, options.url, options.socketsPerSource);
        // The bound on connects in flight is for the whole run, not per thread.
        plan.connectConcurrency = std::max(1, options.connectConcurrency / std::max(1, idleThreads));
    }
    int socketIndex = 0;
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        const PairAccounts &pair = pairs.at(i);
        PairPlan plan {
            int(i), pair.providerToken, pair.patientToken, pair.conversationId, socketIndex, socketIndex + 1};
        socketIndex += 2;
        plans[i % pairThreads].pairs.append(plan);
    }
    for (int j = 0; idleThreads > 0 && j < options.idleSockets; ++j) {
        plans[pairThreads + j % idleThreads].idle.append(
            {socketIndex++, idleTokens.at(j % idleTokens.size())});
    }
    return plans;
}

} // namespace vw::load
