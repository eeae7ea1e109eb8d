#include "app/client/realtimeclient.h"

#include "common/realtime/engineopen.h"
#include "common/realtime/enginepacket.h"
#include "common/realtime/frameerror.h"
#include "common/realtime/socketpacket.h"

#include <QAbstractSocket>
#include <QDeadlineTimer>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslError>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <climits>
#include <map>
#include <utility>
#include <vector>

namespace vw::client {

namespace {

// Payloads carry health information: log reasons, event names and sizes, never contents.
Q_LOGGING_CATEGORY(lcRealtime, "vw.client.realtime")

using realtime::EngineOpen;
using realtime::EnginePacket;
using realtime::FrameError;
using realtime::FrameErrorCode;
using realtime::SocketPacket;

// Our events are a few KiB at most; the default (about 2 GiB) would let a broken or
// hostile server make the app buffer without bound before we ever see the frame.
constexpr quint64 kMaxIncomingMessageBytes = 16 * 1024 * 1024;
// How long a closing socket may take to flush DISCONNECT/CLOSE and the close handshake.
constexpr int kCloseGraceMs = 2000;

std::optional<QUrl> socketUrlFor(const QUrl &serverUrl)
{
    const QString scheme = serverUrl.scheme().toLower();
    if (!serverUrl.isValid() || serverUrl.host().isEmpty()
        || (scheme != QStringLiteral("http") && scheme != QStringLiteral("https"))) {
        return std::nullopt;
    }
    QUrl url;
    url.setScheme(scheme == QStringLiteral("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(serverUrl.host());
    url.setPort(serverUrl.port());
    url.setPath(QStringLiteral("/socket.io/"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("EIO"), QStringLiteral("4"));
    query.addQueryItem(QStringLiteral("transport"), QStringLiteral("websocket"));
    url.setQuery(query);
    return url;
}

void failAcks(const std::vector<RealtimeClient::AckHandler> &handlers, const QString &reason)
{
    for (const RealtimeClient::AckHandler &handler : handlers)
        handler(Result<QJsonArray, QString>(reason));
}

int clampToTimer(qint64 ms)
{
    return static_cast<int>(std::clamp<qint64>(ms, 0, INT_MAX));
}

} // namespace

// The emits waiting for their ACK. All share one timeout, so deadlines grow with the ack
// id and a single timer armed for the oldest entry replaces one QTimer per emit.
class RealtimeClient::AckTable
{
public:
    AckTable(int timeoutMs, QObject *owner, std::function<void()> onExpired)
        : m_timeoutMs(timeoutMs), m_timer(owner)
    {
        m_timer.setSingleShot(true);
        QObject::connect(&m_timer, &QTimer::timeout, owner, std::move(onExpired));
    }

    // Ids start at 0 and are never reused, across reconnects too, as in socket.io-client.
    qint64 nextId() const { return m_nextId; }

    void add(qint64 id, AckHandler handler)
    {
        m_nextId = id + 1;
        const QDeadlineTimer deadline
            = m_timeoutMs > 0 ? QDeadlineTimer(m_timeoutMs) : QDeadlineTimer(QDeadlineTimer::Forever);
        m_pending.emplace(id, Pending {deadline, std::move(handler)});
        arm();
    }

    // Handlers are handed out rather than called here so that a handler that closes or
    // reopens the client never runs while this table is half updated.
    AckHandler take(qint64 id)
    {
        const auto it = m_pending.find(id);
        if (it == m_pending.end())
            return {};
        AckHandler handler = std::move(it->second.handler);
        m_pending.erase(it);
        arm();
        return handler;
    }

    std::vector<AckHandler> takeExpired()
    {
        std::vector<AckHandler> expired;
        while (!m_pending.empty() && m_pending.begin()->second.deadline.hasExpired()) {
            expired.push_back(std::move(m_pending.begin()->second.handler));
            m_pending.erase(m_pending.begin());
        }
        arm();
        return expired;
    }

    std::vector<AckHandler> takeAll()
    {
        std::vector<AckHandler> all;
        all.reserve(m_pending.size());
        for (auto &[id, pending] : m_pending)
            all.push_back(std::move(pending.handler));
        m_pending.clear();
        m_timer.stop();
        return all;
    }

private:
    struct Pending
    {
        QDeadlineTimer deadline;
        AckHandler handler;
    };

    void arm()
    {
        if (m_pending.empty() || m_pending.begin()->second.deadline.isForever()) {
            m_timer.stop();
            return;
        }
        m_timer.start(clampToTimer(m_pending.begin()->second.deadline.remainingTime()));
    }

    int m_timeoutMs;
    qint64 m_nextId = 0;
    std::map<qint64, Pending> m_pending;
    QTimer m_timer;
};

RealtimeClient::RealtimeClient(RealtimeClientOptions options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_connectTimer(this),
      m_pingTimer(this),
      m_reconnectTimer(this),
      m_acks(std::make_unique<AckTable>(m_options.ackTimeoutMs, this, [this] { failExpiredAcks(); }))
{
    // SocketPacket spells the root namespace "/"; compare like with like.
    if (m_options.nsp.isEmpty())
        m_options.nsp = QStringLiteral("/");
    for (QTimer *timer : {&m_connectTimer, &m_pingTimer, &m_reconnectTimer})
        timer->setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this,
        [this] { endConnection(QStringLiteral("connect timeout"), Retry::Yes, Teardown::Abort); });
    // The server pings every pingInterval; silence past pingInterval + pingTimeout means the
    // connection is dead even if TCP has not noticed (e.g. a laptop waking from sleep).
    connect(&m_pingTimer, &QTimer::timeout, this,
        [this] { endConnection(QStringLiteral("ping timeout"), Retry::Yes, Teardown::Abort); });
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RealtimeClient::startAttempt);
}

RealtimeClient::~RealtimeClient()
{
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }
}

void RealtimeClient::open(const QUrl &serverUrl, const QString &accessToken)
{
    close();
    m_serverUrl = serverUrl;
    m_accessToken = accessToken;
    m_reconnectAttempt = 0;
    setState(State::Connecting);
    startAttempt();
}

void RealtimeClient::setAccessToken(const QString &token)
{
    m_accessToken = token;
}

void RealtimeClient::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_sslConfiguration = configuration;
}

void RealtimeClient::close()
{
    m_reconnectTimer.stop();
    if (m_state == State::Connected) {
        sendFrame(SocketPacket::disconnect(m_options.nsp).encodeFrame());
        sendFrame(EnginePacket(EnginePacket::Type::Close).encode());
        endConnection(QStringLiteral("io client disconnect"), Retry::No, Teardown::Graceful);
        return;
    }
    // An attempt in progress is abandoned quietly: nobody is waiting for its connectError.
    if (m_engineOpen)
        sendFrame(EnginePacket(EnginePacket::Type::Close).encode());
    resetConnection(Teardown::Graceful);
    setState(State::Disconnected);
}

void RealtimeClient::startAttempt()
{
    const std::optional<QUrl> url = socketUrlFor(m_serverUrl);
    if (!url) {
        qCWarning(lcRealtime) << "not an http(s) server URL; not connecting";
        setState(State::Disconnected);
        emit connectError(QStringLiteral("invalid server URL"));
        return;
    }

    resetConnection(Teardown::Abort);
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    socket->setMaxAllowedIncomingMessageSize(kMaxIncomingMessageBytes);
    if (m_sslConfiguration && url->scheme() == QStringLiteral("wss"))
        socket->setSslConfiguration(*m_sslConfiguration);

    connect(socket, &QWebSocket::textMessageReceived, this, &RealtimeClient::onTextFrame);
    connect(socket, &QWebSocket::binaryMessageReceived, this,
        [this](const QByteArray &frame) { failParse(EnginePacket::decodeBinary(frame).error()); });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onTransportLost(socket); });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        [this, socket] { onTransportLost(socket); });
    // Certificate problems are not ignored: the handshake fails and error() follows.
    connect(socket, &QWebSocket::sslErrors, this, [](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            qCWarning(lcRealtime) << "TLS error:" << error.errorString();
    });

    if (m_options.connectTimeoutMs > 0)
        m_connectTimer.start(m_options.connectTimeoutMs);
    qCDebug(lcRealtime) << "opening" << url->toString(QUrl::RemoveQuery);
    // open() reports an invalid URL synchronously through error(), which may already have
    // ended this attempt; nothing may touch the socket after it.
    socket->open(*url);
}

