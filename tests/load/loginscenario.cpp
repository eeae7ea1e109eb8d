#include "tests/load/loginscenario.h"

#include "app/client/apiclient.h"
#include "app/client/serverendpoint.h"
#include "tests/load/clinicsetup.h"
#include "tests/load/errortally.h"
#include "tests/load/eventwait.h"
#include "tests/load/latencyrecorder.h"
#include "tests/load/monoclock.h"
#include "tests/load/progress.h"
#include "tests/load/usagesample.h"

#include <QTimer>

#include <cmath>
#include <memory>
#include <vector>

namespace vw::load {

namespace {

// Each ApiClient's QNetworkAccessManager keeps at most six connections to the server; four of
// them let 24 logins overlap before requests queue on our side.
constexpr int kClients = 4;
constexpr int kDrainTimeoutMs = 30'000;

} // namespace

Result<QJsonObject, QString> LoginScenario::run()
{
    const LoadgenOptions &o = m_options;
    ClinicSetup setup(o.url, o.serverBinary, o.dataDir);
    progress(QStringLiteral("creating %1 users (prefix %2)").arg(o.loginUsers).arg(setup.prefix()));
    auto users = setup.createUsers(QStringLiteral("login"), QStringLiteral("patient"), o.loginUsers);
    if (!users)
        return users.error();

    const auto endpoint = client::ServerEndpoint::parse(o.url.toString());
    std::vector<std::unique_ptr<client::ApiClient>> clients;
    for (int i = 0; i < kClients; ++i)
        clients.push_back(std::make_unique<client::ApiClient>(endpoint.value()));

    LatencyRecorder latency;
    ErrorTally errors;
    qint64 attempted = 0;
    qint64 succeeded = 0;
    int outstanding = 0;
    const qint64 intervalNs = std::max<qint64>(1, std::llround(double(kNsPerSecond) / o.rate));
    const qint64 startNs = monoNowNs() + 50 * kNsPerMs;
    const qint64 endNs = startNs + std::llround(o.durationS * double(kNsPerSecond));
    qint64 nextDueNs = startNs;

    EventWait finished;
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    const auto issue = [&](qint64 dueNs) {
        const UserSpec &user = users->at(attempted % users->size());
        client::ApiClient &api = *clients[std::size_t(attempted % kClients)];
        ++attempted;
        ++outstanding;
        // Latency counts from the slot, so a backlog on our side or the server's shows.
        api.login(
            user.username, user.password, [&, dueNs](const Result<client::AuthSession, client::ApiError> &r) {
                latency.add(monoNowNs() - dueNs);
                if (r)
                    ++succeeded;
                else
                    errors.add(QStringLiteral("login:%1").arg(r.error().status));
                if (--outstanding == 0 && !pacer.isActive())
                    finished.done();
            });
    };
    QObject::connect(&pacer, &QTimer::timeout, [&] {
        const qint64 now = monoNowNs();
        while (nextDueNs <= now && nextDueNs < endNs) {
            issue(nextDueNs);
            nextDueNs += intervalNs;
        }
        if (nextDueNs >= endNs) {
            pacer.stop();
            if (outstanding == 0)
                finished.done();
        }
    });
    progress(QStringLiteral("logging in at %1/s for %2 s").arg(o.rate).arg(o.durationS));
    const UsageSample before = UsageSample::take(o.serverPid);
    pacer.start(1);
    const bool drained = finished.wait(int(o.durationS * 1000) + kDrainTimeoutMs);
    const UsageSample after = UsageSample::take(o.serverPid);
    // Calls still running must not call back into this frame once it returns.
    clients.clear();
    errors.add(QStringLiteral("timeout"), drained ? 0 : outstanding);

    const double seconds = double(endNs - startNs) / double(kNsPerSecond);
    return QJsonObject {{QStringLiteral("attempted"), attempted}, {QStringLiteral("succeeded"), succeeded},
        {QStringLiteral("loginsPerSec"), std::round(10 * double(succeeded) / seconds) / 10},
        {QStringLiteral("latencyMs"), latency.toJsonMs()}, {QStringLiteral("errors"), errors.total()},
        {QStringLiteral("errorsByKind"), errors.toJson()},
        {QStringLiteral("measuredUsage"), usageBetween(before, after)}};
}

} // namespace vw::load
