#include "tests/load/rawloadsocket.h"

#include "common/realtime/socketpacket.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>

namespace vw::load {

namespace {

const QString kNamespace = QStringLiteral("/messaging");
const QString kSocketPath = QStringLiteral("/socket.io/?EIO=4&transport=websocket");
constexpr qsizetype kMaxUpgradeReplyBytes = 16 * 1024;
// Output a server that stopped reading may leave queued before the connection counts as lost.
constexpr qint64 kMaxQueuedBytes = 64 * 1024 * 1024;

// The event name of a Socket.IO EVENT frame ("42/messaging,17[\"name\",…]") without decoding
// its JSON; empty if the frame does not look like one. Our event names need no escapes.
QByteArrayView peekEventName(QByteArrayView frame)
{
    if (!frame.startsWith("42"))
        return {};
    qsizetype i = 2;
    if (i < frame.size() && frame[i] == '/') {
        while (i < frame.size() && frame[i] != ',')
            ++i;
        ++i;
    }
    while (i < frame.size() && frame[i] >= '0' && frame[i] <= '9')
        ++i;
    if (i + 1 >= frame.size() || frame[i] != '[' || frame[i + 1] != '"')
        return {};
    const qsizetype start = i + 2;
    const qsizetype end = frame.indexOf('"', start);
    return end < 0 ? QByteArrayView() : frame.sliced(start, end - start);
}

} // namespace

RawLoadSocket::RawLoadSocket(const QHostAddress &sourceAddress, int connectTimeoutMs, QObject *parent)
    : LoadSocket(parent),
      m_sourceAddress(sourceAddress),
      m_connectTimer(this),
      m_maskState(QRandomGenerator::global()->generate() | 1)
{
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(connectTimeoutMs);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] { fail(QStringLiteral("connect timeout")); });
}

RawLoadSocket::~RawLoadSocket()
{
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
    if (m_transport)
        m_transport->abort();
}

void RawLoadSocket::setWantedEvents(const QStringList &names)
{
    m_wanted = QSet<QString>(names.begin(), names.end());
}

void RawLoadSocket::open(const QUrl &serverUrl, const QString &accessToken)
{
    m_token = accessToken;
    m_host = serverUrl.host();
    const int port = serverUrl.port(3000);
    QByteArray nonce(16, Qt::Uninitialized);
    for (char &byte : nonce)
        byte = char(QRandomGenerator::global()->bounded(256));
    m_key = nonce.toBase64();

    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, [this, port] {
        // Frames are small and latency is what we measure: no Nagle delay on our side either.
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_socket->write(websocket::upgradeRequest(m_host, port, kSocketPath, m_key));
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &RawLoadSocket::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] { fail(m_socket->errorString()); });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { fail(QStringLiteral("transport close")); });

    m_phase = Phase::Upgrading;
    m_connectTimer.start();
    if (!m_sourceAddress.isNull() && !m_socket->bind(m_sourceAddress)) {
        fail(QStringLiteral("cannot bind %1: %2").arg(m_sourceAddress.toString(), m_socket->errorString()));
        return;
    }
    m_socket->connectToHost(m_host, quint16(port));
}

void RawLoadSocket::onReadyRead()
{
    m_upgradeReply += m_socket->readAll();
    if (!readUpgradeReply())
        return;
    QTcpSocket *socket = std::exchange(m_socket, nullptr);
    disconnect(socket, nullptr, this, nullptr);
    socket->setParent(nullptr);
    m_transport
        = server::websocket::StreamTransport::adopt(std::unique_ptr<QTcpSocket>(socket), kMaxQueuedBytes);
    m_transport->start(*this);
    readFrames();
}

void RawLoadSocket::bytesReceived(QByteArrayView bytes)
{
    m_reader.append(bytes.toByteArray());
    readFrames();
}

void RawLoadSocket::transportEnded()
{
    fail(QStringLiteral("transport close"));
}

void RawLoadSocket::readFrames()
{
    // Every handler may end the connection; stop as soon as one does.
    while (m_phase != Phase::Closed) {
        const std::optional<WsMessage> message = m_reader.next();
        if (!message)
            break;
        onMessage(*message);
    }
    if (m_phase != Phase::Closed && !m_reader.error().isEmpty())
        fail(QStringLiteral("parse error: ") + m_reader.error());
}

bool RawLoadSocket::readUpgradeReply()
{
    const qsizetype end = m_upgradeReply.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_upgradeReply.size() > kMaxUpgradeReplyBytes)
            fail(QStringLiteral("oversized upgrade reply"));
        return false;
    }
    const QByteArray head = m_upgradeReply.left(end).toLower();
    if (!head.startsWith("http/1.1 101")) {
        fail(QStringLiteral("upgrade refused: ")
            + QString::fromUtf8(m_upgradeReply.left(m_upgradeReply.indexOf('\r'))));
        return false;
    }
    if (!head.contains(QByteArray("sec-websocket-accept: " + websocket::expectedAccept(m_key).toLower()))) {
        fail(QStringLiteral("upgrade reply without the expected Sec-WebSocket-Accept"));
        return false;
    }
    m_reader.append(m_upgradeReply.mid(end + 4));
    m_upgradeReply.clear();
    m_phase = Phase::AwaitingOpen;
    return true;
}

void RawLoadSocket::onMessage(const WsMessage &message)
{
    switch (message.opcode) {
    case WsOpcode::Text:
        return onEngineFrame(message.payload);
    case WsOpcode::Ping:
        return sendFrame(WsOpcode::Pong, message.payload);
    case WsOpcode::Close:
        return fail(QStringLiteral("transport close"));
    case WsOpcode::Pong:
        return;
    case WsOpcode::Binary:
    case WsOpcode::Continuation:
        return fail(QStringLiteral("parse error: binary frame"));
    }
}

