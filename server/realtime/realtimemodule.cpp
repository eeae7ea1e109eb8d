#include "server/realtime/realtimemodule.h"

#include "server/auth/authmodule.h"
#include "server/auth/authservice.h"
#include "server/auth/userdirectory.h"
#include "server/http/connectionguard.h"
#include "server/http/httpapi.h"
#include "server/http/httpresponse.h"
#include "server/metrics/metrics.h"
#include "server/realtime/realtimegateway.h"
#include "server/websocket/websocketconnection.h"

#include <QHttpServer>
#include <QPointer>

namespace vw::server::realtime {

RealtimeModule::RealtimeModule(const ServerContext &context, const RealtimeSettings &settings,
    auth::AuthModule &auth, messaging::MessagingModule &messaging)
    : m_settings(settings),
      m_auth(auth),
      m_gateway(std::make_unique<RealtimeGateway>(context, m_settings, auth.authenticator(), messaging))
{
    QObject::connect(&auth.authService(), &auth::AuthService::sessionRevoked, m_gateway.get(),
        &RealtimeGateway::disconnectSession);
    auth.userDirectory().setPresence(&m_gateway->presence());
}

RealtimeModule::~RealtimeModule()
{
    m_auth.userDirectory().setPresence(nullptr);
}

void RealtimeModule::install(QHttpServer &server, http::HttpApi &api)
{
    api.router().add("GET", kUpgradePath, http::Access::Public, [](const http::RequestContext &) {
        return http::HttpResponse::error(ServiceError::badRequest(QStringLiteral(
            "Only the websocket transport is supported: connect with transports: ['websocket']")));
    });
    server.route(kUpgradePath, [&api](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        api.serve(request, responder);
    });
}

void RealtimeModule::acceptUpgradesFrom(http::ConnectionGuard &guard)
{
    // The guard takes upgrades away from QtHttpServer before it reads them (see
    // server/websocket for why our own WebSocket layer).
    QPointer<RealtimeGateway> gateway = m_gateway.get();
    const qint64 maxMessageBytes = m_settings.maxPayloadBytes;
    guard.setUpgradeHandler([gateway, maxMessageBytes](http::UpgradedConnection &&upgraded) {
        if (!gateway) { // shutting down
            upgraded.socket->abort();
            upgraded.socket.release()->deleteLater(); // inside its own readyRead
            return;
        }
        gateway->accept(websocket::WebSocketConnection::adopt(std::move(upgraded), maxMessageBytes));
    });
}

void RealtimeModule::registerMetrics(metrics::Metrics &metrics)
{
    QPointer<RealtimeGateway> gateway = m_gateway.get();
    const auto read = [gateway](auto member) {
        return [gateway, member] { return gateway ? static_cast<double>(((*gateway).*member)()) : 0.0; };
    };
    metrics.registerGauge(QStringLiteral("vytalwatch_realtime_sockets"),
        QStringLiteral("Open Socket.IO WebSocket connections."), read(&RealtimeGateway::socketCount));
    metrics.registerGauge(QStringLiteral("vytalwatch_realtime_authenticated_sockets"),
        QStringLiteral("Sockets connected to /messaging with a valid token."),
        read(&RealtimeGateway::authenticatedSocketCount));
    metrics.registerGauge(QStringLiteral("vytalwatch_realtime_online_users"),
        QStringLiteral("Users with at least one connected socket."), read(&RealtimeGateway::onlineUserCount));
    metrics.registerCounter(QStringLiteral("vytalwatch_realtime_misbehaving_closed_total"),
        QStringLiteral("Sockets closed for protocol violations or flooding."),
        read(&RealtimeGateway::misbehavingClosed));
}

} // namespace vw::server::realtime