void RealtimeClient::onTextFrame(const QString &frame)
{
    const Result<EnginePacket, FrameError> packet = EnginePacket::decode(frame);
    if (!packet)
        return failParse(packet.error());

    if (!m_engineOpen && packet->type() != EnginePacket::Type::Open) {
        return failParse(FrameError(FrameErrorCode::UnexpectedPacketType,
            QStringLiteral("expected the Engine.IO open, got %1")
                .arg(EnginePacket::typeName(packet->type()))));
    }
    switch (packet->type()) {
    case EnginePacket::Type::Open:
        return onEngineOpen(*packet);
    case EnginePacket::Type::Close:
        // socket.io-client would call an Engine.IO close "transport close" and reconnect; we
        // treat it as the server ending the session on purpose.
        return endConnection(QStringLiteral("io server disconnect"), Retry::No, Teardown::Graceful);
    case EnginePacket::Type::Ping:
        m_pingTimer.start();
        sendFrame(EnginePacket(EnginePacket::Type::Pong).encode());
        return;
    case EnginePacket::Type::Message: {
        const Result<SocketPacket, FrameError> socketPacket = SocketPacket::decodeFrame(frame);
        if (!socketPacket)
            return failParse(socketPacket.error());
        return onSocketPacket(*socketPacket);
    }
    case EnginePacket::Type::Pong:
    case EnginePacket::Type::Upgrade:
    case EnginePacket::Type::Noop:
        // Meaningless from a server on a WebSocket; engine.io-client ignores them as well.
        return;
    }
}

