#include "server/http/connectionguard.h"

#include "server/http/parkedsocket.h"
#include "server/http/pendinganswers.h"
#include "server/http/requestframer.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <array>
#include <optional>

#include <sys/socket.h>
#include <unistd.h>

namespace vw::server::http {

namespace {

Q_LOGGING_CATEGORY(lcGuard, "vw.server.guard")

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 417:
        return QByteArrayLiteral("Expectation Failed");
    case 426:
        return QByteArrayLiteral("Upgrade Required");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Bad Request");
    }
}

// A complete reply in API.md's NestJS error shape; the connection closes after it.
QByteArray errorReply(int status, const QString &message)
{
    const QByteArray phrase = reasonPhrase(status);
    const QByteArray body = QJsonDocument(
        QJsonObject {{QStringLiteral("statusCode"), status}, {QStringLiteral("message"), message},
            {QStringLiteral("error"), QString::fromLatin1(phrase)}})
                                .toJson(QJsonDocument::Compact);
    QByteArray reply;
    reply.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ').append(phrase).append("\r\n");
    reply.append("Content-Type: application/json\r\n");
    reply.append("Content-Length: ").append(QByteArray::number(body.size())).append("\r\n");
    reply.append("Connection: close\r\n");
    reply.append("Cache-Control: no-store\r\n");
    reply.append("X-Content-Type-Options: nosniff\r\n");
    if (status == 429)
        reply.append("Retry-After: 1\r\n");
    if (status == 426) // a WebSocket version we do not speak: name the one we do
        reply.append("Sec-WebSocket-Version: 13\r\n");
    reply.append("\r\n").append(body);
    return reply;
}

RejectReason reasonFor(FrameError error)
{
    switch (error) {
    case FrameError::HeaderTooLarge:
        return RejectReason::HeaderTooLarge;
    case FrameError::BodyTooLarge:
        return RejectReason::BodyTooLarge;
    default:
        return RejectReason::BadRequest;
    }
}

// IPv4 clients of a dual-stack listener arrive as ::ffff:a.b.c.d; count them as a.b.c.d.
QHostAddress normalizedPeer(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    return isIpv4 ? QHostAddress(ipv4) : address;
}

// Sends FIN after the reply while the socket keeps reading, so the client reads the reply
// and sees a clean end instead of a reset caused by closing with unread data.
void shutdownWriting(QTcpSocket *socket)
{
    const qintptr descriptor = socket->socketDescriptor();
    if (descriptor >= 0)
        ::shutdown(static_cast<int>(descriptor), SHUT_WR);
}

} // namespace

QLatin1StringView rejectReasonName(RejectReason reason)
{
    switch (reason) {
    case RejectReason::BadRequest:
        return QLatin1StringView("bad_request");
    case RejectReason::HeaderTooLarge:
        return QLatin1StringView("header_too_large");
    case RejectReason::BodyTooLarge:
        return QLatin1StringView("body_too_large");
    case RejectReason::HeaderTimeout:
        return QLatin1StringView("header_timeout");
    case RejectReason::TooManyConnections:
        return QLatin1StringView("too_many_connections");
    case RejectReason::IdleTimeout:
        return QLatin1StringView("idle_timeout");
    }
    return QLatin1StringView("unknown");
}

// Shared with every ticket so a socket that outlives the guard (a WebSocket owned
// elsewhere) can still give back its count.
struct ConnectionCounters
{
    QHash<QHostAddress, int> perPeer;
    int open = 0;
    std::array<qint64, rejectReasonCount> rejections {};
    qint64 tlsHandshakeFailures = 0;
};

ConnectionTicket::ConnectionTicket(std::shared_ptr<ConnectionCounters> counters, QHostAddress peer)
    : m_counters(std::move(counters)), m_peer(std::move(peer))
{
    ++m_counters->open;
    ++m_counters->perPeer[m_peer];
}

ConnectionTicket &ConnectionTicket::operator=(ConnectionTicket &&other) noexcept
{
    if (this != &other) {
        release();
        m_counters = std::move(other.m_counters);
        m_peer = std::move(other.m_peer);
    }
    return *this;
}

ConnectionTicket::~ConnectionTicket()
{
    release();
}

