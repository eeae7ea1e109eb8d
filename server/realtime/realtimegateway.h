#pragma once

#include "server/core/servercontext.h"
#include "server/realtime/clienteventhandlers.h"
#include "server/realtime/messagingfanout.h"
#include "server/realtime/realtimehub.h"
#include "server/realtime/realtimesettings.h"

#include <QObject>

#include <QTimer>
#include <QUuid>
#include <functional>

#include <memory>
#include <vector>

namespace vw::server::websocket {
class WebSocketConnection;
}

namespace vw::realtime {
class SocketPacket;
}
namespace vw::server::http {
class Authenticator;
}
namespace vw::server::messaging {
class MessagingModule;
}

namespace vw::server::realtime {

// The Socket.IO v4 endpoint for namespace /messaging on upgraded WebSockets: the namespace
// CONNECT with the REST access token, presence (online with the first socket of a user,
// offline with the last, lastSeenAt stored), routing of client events to the handlers, and
// the lifecycle — one sweep timer for heartbeats, connect deadlines and typing expiry, and
// at-once disconnection of the sockets of a revoked session.
class RealtimeGateway : public QObject
{
    Q_OBJECT
public:
    RealtimeGateway(const ServerContext &context, const RealtimeSettings &settings,
        http::Authenticator &authenticator, messaging::MessagingModule &messaging, QObject *parent = nullptr);
    ~RealtimeGateway() override;

    // Takes an upgraded WebSocket and starts the Engine.IO handshake on it.
    void accept(std::unique_ptr<websocket::WebSocketConnection> socket);
    // Disconnects every socket signed in with the session (logout, revocation by an admin).
    void disconnectSession(const QUuid &sessionId);

    const PresenceSource &presence() const { return m_hub.presence(); }
    int socketCount() const { return m_hub.socketCount(); }
    int authenticatedSocketCount() const { return m_hub.authenticatedCount(); }
    int onlineUserCount() const { return m_hub.presence().onlineUsers(); }
    // Sockets closed for breaking the protocol or flooding, since start.
    qint64 misbehavingClosed() const { return m_misbehavingClosed; }

private:
    void onPacket(SocketId id, const vw::realtime::SocketPacket &packet);
    void onClosed(SocketId id, const QString &reason);
    void handleConnect(ClientSocket &socket, const vw::realtime::SocketPacket &packet);
    void handleEvent(ClientSocket &socket, const vw::realtime::SocketPacket &packet);
    void kick(ClientSocket &socket, const QString &reason);
    void sweep();
    void wentOnline(const QUuid &userId);
    void wentOffline(const QUuid &userId);
    void storeLastSeenAndAnnounce(const QUuid &userId, bool online);
    void storeLastSeen(const QUuid &userId, const QDateTime &at, std::function<void()> then = {});

    const ServerContext &m_context;
    const RealtimeSettings &m_settings;
    http::Authenticator &m_authenticator;
    RealtimeHub m_hub;
    ClientEventHandlers m_handlers;
    MessagingFanout m_fanout;
    QTimer m_sweepTimer;
    SocketId m_nextSocketId = 1;
    // Closed sockets wait here until control is back in the event loop: a socket may be
    // closed from inside its own handler, which must not find itself deleted.
    std::vector<std::unique_ptr<ClientSocket>> m_closing;
    qint64 m_misbehavingClosed = 0;
};

} // namespace vw::server::realtime