void RealtimeClient::onEngineOpen(const EnginePacket &packet)
{
    if (m_engineOpen) {
        return failParse(
            FrameError(FrameErrorCode::UnexpectedPacketType, QStringLiteral("second Engine.IO open")));
    }
    const Result<EngineOpen, FrameError> handshake = EngineOpen::fromPacket(packet);
    if (!handshake)
        return failParse(handshake.error());

    m_engineOpen = true;
    m_maxPayload = handshake->maxPayload();
    m_pingTimer.start(clampToTimer(handshake->pingIntervalMs() + handshake->pingTimeoutMs()));
    sendFrame(SocketPacket::connect(m_options.nsp, QJsonObject {{QStringLiteral("token"), m_accessToken}})
                  .encodeFrame());
}

void RealtimeClient::onSocketPacket(const SocketPacket &packet)
{
    // As in socket.io-client, packets for namespaces we did not join are not ours to handle.
    if (packet.nsp() != m_options.nsp) {
        qCDebug(lcRealtime) << "ignoring a" << SocketPacket::typeName(packet.type()) << "for" << packet.nsp();
        return;
    }
    switch (packet.type()) {
    case SocketPacket::Type::Connect:
        return onConnectReply(packet);
    case SocketPacket::Type::ConnectError:
        return onConnectError(packet);
    case SocketPacket::Type::Disconnect:
        return endConnection(QStringLiteral("io server disconnect"), Retry::No, Teardown::Graceful);
    case SocketPacket::Type::Event:
        return onEvent(packet);
    case SocketPacket::Type::Ack:
        if (AckHandler handler = m_acks->take(*packet.ackId()))
            handler(packet.ackArgs());
        else
            qCDebug(lcRealtime) << "ignoring an ACK for unknown id" << *packet.ackId();
        return;
    case SocketPacket::Type::BinaryEvent:
    case SocketPacket::Type::BinaryAck:
        // decodeFrame() refuses these; kept so that the switch covers every type.
        return failParse(FrameError(FrameErrorCode::BinaryNotSupported));
    }
}