void ConnectionTicket::release()
{
    if (!m_counters)
        return;
    --m_counters->open;
    const auto it = m_counters->perPeer.find(m_peer);
    if (it != m_counters->perPeer.end() && --it.value() <= 0)
        m_counters->perPeer.erase(it);
    m_counters.reset();
}

// The guard's state for one socket. A child of the socket, so it lives exactly as long
// as the socket, whoever deletes it (QtHttpServer, the guard, a WebSocket transport).
class ConnectionGuard::Connection : public QObject
{
public:
    Connection(QTcpSocket *tcpSocket, const QHostAddress &peerAddress, ConnectionGuard *owner,
        std::shared_ptr<ConnectionCounters> counters)
        : QObject(tcpSocket),
          guard(owner),
          socket(tcpSocket),
          ticket(std::move(counters), peerAddress),
          framer(owner->limits())
    { }
    ~Connection() override
    {
        if (guard)
            guard->m_watched.remove(this);
    }

    QPointer<ConnectionGuard> guard;
    QPointer<QTcpSocket> socket;
    ConnectionTicket ticket; // also names the peer, until an upgrade hands it over
    RequestFramer framer;
    QTimer headerTimer;
    QTimer idleTimer;
    QTimer handshakeTimer;
    QMetaObject::Connection beforeRead;
    QMetaObject::Connection afterRead;
    QMetaObject::Connection written;
    ParkedSocket parking; // between requests, after limits.parkAfterIdleMs of quiet
    qint64 lastTrafficMs = 0; // ConnectionGuard::m_clock
    // A rejection waits until QtHttpServer has read every request before the bad one.
    std::optional<FrameRejection> pending;
    // Bytes in the socket buffer that the framer has already seen but Qt has not read.
    qint64 seenUnread = 0;
    qint64 headersSeen = 0;
    bool watching = true;
    bool continuePending = false;
    bool handshaking = false;
};

ConnectionGuard::ConnectionGuard(ConnectionLimits limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_counters(std::make_shared<ConnectionCounters>())
{
    m_clock.start();
    if (m_limits.parkAfterIdleMs > 0) {
        // Half the quiet time: a connection is parked between one and one and a half times it.
        m_parkingSweep.setInterval(std::max(1, m_limits.parkAfterIdleMs / 2));
        connect(&m_parkingSweep, &QTimer::timeout, this, &ConnectionGuard::parkQuietConnections);
        m_parkingSweep.start();
    }
}

ConnectionGuard::~ConnectionGuard() = default;

int ConnectionGuard::openConnections() const
{
    return m_counters->open;
}

int ConnectionGuard::openConnections(const QHostAddress &peer) const
{
    return m_counters->perPeer.value(normalizedPeer(peer));
}

qint64 ConnectionGuard::rejections(RejectReason reason) const
{
    return m_counters->rejections.at(static_cast<std::size_t>(reason));
}

qint64 ConnectionGuard::tlsHandshakeFailures() const
{
    return m_counters->tlsHandshakeFailures;
}

int ConnectionGuard::parkedConnections() const
{
    return static_cast<int>(std::count_if(m_watched.cbegin(), m_watched.cend(),
        [](const Connection *connection) { return connection->parking.isParked(); }));
}

void ConnectionGuard::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tls = configuration;
}

void ConnectionGuard::incomingConnection(qintptr socketDescriptor)
{
    QSslSocket *tlsSocket = m_tls ? new QSslSocket(this) : nullptr;
    QTcpSocket *socket = tlsSocket ? tlsSocket : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcGuard) << "cannot adopt an accepted socket:" << socket->errorString();
        delete socket;
        ::close(static_cast<int>(socketDescriptor));
        return;
    }
    // Replies go out in several writes (status line and headers, then the body; realtime
    // frames one by one): with Nagle's algorithm on, the second small write waits for the
    // peer's delayed ACK, some 40 ms on Linux. Latency matters more here than packet count.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const QHostAddress peer = normalizedPeer(socket->peerAddress());
    if (m_limits.maxConnectionsPerIp > 0 && m_counters->perPeer.value(peer) >= m_limits.maxConnectionsPerIp) {
        count(RejectReason::TooManyConnections, peer);
        if (tlsSocket) {
            // A plain-text reply means nothing to a TLS client, and the handshake is the
            // expensive part the limit is there to spare.
            socket->abort();
            socket->deleteLater();
            return;
        }
        replyAndClose(socket, errorReply(429, QStringLiteral("Too many connections from this address")));
        return;
    }
    // Counted from here on, so connections still in their handshake count against the limit.
    auto *connection = new Connection(socket, peer, this, m_counters);
    if (tlsSocket)
        startHandshake(tlsSocket, *connection);
    else
        watch(*connection);
}