void RawLoadSocket::onEngineFrame(const QByteArray &utf8)
{
    switch (utf8.isEmpty() ? '\0' : utf8.front()) {
    case '0': // OPEN: the Engine.IO session is up; ask for the namespace
        if (m_phase != Phase::AwaitingOpen)
            return fail(QStringLiteral("parse error: second Engine.IO open"));
        m_phase = Phase::AwaitingConnect;
        return sendText(realtime::SocketPacket::connect(kNamespace,
            QJsonObject {{QStringLiteral("token"),
                m_token}}).encodeFrame());
    case '1':
        return fail(QStringLiteral("io server disconnect"));
    case '2': // the server's heartbeat
        return sendText(QStringLiteral("3"));
    case '4':
        return onSocketFrame(utf8);
    default:
        return; // pong, noop: meaningless from a server
    }
}

void RawLoadSocket::onSocketFrame(const QByteArray &utf8)
{
    if (m_phase == Phase::Connected && m_wanted) {
        const QByteArrayView name = peekEventName(utf8);
        if (!name.isEmpty() && !m_wanted->contains(QString::fromUtf8(name)))
            return;
    }
    const auto decoded = realtime::SocketPacket::decodeFrame(QString::fromUtf8(utf8));
    if (!decoded)
        return fail(QStringLiteral("parse error: ") + decoded.error().errorString());
    const realtime::SocketPacket &packet = decoded.value();
    if (packet.nsp() != kNamespace)
        return;
    using Type = realtime::SocketPacket::Type;
    switch (packet.type()) {
    case Type::Connect:
        if (m_phase != Phase::AwaitingConnect)
            return;
        m_phase = Phase::Connected;
        m_connectTimer.stop();
        emit connected();
        return;
    case Type::ConnectError: {
        const QString message = packet.payload().toObject().value(QStringLiteral("message")).toString();
        return fail(message.isEmpty() ? QStringLiteral("connect error") : message);
    }
    case Type::Disconnect:
        return fail(QStringLiteral("io server disconnect"));
    case Type::Event: {
        if (m_phase != Phase::Connected)
            return;
        const QJsonArray args = packet.eventArgs();
        emit eventReceived(packet.eventName(),
            args.isEmpty() ? QJsonValue(QJsonValue::Undefined) : args.first(), packet.ackId().value_or(-1));
        return;
    }
    case Type::Ack: {
        const auto it = m_acks.find(*packet.ackId());
        if (it == m_acks.end())
            return;
        const AckHandler handler = std::move(it->second);
        m_acks.erase(it);
        handler(packet.ackArgs());
        return;
    }
    case Type::BinaryEvent:
    case Type::BinaryAck:
        return fail(QStringLiteral("parse error: binary packet"));
    }
}

void RawLoadSocket::emitWithAck(const QString &event, const QJsonObject &payload, AckHandler onAck)
{
    if (m_phase != Phase::Connected)
        return onAck(QStringLiteral("not connected"));
    const qint64 id = m_nextAckId++;
    m_acks.emplace(id, std::move(onAck));
    sendText(realtime::SocketPacket::event(kNamespace, event, QJsonValue(payload), id).encodeFrame());
}

void RawLoadSocket::acknowledge(qint64 ackId, const QJsonArray &args)
{
    if (m_phase == Phase::Connected)
        sendText(realtime::SocketPacket::ack(kNamespace, ackId, args).encodeFrame());
}

void RawLoadSocket::close()
{
    if (m_phase == Phase::Closed || (!m_socket && !m_transport))
        return;
    if (m_phase == Phase::Connected) {
        sendText(realtime::SocketPacket::disconnect(kNamespace).encodeFrame());
        sendFrame(WsOpcode::Close, QByteArrayView("\x03\xe8", 2)); // 1000, normal closure
    }
    m_phase = Phase::Closed;
    m_connectTimer.stop();
    m_acks.clear();
    if (m_transport) {
        // The queued frames reach the server before the FIN (while this object lives).
        m_transport->shutdownWhenFlushed();
        return;
    }
    QTcpSocket *socket = std::exchange(m_socket, nullptr);
    disconnect(socket, nullptr, this, nullptr);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
}

void RawLoadSocket::sendText(const QString &text)
{
    sendFrame(WsOpcode::Text, text.toUtf8());
}

void RawLoadSocket::sendFrame(WsOpcode opcode, QByteArrayView payload)
{
    // Before the upgrade nothing is framed; the transport refuses once it has ended.
    if (m_transport)
        m_transport->write(websocket::encodeClientFrame(opcode, payload, nextMask()));
}

quint32 RawLoadSocket::nextMask()
{
    // xorshift32: masks only need to vary, and the system RNG per frame would cost more.
    m_maskState ^= m_maskState << 13;
    m_maskState ^= m_maskState >> 17;
    m_maskState ^= m_maskState << 5;
    return m_maskState;
}

void RawLoadSocket::fail(const QString &reason)
{
    if (m_phase == Phase::Closed)
        return;
    const bool wasConnected = m_phase == Phase::Connected;
    m_phase = Phase::Closed;
    m_connectTimer.stop();
    if (QTcpSocket *socket = std::exchange(m_socket, nullptr)) {
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        // May be inside one of its signals: delete it once that returns.
        socket->deleteLater();
    }
    if (m_transport)
        m_transport->abort(); // kept until this object goes: we may be inside its call
    const auto pending = std::exchange(m_acks, {});
    const QPointer<RawLoadSocket> self(this);
    if (wasConnected)
        emit disconnected(reason);
    else
        emit connectFailed(reason);
    if (!self)
        return;
    for (const auto &[id, handler] : pending)
        handler(reason);
}

} // namespace vw::load