void RealtimeClient::onConnectReply(const SocketPacket &packet)
{
    if (m_state == State::Connected) {
        qCDebug(lcRealtime) << "ignoring a second CONNECT reply";
        return;
    }
    const QString sid = packet.payload().toObject().value(QStringLiteral("sid")).toString();
    if (sid.isEmpty()) {
        return failParse(
            FrameError(FrameErrorCode::InvalidPayload, QStringLiteral("CONNECT reply without a sid")));
    }
    m_connectTimer.stop();
    m_socketId = sid;
    m_reconnectAttempt = 0;
    qCInfo(lcRealtime) << "connected to" << m_options.nsp;
    setState(State::Connected);
    emit connected();
}

void RealtimeClient::onConnectError(const SocketPacket &packet)
{
    if (m_state == State::Connected) {
        // Not part of the protocol once connected; the server no longer wants us.
        return endConnection(QStringLiteral("io server disconnect"), Retry::No, Teardown::Graceful);
    }
    QString message = packet.payload().toObject().value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = QStringLiteral("connect error");
    if (m_engineOpen)
        sendFrame(EnginePacket(EnginePacket::Type::Close).encode());
    // Retrying with the same token cannot succeed; the app refreshes it and calls open().
    endConnection(
        message, message == QLatin1StringView("Unauthorized") ? Retry::No : Retry::Yes, Teardown::Graceful);
}

void RealtimeClient::onEvent(const SocketPacket &packet)
{
    if (m_state != State::Connected) {
        qCDebug(lcRealtime) << "ignoring an event before the CONNECT reply";
        return;
    }
    const QJsonArray args = packet.eventArgs();
    if (args.size() > 1)
        qCDebug(lcRealtime) << "event" << packet.eventName() << "has" << args.size()
                            << "arguments; using the first";
    emit eventReceived(packet.eventName(), args.isEmpty() ? QJsonValue(QJsonValue::Undefined) : args.first(),
        packet.ackId().value_or(-1));
}

void RealtimeClient::onTransportLost(QWebSocket *socket)
{
    if (socket != m_socket)
        return;
    if (m_state == State::Connected)
        return endConnection(QStringLiteral("transport close"), Retry::Yes, Teardown::Abort);
    const QString why = socket->errorString();
    endConnection(why.isEmpty() ? QStringLiteral("transport close") : why, Retry::Yes, Teardown::Abort);
}

void RealtimeClient::failParse(const FrameError &error)
{
    // The reason names the fault (a type digit, a JSON offset), never the frame's contents.
    qCWarning(lcRealtime) << "undecodable frame from the server:" << error.errorString();
    endConnection(QStringLiteral("parse error"), Retry::Yes, Teardown::Graceful);
}

void RealtimeClient::failExpiredAcks()
{
    failAcks(m_acks->takeExpired(), QStringLiteral("ack timeout"));
}

void RealtimeClient::endConnection(const QString &reason, Retry retry, Teardown teardown)
{
    const bool wasConnected = m_state == State::Connected;
    const State before = m_state;
    resetConnection(teardown);
    const std::vector<AckHandler> pending = m_acks->takeAll();

    // Everything about the next state is settled before any listener runs, so that a slot
    // may call open() or close() without meeting a half-finished transition.
    State next = State::Disconnected;
    if (retry == Retry::Yes && m_options.autoReconnect) {
        next = State::Reconnecting;
        const int delay = m_options.reconnect.delayForAttempt(
            m_reconnectAttempt, QRandomGenerator::global()->generateDouble());
        m_reconnectAttempt = std::min(m_reconnectAttempt, INT_MAX - 1) + 1;
        m_reconnectTimer.start(delay);
        qCInfo(lcRealtime) << (wasConnected ? "disconnected:" : "connect failed:") << reason << "- retry"
                           << m_reconnectAttempt << "in" << delay << "ms";
    } else {
        qCInfo(lcRealtime) << (wasConnected ? "disconnected:" : "connect failed:") << reason;
    }
    m_state = next;

    const QPointer<RealtimeClient> self(this);
    if (next != before)
        emit stateChanged(next);
    if (!self)
        return;
    if (wasConnected)
        emit disconnected(reason);
    else
        emit connectError(reason);
    if (!self)
        return;
    failAcks(pending, reason);
}

