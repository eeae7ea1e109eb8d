#pragma once

#include "server/core/servercontext.h"
#include "server/realtime/realtimesettings.h"

#include <memory>

class QHttpServer;

namespace vw::server::auth {
class AuthModule;
}
namespace vw::server::http {
class ConnectionGuard;
class HttpApi;
} // namespace vw::server::http
namespace vw::server::messaging {
class MessagingModule;
}
namespace vw::server::metrics {
class Metrics;
}
namespace vw::server::realtime {

class RealtimeGateway;

// The realtime gateway as one unit for the server to wire in: builds the gateway, drops the
// sockets of revoked sessions, gives the user directory its presence, and puts the
// Socket.IO endpoint on the REST port.
//
//     realtime::RealtimeModule realtime(context, settings, auth, messaging);
//     realtime.install(httpServer, api);
//     realtime.acceptUpgradesFrom(guard);
class RealtimeModule
{
    Q_DISABLE_COPY_MOVE(RealtimeModule)

public:
    static inline const QString kUpgradePath = QStringLiteral("/socket.io/");

    RealtimeModule(const ServerContext &context, const RealtimeSettings &settings, auth::AuthModule &auth,
        messaging::MessagingModule &messaging);
    ~RealtimeModule();

    // A request on the upgrade path that is not an upgrade (long-polling) gets a 400
    // through `api` on `server`.
    void install(QHttpServer &server, http::HttpApi &api);
    // WebSocket upgrades the guard accepts become Socket.IO connections.
    void acceptUpgradesFrom(http::ConnectionGuard &guard);
    void registerMetrics(metrics::Metrics &metrics);

    RealtimeGateway &gateway() { return *m_gateway; }

private:
    const RealtimeSettings m_settings;
    auth::AuthModule &m_auth;
    std::unique_ptr<RealtimeGateway> m_gateway;
};

} // namespace vw::server::realtime
