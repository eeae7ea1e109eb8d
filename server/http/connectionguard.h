#pragma once

#include "server/http/connectionlimits.h"
#include "server/http/websocketupgrade.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QLatin1StringView>
#include <QSet>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QSslSocket;
class QTcpSocket;

namespace vw::server::http {

// Why the guard ended a connection (the /metrics label set).
enum class RejectReason {
    BadRequest, // 400/411/417/501/505: malformed or ambiguous framing
    HeaderTooLarge, // 431
    BodyTooLarge, // 413
    HeaderTimeout, // 408
    TooManyConnections, // 429
    IdleTimeout, // closed without a reply
};
inline constexpr int rejectReasonCount = 6;

// A stable lower-case name for metrics labels and logs.
QLatin1StringView rejectReasonName(RejectReason reason);

// The listening socket handed to QAbstractHttpServer::bind(). QtHttpServer 6.4 has no
// limits of its own and buffers whole bodies, so every accepted socket is watched here
// first: its readyRead slot runs before QtHttpServer's, peeks the new bytes into a
// RequestFramer and answers and closes offenders (size caps, smuggling, timeouts,
// connections per address) before their bodies are buffered. With TLS the guard also
// does the handshake (QHttpServer::sslSetup() does nothing for bind() in 6.4) and hands
// QtHttpServer only sockets that finished it. Keep-alive connections quiet between requests
// are parked outside Qt's poll set until their next byte (ParkedSocket, parkAfterIdleMs).
struct ConnectionCounters;

// One connection's place in the guard's counts (open, and open per address): held for as
// long as the connection lives, by the guard's state for it or, after a WebSocket upgrade,
// by whoever took the socket.
class ConnectionTicket
{
public:
    ConnectionTicket() = default;
    ConnectionTicket(std::shared_ptr<ConnectionCounters> counters, QHostAddress peer);
    ConnectionTicket(ConnectionTicket &&other) noexcept = default;
    ConnectionTicket &operator=(ConnectionTicket &&other) noexcept;
    ~ConnectionTicket();

    const QHostAddress &peer() const { return m_peer; }

private:
    void release();

    std::shared_ptr<ConnectionCounters> m_counters; // empty once moved from
    QHostAddress m_peer;
};

// A connection whose WebSocket upgrade the guard accepted, taken away from QtHttpServer
// before it read a byte of it. Nothing has been written to it yet: the 101 reply is the
// taker's to send (`upgrade.switchingProtocolsReply()`), before any frame.
struct UpgradedConnection
{
    std::unique_ptr<QTcpSocket> socket; // no parent; delete it later, not synchronously
    ConnectionTicket ticket;
    WebSocketUpgrade upgrade;
    QByteArray earlyBytes; // what the client sent after the upgrade request, already read
};

class ConnectionGuard : public QTcpServer
{
    Q_OBJECT
public:
    explicit ConnectionGuard(ConnectionLimits limits, QObject *parent = nullptr);
    ~ConnectionGuard() override;

    const ConnectionLimits &limits() const { return m_limits; }
    // Every connection accepted from now on must complete a TLS handshake with this
    // configuration before it is served. Call before listen().
    void setTlsConfiguration(const QSslConfiguration &configuration);
    // Who takes WebSocket upgrades. The guard checks the handshake (answering a bad one
    // in the NestJS shape) and calls this from the socket's readyRead. Without a handler
    // upgrades get 501; QtHttpServer's own WebSocket server is never used.
    using UpgradeHandler = std::function<void(UpgradedConnection &&connection)>;
    void setUpgradeHandler(UpgradeHandler handler) { m_upgradeHandler = std::move(handler); }
    bool tlsEnabled() const { return m_tls.has_value(); }
    // Connections accepted and not yet destroyed (WebSocket connections and connections
    // still in their TLS handshake included).
    int openConnections() const;
    int openConnections(const QHostAddress &peer) const;
    qint64 rejections(RejectReason reason) const;
    // Connections dropped because their TLS handshake failed or timed out.
    qint64 tlsHandshakeFailures() const;
    // Keep-alive connections waiting for their next request outside Qt's poll set.
    int parkedConnections() const;

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    class Connection;

    void startHandshake(QSslSocket *socket, Connection &connection);
    void handshakeFailed(Connection &connection, QLatin1StringView why);
    void watch(Connection &connection);
    void beforeQtReads(Connection &connection);
    void handOverUpgrade(Connection &connection);
    void afterQtRead(Connection &connection);
    void headerTimedOut(Connection &connection);
    void idleTimedOut(Connection &connection);
    void touched(Connection &connection);
    void parkQuietConnections();
    bool mayPark(const Connection &connection) const;
    void rejectOnceQtCaughtUp(Connection &connection);
    void updateHeaderTimer(Connection &connection);
    void stopWatching(Connection &connection);
    void reject(Connection &connection, RejectReason reason, int status, const QString &message);
    void replyAndClose(QTcpSocket *socket, const QByteArray &reply);
    void count(RejectReason reason, const QHostAddress &peer);

    ConnectionLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    std::shared_ptr<ConnectionCounters> m_counters;
    UpgradeHandler m_upgradeHandler;
    // Connections watched, for the parking sweep (each leaves the set when destroyed).
    QSet<Connection *> m_watched;
    QElapsedTimer m_clock; // when a watched connection last had traffic
    QTimer m_parkingSweep;
};

} // namespace vw::server::http