void ConnectionGuard::startHandshake(QSslSocket *socket, Connection &connection)
{
    Connection *state = &connection;
    state->handshaking = true;
    socket->setSslConfiguration(*m_tls);
    state->handshakeTimer.setSingleShot(true);
    state->handshakeTimer.setInterval(m_limits.tlsHandshakeTimeoutMs);
    connect(&state->handshakeTimer, &QTimer::timeout, state, [state] {
        if (state->guard)
            state->guard->handshakeFailed(*state, QLatin1StringView("timed out"));
    });
    connect(socket, &QAbstractSocket::errorOccurred, state, [state] {
        if (state->guard)
            state->guard->handshakeFailed(*state, QLatin1StringView("failed"));
    });
    connect(socket, &QSslSocket::encrypted, state, [state, socket] {
        if (!state->handshaking)
            return;
        state->handshaking = false;
        state->handshakeTimer.stop();
        // From here on socket errors are QtHttpServer's business, as for plain sockets.
        disconnect(socket, &QAbstractSocket::errorOccurred, state, nullptr);
        if (state->guard)
            state->guard->watch(*state);
        else
            socket->abort();
    });
    socket->startServerEncryption();
    state->handshakeTimer.start();
}

void ConnectionGuard::handshakeFailed(Connection &connection, QLatin1StringView why)
{
    if (!connection.handshaking)
        return;
    connection.handshaking = false;
    connection.handshakeTimer.stop();
    ++m_counters->tlsHandshakeFailures;
    // Scanners and plain-HTTP clients do this all the time: not worth more than a debug line.
    qCDebug(lcGuard).noquote() << "TLS handshake with" << connection.ticket.peer().toString() << why;
    QTcpSocket *socket = connection.socket;
    if (!socket)
        return;
    // deleteLater: this may run inside the socket's own error signal.
    socket->abort();
    socket->deleteLater();
}

void ConnectionGuard::watch(Connection &tracked)
{
    Connection *connection = &tracked;
    QTcpSocket *socket = connection->socket;
    if (!socket)
        return;
    connection->headerTimer.setSingleShot(true);
    connection->headerTimer.setInterval(m_limits.headerTimeoutMs);
    connection->idleTimer.setSingleShot(true);
    connection->idleTimer.setInterval(m_limits.idleTimeoutMs);
    connect(&connection->headerTimer, &QTimer::timeout, connection, [connection] {
        if (connection->guard)
            connection->guard->headerTimedOut(*connection);
    });
    connect(&connection->idleTimer, &QTimer::timeout, connection, [connection] {
        if (connection->guard)
            connection->guard->idleTimedOut(*connection);
    });

    // QAbstractHttpServer connects its own readyRead slot while addPendingConnection()
    // emits pendingConnectionAvailable, so this slot runs before it and the next one after.
    connection->beforeRead = connect(socket, &QIODevice::readyRead, connection, [connection] {
        if (connection->guard)
            connection->guard->beforeQtReads(*connection);
    });
    addPendingConnection(socket);
    connection->afterRead = connect(socket, &QIODevice::readyRead, connection, [connection] {
        if (connection->guard)
            connection->guard->afterQtRead(*connection);
    });
    connection->written = connect(socket, &QIODevice::bytesWritten, connection, [connection] {
        if (connection->watching)
            connection->idleTimer.start();
        if (connection->guard)
            connection->guard->touched(*connection);
    });
    // Every way Qt closes the descriptor changes the state first: a parked one must be back
    // in Qt's hands (and out of the epoll set) before its number can be reused.
    connect(
        socket, &QAbstractSocket::stateChanged, connection, [connection](QAbstractSocket::SocketState state) {
            if (state != QAbstractSocket::ConnectedState)
                connection->parking.unpark();
        });
    connection->idleTimer.start();
    touched(*connection);
    m_watched.insert(connection);
}

void ConnectionGuard::touched(Connection &connection)
{
    connection.lastTrafficMs = m_clock.elapsed();
}