void RealtimeClient::resetConnection(Teardown teardown)
{
    m_connectTimer.stop();
    m_pingTimer.stop();
    retireSocket(teardown);
    m_engineOpen = false;
    m_maxPayload = 0;
    m_socketId.clear();
}

void RealtimeClient::retireSocket(Teardown teardown)
{
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    if (!socket)
        return;
    disconnect(socket, nullptr, this, nullptr);
    if (teardown == Teardown::Graceful && socket->state() == QAbstractSocket::ConnectedState) {
        // Deleting the socket now would abort TCP and drop the frames still queued in it.
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(kCloseGraceMs, socket, &QObject::deleteLater);
        socket->close();
        return;
    }
    socket->abort();
    socket->deleteLater();
}

void RealtimeClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

bool RealtimeClient::sendFrame(const QString &frame)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    m_socket->sendTextMessage(frame);
    return true;
}

bool RealtimeClient::exceedsMaxPayload(const QString &frame) const
{
    // A UTF-16 unit is at most 3 UTF-8 bytes, so most frames need no conversion to check.
    if (m_maxPayload <= 0 || frame.size() * 3 <= m_maxPayload)
        return false;
    return frame.toUtf8().size() > m_maxPayload;
}

void RealtimeClient::emitEvent(const QString &name, const QJsonValue &payload)
{
    if (m_state != State::Connected) {
        qCDebug(lcRealtime) << "not connected; dropping event" << name;
        return;
    }
    const SocketPacket packet = SocketPacket::event(m_options.nsp, name, payload);
    if (const Status<FrameError> valid = packet.validate(); !valid) {
        qCWarning(lcRealtime) << "not emitting an invalid event:" << valid.error().errorString();
        return;
    }
    const QString frame = packet.encodeFrame();
    if (exceedsMaxPayload(frame)) {
        // The server would drop the connection over it, and a resend would do so again.
        qCWarning(lcRealtime) << "not emitting" << name << "larger than the server's maxPayload";
        return;
    }
    sendFrame(frame);
}

void RealtimeClient::emitEvent(const QString &name, const QJsonValue &payload, AckHandler onAck)
{
    if (!onAck)
        return emitEvent(name, payload);
    if (m_state != State::Connected)
        return onAck(QStringLiteral("not connected"));

    const qint64 ackId = m_acks->nextId();
    const SocketPacket packet = SocketPacket::event(m_options.nsp, name, payload, ackId);
    if (const Status<FrameError> valid = packet.validate(); !valid)
        return onAck(valid.error().errorString());
    const QString frame = packet.encodeFrame();
    if (exceedsMaxPayload(frame))
        return onAck(QStringLiteral("payload too large"));
    // Registered before sending: a write failure ends the connection inside sendFrame(), and
    // the handler must then fail with that reason rather than wait for its timeout.
    m_acks->add(ackId, std::move(onAck));
    sendFrame(frame);
}

void RealtimeClient::sendAck(qint64 ackId, const QJsonArray &args)
{
    if (m_state != State::Connected) {
        qCDebug(lcRealtime) << "not connected; dropping ack" << ackId;
        return;
    }
    const SocketPacket packet = SocketPacket::ack(m_options.nsp, ackId, args);
    if (const Status<FrameError> valid = packet.validate(); !valid) {
        qCWarning(lcRealtime) << "not sending an invalid ack:" << valid.error().errorString();
        return;
    }
    sendFrame(packet.encodeFrame());
}

void RealtimeClient::sendRawFrame(const QString &frame)
{
    if (!sendFrame(frame))
        qCDebug(lcRealtime) << "no open WebSocket; dropping raw frame of" << frame.size() << "characters";
}

} // namespace vw::client
