#include "server/realtime/realtimegateway.h"

#include "common/crypto/noncepool.h"
#include "common/realtime/socketpacket.h"
#include "server/http/authenticator.h"
#include "server/messaging/messagingmodule.h"
#include "server/realtime/engineconnection.h"
#include "server/realtime/eventframe.h"
#include "server/realtime/steadyclock.h"
#include "server/store/writebehind.h"
#include "server/users/userrepository.h"
#include "server/websocket/websocketconnection.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>

namespace vw::server::realtime {

namespace {

Q_LOGGING_CATEGORY(lcGateway, "vw.realtime")

using vw::realtime::SocketPacket;

// A socket.io-style id: 120 random bits, URL-safe, 20 characters. It names the socket in
// logs and to the client; it grants nothing (the access token does).
QString newSocketId()
{
    auto bytes = crypto::randomNonce(15);
    if (!bytes)
        return QUuid::createUuid().toString(QUuid::Id128);
    return QString::fromLatin1(bytes.value().toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace

RealtimeGateway::RealtimeGateway(const ServerContext &context, const RealtimeSettings &settings,
    http::Authenticator &authenticator, messaging::MessagingModule &messaging, QObject *parent)
    : QObject(parent),
      m_context(context),
      m_settings(settings),
      m_authenticator(authenticator),
      m_handlers(context, m_hub, messaging.messages(), messaging.conversations(), settings),
      m_fanout(context, m_hub, messaging.events(), messaging.conversations(), settings)
{
    m_sweepTimer.setInterval(m_settings.sweepIntervalMs);
    connect(&m_sweepTimer, &QTimer::timeout, this, &RealtimeGateway::sweep);
    m_sweepTimer.start();
}

RealtimeGateway::~RealtimeGateway()
{
    m_sweepTimer.stop();
    // Whoever is online at shutdown was last seen now.
    QSet<QUuid> online;
    for (const ClientSocket *socket : m_hub.all()) {
        if (socket->isAuthenticated())
            online.insert(socket->principal().userId);
    }
    const QDateTime now = m_context.clock.nowUtc();
    for (const QUuid &userId : online)
        storeLastSeen(userId, now);
}

void RealtimeGateway::accept(std::unique_ptr<websocket::WebSocketConnection> webSocket)
{
    const SocketId id = m_nextSocketId++;
    auto *engine = new EngineConnection(std::move(webSocket), m_settings, this);
    const qint64 now = steadyNowMs();
    m_hub.add(
        std::make_unique<ClientSocket>(id, engine, ClientInfo {engine->peerAddress(), engine->userAgent()},
            now + m_settings.connectTimeoutMs, m_settings.maxPendingDeliveries));
    connect(engine, &EngineConnection::packetReceived, this,
        [this, id](const SocketPacket &packet) { onPacket(id, packet); });
    connect(
        engine, &EngineConnection::closed, this, [this, id](const QString &reason) { onClosed(id, reason); });
    if (engine->open(newSocketId(), now))
        qCDebug(lcGateway) << "socket" << id << "opened from" << engine->peerAddress();
}

void RealtimeGateway::onPacket(SocketId id, const SocketPacket &packet)
{
    ClientSocket *socket = m_hub.find(id);
    if (!socket)
        return;
    if (packet.type() == SocketPacket::Type::Connect) {
        handleConnect(*socket, packet);
        return;
    }
    // Like socket.io: a packet for a namespace the socket is not connected to is a protocol
    // violation (events before CONNECT included), and so is anything binary.
    if (!socket->isAuthenticated() || packet.nsp() != kMessagingNamespace) {
        kick(*socket, QStringLiteral("invalid state"));
        return;
    }
    switch (packet.type()) {
    case SocketPacket::Type::Event:
        handleEvent(*socket, packet);
        return;
    case SocketPacket::Type::Ack:
        if (packet.ackId())
            m_handlers.acknowledgeDelivery(*socket, *packet.ackId());
        return;
    case SocketPacket::Type::Disconnect:
        socket->engine().close(QStringLiteral("client namespace disconnect"));
        return;
    case SocketPacket::Type::Connect:
    case SocketPacket::Type::ConnectError:
    case SocketPacket::Type::BinaryEvent:
    case SocketPacket::Type::BinaryAck:
        break;
    }
    kick(*socket, QStringLiteral("parse error"));
}

void RealtimeGateway::handleConnect(ClientSocket &socket, const SocketPacket &packet)
{
    EngineConnection &engine = socket.engine();
    if (packet.nsp() != kMessagingNamespace) {
        engine.sendPacket(SocketPacket::connectError(packet.nsp(), QStringLiteral("Invalid namespace")));
        return;
    }
    if (socket.isAuthenticated()) { // a repeated CONNECT: confirm the same session again
        engine.sendPacket(SocketPacket::connectAccepted(packet.nsp(), socket.sid()));
        return;
    }
    const QJsonValue token = packet.payload().toObject().value(QStringLiteral("token"));
    auto principal = token.isString() ? m_authenticator.authenticate(token.toString().toUtf8())
                                      : Result<Principal, ServiceError>(ServiceError::unauthorized());
    if (!principal) {
        engine.sendPacket(SocketPacket::connectError(packet.nsp(), QStringLiteral("Unauthorized")));
        if (socket.countFailedConnect() >= m_settings.maxFailedConnects)
            kick(socket, QStringLiteral("too many refused connects"));
        return;
    }
    const Principal &who = principal.value();
    socket.authenticate(who, newSocketId());
    m_hub.rooms().join(RoomRegistry::userRoom(who.userId), socket.id());
    m_hub.rooms().join(RoomRegistry::sessionRoom(who.sessionId), socket.id());
    engine.sendPacket(SocketPacket::connectAccepted(packet.nsp(), socket.sid()));
    qCInfo(lcGateway).noquote() << "socket" << socket.id() << "connected as user"
                                << who.userId.toString(QUuid::WithoutBraces);
    if (m_hub.presence().addSocket(who.userId))
        wentOnline(who.userId);
}

void RealtimeGateway::handleEvent(ClientSocket &socket, const SocketPacket &packet)
{
    const std::optional<qint64> ackId = packet.ackId();
    m_handlers.handle(socket, packet.eventName(), packet.eventArgs(),
        [this, socketId = socket.id(), ackId](const AckPayload &ack) {
            if (!ackId)
                return;
            // A send is answered after its commit: the socket may have gone meanwhile.
            if (ClientSocket *target = m_hub.find(socketId))
                target->engine().sendUtf8Frame(ackFrame(kMessagingNamespace, *ackId, ack.toJsonText()));
        });
}

void RealtimeGateway::kick(ClientSocket &socket, const QString &reason)
{
    ++m_misbehavingClosed;
    qCInfo(lcGateway).noquote() << "closing socket" << socket.id() << "from" << socket.client().ip << ":"
                                << reason;
    socket.engine().close(reason, websocket::CloseCode::PolicyViolation);
}

void RealtimeGateway::disconnectSession(const QUuid &sessionId)
{
    for (const SocketId id : m_hub.rooms().members(RoomRegistry::sessionRoom(sessionId))) {
        if (ClientSocket *socket = m_hub.find(id)) {
            // The namespace DISCONNECT tells socket.io clients not to reconnect on their own
            // ("io server disconnect"); then the transport goes.
            socket->engine().sendPacket(SocketPacket::disconnect(kMessagingNamespace));
            socket->engine().close(QStringLiteral("session revoked"));
        }
    }
}

void RealtimeGateway::onClosed(SocketId id, const QString &reason)
{
    std::unique_ptr<ClientSocket> socket = m_hub.remove(id);
    if (!socket)
        return;
    if (socket->isAuthenticated()) {
        const QUuid userId = socket->principal().userId;
        qCInfo(lcGateway).noquote() << "socket" << id << "of user" << userId.toString(QUuid::WithoutBraces)
                                    << "disconnected:" << reason;
        if (m_hub.presence().removeSocket(userId))
            wentOffline(userId);
    }
    if (m_closing.empty())
        QMetaObject::invokeMethod(
            this, [this] { m_closing.clear(); }, Qt::QueuedConnection);
    m_closing.push_back(std::move(socket));
}

void RealtimeGateway::sweep()
{
    const qint64 now = steadyNowMs();
    for (ClientSocket *socket : m_hub.all()) {
        if (!socket->isAuthenticated() && now >= socket->connectDeadlineMs())
            socket->engine().close(QStringLiteral("connect timeout"), websocket::CloseCode::PolicyViolation);
        else
            socket->engine().heartbeat(now);
    }
    m_fanout.expireTyping(now);
}

void RealtimeGateway::wentOnline(const QUuid &userId)
{
    storeLastSeenAndAnnounce(userId, true);
}

void RealtimeGateway::wentOffline(const QUuid &userId)
{
    storeLastSeenAndAnnounce(userId, false);
}

void RealtimeGateway::storeLastSeenAndAnnounce(const QUuid &userId, bool online)
{
    const QDateTime now = m_context.clock.nowUtc();
    // Announced once stored, so whoever hears of it and asks finds the same lastSeenAt. A user
    // who came back (or left again) meanwhile is not announced stale: the later change follows.
    storeLastSeen(userId, now, [gateway = QPointer<RealtimeGateway>(this), userId, online, now] {
        RealtimeGateway *self = gateway.data();
        if (self && self->m_hub.presence().isOnline(userId) == online)
            self->m_fanout.announcePresence(userId, online, now);
    });
}

void RealtimeGateway::storeLastSeen(const QUuid &userId, const QDateTime &at, std::function<void()> then)
{
    // Written behind: a socket coming or going must not wait for the disk.
    const auto stored = store::writeBehind(
        m_context.committer, m_context.database,
        [userId, at](
            store::Database &database) { return users::UserRepository(database).updateLastSeen(userId, at); },
        "when a user was last seen", std::move(then));
    if (!stored)
        qCWarning(lcGateway) << "cannot store when a user was last seen:" << stored.error().detail;
}

} // namespace vw::server::realtime