bool ConnectionGuard::mayPark(const Connection &connection) const
{
    const QTcpSocket *socket = connection.socket;
    // Parked only between requests, with everything read, answered and sent. (Only watched
    // connections are swept: past their handshake, still read by QtHttpServer.)
    return socket && !connection.pending && !connection.continuePending
        && connection.framer.state() == RequestFramer::State::BetweenRequests
        && socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0
        && socket->bytesToWrite() == 0 && !PendingAnswers::any(socket);
}

void ConnectionGuard::parkQuietConnections()
{
    const qint64 quietSince = m_clock.elapsed() - m_limits.parkAfterIdleMs;
    for (Connection *connection : std::as_const(m_watched)) {
        if (connection->parking.isParked() || connection->lastTrafficMs > quietSince || !mayPark(*connection))
            continue;
        connection->parking.park(*connection->socket, [connection] {
            if (connection->guard)
                connection->guard->touched(*connection);
        });
    }
}

// QtHttpServer 6.4 reads inside a transaction and leaves unread only what follows a
// complete request, so bytesAvailable() minus what the framer already saw is exactly the
// new data.
void ConnectionGuard::beforeQtReads(Connection &connection)
{
    QTcpSocket *socket = connection.socket;
    if (!socket || !connection.watching)
        return;
    const qint64 available = socket->bytesAvailable();
    const qint64 fresh = available - connection.seenUnread;
    connection.seenUnread = available;
    if (fresh > 0) {
        connection.idleTimer.start();
        touched(connection);
        const QByteArray buffered = socket->peek(available);
        const qint64 usable = std::min<qint64>(fresh, buffered.size());
        const auto verdict = connection.framer.feed(QByteArrayView(buffered).last(usable));
        if (!verdict) {
            if (!connection.pending)
                connection.pending = verdict.error();
        } else if (verdict.value() == FrameVerdict::Upgraded) {
            stopWatching(connection);
            if (m_upgradeHandler)
                handOverUpgrade(connection);
            else
                reject(connection, RejectReason::BadRequest, 501,
                    QStringLiteral("WebSocket upgrades are not served here"));
            return;
        } else if (verdict.value() == FrameVerdict::NeedsContinue) {
            connection.continuePending = true;
        }
        updateHeaderTimer(connection);
    }
    if (connection.pending)
        rejectOnceQtCaughtUp(connection);
}

// Runs in the socket's readyRead before QtHttpServer's slot, which never runs for it again.
void ConnectionGuard::handOverUpgrade(Connection &connection)
{
    QTcpSocket *socket = connection.socket;
    const qint64 qtPosition = connection.framer.bytesFed() - socket->bytesAvailable();
    if (qtPosition != connection.framer.currentRequestStart() || PendingAnswers::any(socket)) {
        // QtHttpServer still owes replies on this connection; they could not be sent after it.
        reject(connection, RejectReason::BadRequest, 400,
            QStringLiteral("A WebSocket upgrade must not follow unanswered requests"));
        return;
    }
    auto upgrade = parseWebSocketUpgrade(connection.framer.upgradeHeader());
    if (!upgrade) {
        reject(connection, RejectReason::BadRequest, upgrade.error().statusCode, upgrade.error().message);
        return;
    }
    // QtHttpServer's slots go (its request object stays until the socket is destroyed).
    disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    disconnect(socket, &QAbstractSocket::disconnected, nullptr, nullptr);
    const QByteArray unread = socket->readAll();
    UpgradedConnection upgraded {std::unique_ptr<QTcpSocket>(socket), std::move(connection.ticket),
        std::move(upgrade).value(), unread.sliced(connection.framer.upgradeHeaderEnd() - qtPosition)};
    socket->setParent(nullptr);
    connection.deleteLater(); // its timers and framer are not needed any more
    m_upgradeHandler(std::move(upgraded));
}

void ConnectionGuard::afterQtRead(Connection &connection)
{
    QTcpSocket *socket = connection.socket;
    if (!socket || !connection.watching)
        return;
    connection.seenUnread = socket->bytesAvailable();
    if (connection.pending) {
        rejectOnceQtCaughtUp(connection);
        return;
    }
    if (connection.continuePending && !connection.framer.awaitingContinue())
        connection.continuePending = false;
    // Only once Qt has read the header (nothing unread is left) may 100 Continue go out,
    // so it never overtakes the reply to an earlier pipelined request.
    if (connection.continuePending && connection.seenUnread == 0) {
        connection.continuePending = false;
        socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    }
}

