#include "tests/load/idlescenario.h"

#include "tests/load/clinicsetup.h"
#include "tests/load/eventwait.h"
#include "tests/load/monoclock.h"
#include "tests/load/processstats.h"
#include "tests/load/progress.h"
#include "tests/load/workerplans.h"
#include "tests/load/workerpool.h"

#include <cmath>

namespace vw::load {

namespace {

// VmRSS of the server in KiB, or -1 when no pid was given or it cannot be read.
qint64 serverRss(qint64 pid)
{
    return pid > 0 ? processstats::residentKiB(pid).value_or(-1) : -1;
}

} // namespace

Result<QJsonObject, QString> IdleScenario::run()
{
    const LoadgenOptions &o = m_options;
    if (o.idleSockets <= 0)
        return QStringLiteral("--scenario idle needs --idle-sockets K > 0");
    ClinicSetup setup(o.url, o.serverBinary, o.dataDir);
    const int userCount = std::min(o.idleUsers, o.idleSockets);
    progress(QStringLiteral("creating %1 users (prefix %2)").arg(userCount).arg(setup.prefix()));
    auto users = setup.createUsers(QStringLiteral("idle"), QStringLiteral("patient"), userCount);
    if (!users)
        return users.error();
    auto tokens = setup.loginAll(users.value());
    if (!tokens)
        return tokens.error();

    // Let the server settle after the logins before the baseline reading.
    runEventLoopFor(o.settleS);
    const qint64 rssBefore = serverRss(o.serverPid);

    WorkerPool pool(planWorkers(o, {}, tokens.value(), setup.prefix()));
    progress(QStringLiteral("connecting %1 idle sockets on %2 threads, %3 at a time")
                 .arg(o.idleSockets)
                 .arg(pool.size())
                 .arg(o.connectConcurrency));
    const qint64 connectStart = monoNowNs();
    if (!pool.callAndWait([](TrafficWorker &worker) { worker.connectAll(); }, &TrafficWorker::connected,
            120'000 + o.idleSockets * 20)) {
        return QStringLiteral("idle sockets did not settle in time");
    }
    const double connectSeconds = double(monoNowNs() - connectStart) / double(kNsPerSecond);
    int connected = 0;
    int failed = 0;
    for (int i = 0; i < pool.size(); ++i) {
        connected += pool.worker(i).idleConnected();
        failed += pool.worker(i).idleFailed();
    }
    progress(QStringLiteral("%1 connected, %2 failed in %3 s; settling %4 s")
                 .arg(connected)
                 .arg(failed)
                 .arg(connectSeconds, 0, 'f', 2)
                 .arg(o.settleS));
    runEventLoopFor(o.settleS);
    const qint64 rssAfter = serverRss(o.serverPid);

    // Counted again: a socket the server dropped while we settled is not holding memory.
    ErrorTally errors;
    int stillConnected = 0;
    for (int i = 0; i < pool.size(); ++i) {
        stillConnected += pool.worker(i).idleConnected();
        errors.merge(pool.worker(i).idleErrors());
    }

    QJsonObject result {{QStringLiteral("requested"), o.idleSockets},
        {QStringLiteral("connected"), connected}, {QStringLiteral("failed"), failed},
        {QStringLiteral("connectedAtEnd"), stillConnected},
        {QStringLiteral("connectSeconds"), std::round(connectSeconds * 1000) / 1000},
        {QStringLiteral("connectsPerSec"),
            connectSeconds > 0 ? std::round(10 * double(connected) / connectSeconds) / 10 : 0.0},
        {QStringLiteral("errors"), errors.total()}, {QStringLiteral("errorsByKind"), errors.toJson()}};
    if (rssBefore >= 0 && rssAfter >= 0) {
        result.insert(QStringLiteral("rssBeforeKiB"), rssBefore);
        result.insert(QStringLiteral("rssAfterKiB"), rssAfter);
        if (stillConnected > 0) {
            result.insert(QStringLiteral("bytesPerSocket"),
                std::llround(double(rssAfter - rssBefore) * 1024.0 / double(stillConnected)));
        }
    }
    return result;
}

} // namespace vw::load
