#include "server/realtime/engineconnection.h"

#include "common/realtime/engineopen.h"
#include "common/realtime/enginepacket.h"
#include "server/realtime/steadyclock.h"

#include <QLoggingCategory>
#include <QUrlQuery>
#include <QWebSocket>

namespace vw::server::realtime {

namespace {

Q_LOGGING_CATEGORY(lcEngine, "vw.realtime.engine")

using vw::realtime::EngineOpen;
using vw::realtime::EnginePacket;
using vw::realtime::SocketPacket;

// How long a closing peer gets to answer the WebSocket close frame.
constexpr int kCloseGraceMs = 2000;

} // namespace

EngineConnection::EngineConnection(
    std::unique_ptr<QWebSocket> socket, const RealtimeSettings &settings, QObject *parent)
    : QObject(parent), m_socket(std::move(socket)), m_settings(settings)
{
    // Qt's default is ~2 GiB; a message beyond maxPayload closes the socket with 1009.
    m_socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(m_settings.maxPayloadBytes));
    m_socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(m_settings.maxPayloadBytes));
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &EngineConnection::onTextMessage);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, &EngineConnection::onBinaryMessage);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &EngineConnection::onDisconnected);
    m_abortTimer.setSingleShot(true);
    m_abortTimer.setInterval(kCloseGraceMs);
    connect(&m_abortTimer, &QTimer::timeout, this, [this] { m_socket->abort(); });
}

EngineConnection::~EngineConnection()
{
    // Destroyed by the gateway (or at shutdown): no signal may reach it any more.
    m_socket->disconnect(this);
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
}

bool EngineConnection::open(const QString &sid, qint64 nowMs)
{
    const QUrlQuery query(m_socket->requestUrl());
    if (query.queryItemValue(QStringLiteral("EIO")) != u"4"
        || query.queryItemValue(QStringLiteral("transport")) != u"websocket") {
        qCInfo(lcEngine) << "refusing a WebSocket from" << peerAddress()
                         << "that is not Engine.IO 4 over websocket";
        close(QStringLiteral("unsupported protocol"), QWebSocketProtocol::CloseCodeProtocolError);
        return false;
    }
    m_frameTokens = m_settings.frameBurst;
    m_frameTokensAtMs = nowMs;
    m_nextPingMs = nowMs + m_settings.pingIntervalMs;
    const EngineOpen handshake(
        sid, m_settings.pingIntervalMs, m_settings.pingTimeoutMs, m_settings.maxPayloadBytes);
    sendFrame(handshake.toPacket().encode());
    return true;
}

QString EngineConnection::peerAddress() const
{
    return m_socket->peerAddress().toString();
}

QString EngineConnection::userAgent() const
{
    return QString::fromUtf8(m_socket->request().rawHeader("User-Agent")).left(256);
}

void EngineConnection::sendFrame(const QString &frame)
{
    if (!m_closed)
        m_socket->sendTextMessage(frame);
}

void EngineConnection::sendPacket(const SocketPacket &packet)
{
    sendFrame(packet.encodeFrame());
}

void EngineConnection::close(const QString &reason, QWebSocketProtocol::CloseCode code)
{
    if (m_closed)
        return;
    m_closed = true;
    m_socket->close(code, reason);
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_abortTimer.start();
    emit closed(reason);
}

void EngineConnection::heartbeat(qint64 nowMs)
{
    if (m_closed)
        return;
    if (m_pongDeadlineMs != 0) {
        if (nowMs >= m_pongDeadlineMs)
            close(QStringLiteral("ping timeout"), QWebSocketProtocol::CloseCodeGoingAway);
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
        close(QStringLiteral("flood"), QWebSocketProtocol::CloseCodePolicyViolated);
        return;
    }
    auto engine = EnginePacket::decode(frame);
    if (!engine) {
        qCInfo(lcEngine).noquote() << "closing" << peerAddress()
                                   << "after an undecodable frame:" << engine.error().errorString();
        close(QStringLiteral("parse error"), QWebSocketProtocol::CloseCodeProtocolError);
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
        close(QStringLiteral("parse error"), QWebSocketProtocol::CloseCodeProtocolError);
        return;
    case EnginePacket::Type::Message:
        break;
    }
    auto packet = SocketPacket::decode(engine.value().payload());
    if (!packet) {
        qCInfo(lcEngine).noquote() << "closing" << peerAddress() << "after an undecodable Socket.IO packet:"
                                   << packet.error().errorString();
        close(QStringLiteral("parse error"), QWebSocketProtocol::CloseCodeProtocolError);
        return;
    }
    emit packetReceived(packet.value());
}

void EngineConnection::onBinaryMessage()
{
    if (m_closed)
        return;
    qCInfo(lcEngine) << "closing" << peerAddress() << "after a binary frame (not supported)";
    close(QStringLiteral("parse error"), QWebSocketProtocol::CloseCodeDatatypeNotSupported);
}

void EngineConnection::onDisconnected()
{
    m_abortTimer.stop();
    if (m_closed)
        return;
    m_closed = true;
    emit closed(m_socket->closeCode() == QWebSocketProtocol::CloseCodeTooMuchData
            ? QStringLiteral("message too large")
            : QStringLiteral("transport close"));
}

} // namespace vw::server::realtime