void ConnectionGuard::rejectOnceQtCaughtUp(Connection &connection)
{
    const qint64 qtPosition = connection.framer.bytesFed() - connection.socket->bytesAvailable();
    if (qtPosition < connection.framer.currentRequestStart())
        return; // Qt still has earlier, valid requests to read; it reads one per readyRead.
    const FrameRejection rejection = *connection.pending;
    reject(connection, reasonFor(rejection.error), rejection.statusCode, rejection.message);
}

void ConnectionGuard::updateHeaderTimer(Connection &connection)
{
    if (connection.framer.state() == RequestFramer::State::InHeader) {
        if (!connection.headerTimer.isActive()
            || connection.framer.headersCompleted() != connection.headersSeen)
            connection.headerTimer.start();
    } else {
        connection.headerTimer.stop();
    }
    connection.headersSeen = connection.framer.headersCompleted();
}

void ConnectionGuard::headerTimedOut(Connection &connection)
{
    if (!connection.watching)
        return;
    if (!connection.beforeRead) {
        stopWatching(connection); // QtHttpServer took the socket over (an upgrade)
        return;
    }
    reject(connection, RejectReason::HeaderTimeout, 408,
        QStringLiteral("Request header not received within %1 ms").arg(m_limits.headerTimeoutMs));
}

void ConnectionGuard::idleTimedOut(Connection &connection)
{
    if (!connection.watching)
        return;
    QTcpSocket *socket = connection.socket;
    if (PendingAnswers::any(socket)) {
        connection.idleTimer.start(); // the server is still working on an answer
        return;
    }
    const bool qtStillReads = static_cast<bool>(connection.beforeRead);
    stopWatching(connection);
    if (!socket || !qtStillReads)
        return;
    count(RejectReason::IdleTimeout, connection.ticket.peer());
    socket->disconnectFromHost();
}

void ConnectionGuard::stopWatching(Connection &connection)
{
    connection.parking.unpark();
    m_watched.remove(&connection);
    connection.watching = false;
    connection.headerTimer.stop();
    connection.idleTimer.stop();
    disconnect(connection.beforeRead);
    disconnect(connection.afterRead);
    disconnect(connection.written);
}

void ConnectionGuard::reject(Connection &connection, RejectReason reason, int status, const QString &message)
{
    stopWatching(connection);
    QTcpSocket *socket = connection.socket;
    if (!socket)
        return;
    count(reason, connection.ticket.peer());
    replyAndClose(socket, errorReply(status, message));
}

void ConnectionGuard::replyAndClose(QTcpSocket *socket, const QByteArray &reply)
{
    // QtHttpServer must not read another byte of this connection.
    disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    if (socket->isTransactionStarted())
        socket->commitTransaction(); // frees what Qt buffered of the refused request
    socket->skip(socket->bytesAvailable());
    connect(socket, &QIODevice::readyRead, socket, [socket] { socket->skip(socket->bytesAvailable()); });
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    if (qobject_cast<QSslSocket *>(socket)) {
        // A raw shutdown() under the TLS layer would cut the record stream; QSslSocket
        // sends close_notify once the reply is flushed.
        QTimer::singleShot(m_limits.lingerMs, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        socket->write(reply);
        socket->disconnectFromHost();
        return;
    }
    auto halfClosed = std::make_shared<bool>(false);
    connect(socket, &QIODevice::bytesWritten, socket, [socket, halfClosed] {
        if (!*halfClosed && socket->bytesToWrite() == 0) {
            *halfClosed = true;
            shutdownWriting(socket);
        }
    });
    QTimer::singleShot(m_limits.lingerMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->write(reply);
}

void ConnectionGuard::count(RejectReason reason, const QHostAddress &peer)
{
    ++m_counters->rejections.at(static_cast<std::size_t>(reason));
    // Idle closes are routine (thousands under load); refusals are worth a line each.
    if (reason == RejectReason::IdleTimeout) {
        qCDebug(lcGuard).noquote() << "closing idle connection from" << peer.toString();
        return;
    }
    qCInfo(lcGuard).noquote() << "refused connection from" << peer.toString() << "reason"
                              << rejectReasonName(reason);
}

} // namespace vw::server::http
