#include "server/realtime/engineconnection.h"

#include "common/realtime/engineopen.h"
#include "common/realtime/enginepacket.h"
#include "server/realtime/realtimemodule.h"
#include "server/realtime/steadyclock.h"
#include "server/websocket/websocketconnection.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QUrl>
#include <QUrlQuery>

namespace vw::server::realtime {

namespace {

Q_LOGGING_CATEGORY(lcEngine, "vw.realtime.engine")

using vw::realtime::EngineOpen;
using vw::realtime::EnginePacket;
using vw::realtime::SocketPacket;
using websocket::CloseCode;

// The upgrade path, with or without its trailing slash (socket.io clients send both).
bool isSocketIoPath(const QString &path)
{
    return path == RealtimeModule::kUpgradePath
        || path == QStringView(RealtimeModule::kUpgradePath).chopped(1);
}

} // namespace

EngineConnection::EngineConnection(
    std::unique_ptr<websocket::WebSocketConnection> socket, const RealtimeSettings &settings, QObject *parent)
    : QObject(parent), m_socket(std::move(socket)), m_settings(settings)
{
    // The socket's decoder already closes with 1009 beyond maxPayload (see RealtimeModule).
    connect(m_socket.get(), &websocket::WebSocketConnection::textMessageReceived, this,
        &EngineConnection::onTextMessage);
    connect(m_socket.get(), &websocket::WebSocketConnection::binaryMessageReceived, this,
        &EngineConnection::onBinaryMessage);
    connect(m_socket.get(), &websocket::WebSocketConnection::disconnected, this,
        &EngineConnection::onDisconnected);
}

EngineConnection::~EngineConnection()
{
    // Destroyed by the gateway (or at shutdown): no signal may reach it any more. The
    // socket's own destructor drops the connection if it is still up.
    m_socket->disconnect(this);
}

bool EngineConnection::open(const QString &sid, qint64 nowMs)
{
    const QUrl url = QUrl::fromEncoded(m_socket->requestTarget());
    const QUrlQuery query(url);
    if (!isSocketIoPath(url.path()) || query.queryItemValue(QStringLiteral("EIO")) != u"4"
        || query.queryItemValue(QStringLiteral("transport")) != u"websocket") {
        qCInfo(lcEngine) << "refusing a WebSocket from" << peerAddress()
                         << "that is not Engine.IO 4 over websocket";
        close(QStringLiteral("unsupported protocol"), CloseCode::ProtocolError);
        return false;
    }
    m_frameTokens = m_settings.frameBurst;
    m_frameTokensAtMs = nowMs;
    // The first ping at a random point of the second half of the first interval, not at its
    // end: clients that connect together (a restart, a clinic's morning) would otherwise be
    // pinged together every interval ever after (the next ping follows each pong), thousands
    // in one sweep with their pongs right behind. Earlier than the interval is within
    // Engine.IO (a client only needs a ping at least every pingInterval + pingTimeout). Not
    // before its middle: half the interval still spreads a burst over 25 sweeps by default.
    const int halfInterval = m_settings.pingIntervalMs / 2;
    m_nextPingMs = nowMs + halfInterval + 1
        + QRandomGenerator::global()->bounded(qMax(1, m_settings.pingIntervalMs - halfInterval));
    const EngineOpen handshake(
        sid, m_settings.pingIntervalMs, m_settings.pingTimeoutMs, m_settings.maxPayloadBytes);
    sendFrame(handshake.toPacket().encode());
    return true;
}

QString EngineConnection::peerAddress() const
{
    return m_socket->peerAddress();
}

QString EngineConnection::userAgent() const
{
    return QString::fromUtf8(m_socket->userAgent()).left(256);
}

void EngineConnection::sendFrame(const QString &frame)
{
    if (!m_closed)
        m_socket->sendText(frame);
}

void EngineConnection::sendUtf8Frame(QByteArrayView frame)
{
    if (!m_closed)
        m_socket->sendText(frame);
}

void EngineConnection::sendPacket(const SocketPacket &packet)
{
    sendFrame(packet.encodeFrame());
}

void EngineConnection::close(const QString &reason, CloseCode code)
{
    if (m_closed)
        return;
    m_closed = true;
    m_socket->close(code, reason);
    emit closed(reason);
}

void EngineConnection::deleteWhenDone()
{
    // As RFC 6455 asks, the peer gets to answer our close frame before the server ends the
    // TCP connection; the engine stays (silent: it is closed) until then.
    if (m_socket->isConnected() && !m_socket->isOpen()) {
        connect(m_socket.get(), &websocket::WebSocketConnection::disconnected, this, &QObject::deleteLater);
        return;
    }
    deleteLater();
}

void EngineConnection::heartbeat(qint64 nowMs)
{
    if (m_closed)
        return;
    if (m_pongDeadlineMs != 0) {
        if (nowMs >= m_pongDeadlineMs)
            close(QStringLiteral("ping timeout"), CloseCode::GoingAway);
        return;
    }
    if (nowMs >= m_nextPingMs) {
        sendFrame(EnginePacket(EnginePacket::Type::Ping).encode());
        m_pongDeadlineMs = nowMs + m_settings.pingTimeoutMs;
    }
}

bool EngineConnection::withinFrameBudget(qint64 nowMs)
{
    if (m_settings.maxFramesPerSecond <= 0)
        return true;
    const double refill = double(nowMs - m_frameTokensAtMs) * m_settings.maxFramesPerSecond / 1000.0;
    m_frameTokens = qMin<double>(m_settings.frameBurst, m_frameTokens + refill);
    m_frameTokensAtMs = nowMs;
    if (m_frameTokens < 1.0)
        return false;
    m_frameTokens -= 1.0;
    return true;
}

void EngineConnection::onTextMessage(const QString &frame)
{
    if (m_closed)
        return;
    const qint64 now = steadyNowMs();
    if (!withinFrameBudget(now)) {
        qCWarning(lcEngine) << "closing a flooding socket from" << peerAddress();
        close(QStringLiteral("flood"), CloseCode::PolicyViolation);
        return;
    }
    auto engine = EnginePacket::decode(frame);
    if (!engine) {
        qCInfo(lcEngine).noquote() << "closing" << peerAddress()
                                   << "after an undecodable frame:" << engine.error().errorString();
        close(QStringLiteral("parse error"), CloseCode::ProtocolError);
        return;
    }
    switch (engine.value().type()) {
    case EnginePacket::Type::Pong:
        m_pongDeadlineMs = 0;
        m_nextPingMs = now + m_settings.pingIntervalMs;
        return;
    case EnginePacket::Type::Close:
        close(QStringLiteral("transport close"));
        return;
    case EnginePacket::Type::Ping: // v3 clients pinged; v4 peers never do, but it is harmless
    case EnginePacket::Type::Noop:
    case EnginePacket::Type::Upgrade: // already on the only transport we serve
        return;
    case EnginePacket::Type::Open:
        qCInfo(lcEngine) << "closing" << peerAddress() << "after an Engine.IO OPEN from the client";
        close(QStringLiteral("parse error"), CloseCode::ProtocolError);
        return;
    case EnginePacket::Type::Message:
        break;
    }
    auto packet = SocketPacket::decode(engine.value().payload());
    if (!packet) {
        qCInfo(lcEngine).noquote() << "closing" << peerAddress() << "after an undecodable Socket.IO packet:"
                                   << packet.error().errorString();
        close(QStringLiteral("parse error"), CloseCode::ProtocolError);
        return;
    }
    emit packetReceived(packet.value());
}

void EngineConnection::onBinaryMessage()
{
    if (m_closed)
        return;
    qCInfo(lcEngine) << "closing" << peerAddress() << "after a binary frame (not supported)";
    close(QStringLiteral("parse error"), CloseCode::UnsupportedData);
}

void EngineConnection::onDisconnected()
{
    if (m_closed)
        return;
    m_closed = true;
    emit closed(m_socket->closeCode() == CloseCode::MessageTooBig ? QStringLiteral("message too large")
                                                                  : QStringLiteral("transport close"));
}

} // namespace vw::server::realtime
