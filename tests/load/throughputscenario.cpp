#include "tests/load/throughputscenario.h"

#include "tests/load/clinicsetup.h"
#include "tests/load/eventwait.h"
#include "tests/load/keepalivefleet.h"
#include "tests/load/monoclock.h"
#include "tests/load/progress.h"
#include "tests/load/usagesample.h"
#include "tests/load/workerplans.h"
#include "tests/load/workerpool.h"
#include "tests/load/writertimings.h"

#include <QNetworkAccessManager>
#include <QTimer>

#include <cmath>
#include <memory>

namespace vw::load {

namespace {

// Workers get this long to receive the schedule before the first send is due.
constexpr qint64 kStartDelayNs = 100 * kNsPerMs;
constexpr int kConnectTimeoutBaseMs = 60'000;

double perSecond(qint64 count, double seconds)
{
    return seconds > 0 ? std::round(10.0 * double(count) / seconds) / 10.0 : 0.0;
}

} // namespace

Result<QJsonObject, QString> ThroughputScenario::run()
{
    const LoadgenOptions &o = m_options;
    ClinicSetup setup(o.url, o.serverBinary, o.dataDir);
    progress(QStringLiteral("creating %1 pairs (prefix %2)").arg(o.pairs).arg(setup.prefix()));
    auto pairs = setup.createPairs(o.pairs);
    if (!pairs)
        return pairs.error();
    // An admin reads the writer's histograms (/metrics) at both ends of the measured window.
    auto operators = setup.createUsers(QStringLiteral("ops"), QStringLiteral("admin"), 1);
    if (!operators)
        return operators.error();
    auto operatorTokens = setup.loginAll(operators.value());
    if (!operatorTokens)
        return operatorTokens.error();
    const QString adminToken = operatorTokens.value().constFirst();

    QStringList idleTokens;
    if (o.idleSockets > 0) {
        auto users = setup.createUsers(
            QStringLiteral("idle"), QStringLiteral("patient"), std::min(o.idleUsers, o.idleSockets));
        if (!users)
            return users.error();
        auto tokens = setup.loginAll(users.value());
        if (!tokens)
            return tokens.error();
        idleTokens = tokens.value();
    }

    KeepAliveFleet restClients;
    if (o.idleHttp > 0) {
        progress(QStringLiteral("opening %1 REST keep-alive connections").arg(o.idleHttp));
        if (auto opened = restClients.open(o.url, o.idleHttp, o.socketsPerSource); !opened)
            return QStringLiteral("REST keep-alive connection %1: %2")
                .arg(restClients.size())
                .arg(opened.error());
    }

    WorkerPool pool(planWorkers(o, pairs.value(), idleTokens, setup.prefix()));
    progress(QStringLiteral("connecting %1 pair sockets and %2 idle sockets on %3 threads")
                 .arg(2 * o.pairs)
                 .arg(o.idleSockets)
                 .arg(pool.size()));
    if (!pool.callAndWait([](TrafficWorker &worker) { worker.connectAll(); }, &TrafficWorker::connected,
            kConnectTimeoutBaseMs + o.idleSockets * 20)) {
        return QStringLiteral("sockets did not connect in time");
    }
    int idleConnected = 0;
    int idleFailed = 0;
    ErrorTally idleErrors;
    for (int i = 0; i < pool.size(); ++i) {
        if (pool.worker(i).pairFailures() > 0)
            return QString(QStringLiteral("a pair could not connect: ") + pool.worker(i).firstPairFailure());
        idleConnected += pool.worker(i).idleConnected();
        idleFailed += pool.worker(i).idleFailed();
    }

    if (o.idleHttp > 0) {
        // The server parks a quiet keep-alive connection after a couple of seconds (its
        // ConnectionLimits::parkAfterIdleMs): measure the steady state, not the first seconds.
        progress(QStringLiteral("letting the keep-alive connections settle for %1 s").arg(o.settleS));
        runEventLoopFor(o.settleS);
    }

    Schedule schedule;
    schedule.startNs = monoNowNs() + kStartDelayNs;
    schedule.measureStartNs = schedule.startNs + std::llround(o.warmupS * double(kNsPerSecond));
    schedule.measureEndNs = schedule.measureStartNs + std::llround(o.durationS * double(kNsPerSecond));
    schedule.drainDeadlineNs = schedule.measureEndNs + qint64(o.ackTimeoutMs) * kNsPerMs;
    progress(QStringLiteral("sending: %1 s warm-up, %2 s measured").arg(o.warmupS).arg(o.durationS));

    // CPU of both processes, and the server's writer histograms, over the measured window
    // only; setup and drain are not load.
    UsageSample atStart;
    UsageSample atEnd;
    QNetworkAccessManager network;
    std::unique_ptr<PendingGet> metricsAtStart;
    std::unique_ptr<PendingGet> metricsAtEnd;
    QObject timers;
    const auto msUntil = [](qint64 ns) { return int(std::max<qint64>(0, (ns - monoNowNs()) / kNsPerMs)); };
    QTimer::singleShot(msUntil(schedule.measureStartNs), Qt::PreciseTimer, &timers, [&] {
        atStart = UsageSample::take(o.serverPid);
        metricsAtStart = startMetricsScrape(network, o.url, adminToken);
    });
    QTimer::singleShot(msUntil(schedule.measureEndNs), Qt::PreciseTimer, &timers, [&] {
        atEnd = UsageSample::take(o.serverPid);
        metricsAtEnd = startMetricsScrape(network, o.url, adminToken);
    });
    const int runTimeoutMs = msUntil(schedule.drainDeadlineNs) + 30'000;
    if (!pool.callAndWait([schedule](TrafficWorker &worker) { worker.run(schedule); },
            &TrafficWorker::finished, runTimeoutMs)) {
        return QStringLiteral("workers did not finish in time");
    }

    if (!metricsAtStart || !metricsAtEnd)
        return QStringLiteral("the measured window's /metrics scrapes did not start");
    auto metricsBefore = metricsAtStart->body();
    auto metricsAfter = metricsAtEnd->body();
    if (!metricsBefore || !metricsAfter)
        return metricsBefore ? metricsAfter.error() : metricsBefore.error();

    TrafficStats total;
    for (int i = 0; i < pool.size(); ++i) {
        total.merge(pool.worker(i).stats());
        idleErrors.merge(pool.worker(i).idleErrors());
    }
    total.errors.merge(idleErrors, QStringLiteral("idle:"));
    const double seconds = double(schedule.measureEndNs - schedule.measureStartNs) / double(kNsPerSecond);

    QJsonObject result {{QStringLiteral("sent"), total.sent}, {QStringLiteral("acked"), total.acked},
        {QStringLiteral("delivered"), total.delivered}, {QStringLiteral("heldBack"), total.heldBack},
        {QStringLiteral("ackedPerSec"), perSecond(total.acked, seconds)},
        {QStringLiteral("deliveredPerSec"), perSecond(total.delivered, seconds)},
        {QStringLiteral("sentTotal"), total.sentTotal}, {QStringLiteral("ackedTotal"), total.ackedTotal},
        {QStringLiteral("ackLatencyMs"), total.ackLatency.toJsonMs()},
        {QStringLiteral("deliveryLatencyMs"), total.deliveryLatency.toJsonMs()},
        {QStringLiteral("errors"), total.errors.total()},
        {QStringLiteral("errorsByKind"), total.errors.toJson()},
        {QStringLiteral("idle"),
            QJsonObject {{QStringLiteral("requested"), o.idleSockets},
                {QStringLiteral("connected"), idleConnected}, {QStringLiteral("failed"), idleFailed}}},
        {QStringLiteral("idleHttp"), restClients.size()},
        {QStringLiteral("measuredUsage"), usageBetween(atStart, atEnd)},
        {QStringLiteral("serverWriter"), writerTimingsBetween(metricsBefore.value(), metricsAfter.value())}};
    return result;
}

} // namespace vw::load
