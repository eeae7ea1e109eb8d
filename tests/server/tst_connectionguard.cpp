#include "server/core/descriptorreactor.h"
#include "server/http/connectionguard.h"
#include "server/server.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using vw::server::DescriptorReactor;
using vw::server::http::ConnectionGuard;
using vw::server::http::ConnectionLimits;
using vw::server::http::RejectReason;

namespace {

// One reply as read off the wire.
struct WireReply
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (name.compare(key, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// The complete final replies in a received byte stream (100 Continue is skipped).
QList<WireReply> parseReplies(const QByteArray &stream)
{
    QList<WireReply> replies;
    qsizetype pos = 0;
    while (true) {
        const qsizetype end = stream.indexOf("\r\n\r\n", pos);
        if (end < 0)
            break;
        const QList<QByteArray> lines = stream.mid(pos, end - pos).split('\n');
        WireReply reply;
        reply.status = lines.front().mid(9, 3).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                reply.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        const qsizetype bodyStart = end + 4;
        if (reply.status == 100) {
            pos = bodyStart;
            continue;
        }
        const qsizetype length = reply.header("Content-Length").toLongLong();
        if (stream.size() < bodyStart + length)
            break;
        reply.body = stream.mid(bodyStart, length);
        pos = bodyStart + length;
        replies.append(reply);
    }
    return replies;
}

// A raw client connection that records everything it receives and whether it was closed.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { m_received += m_socket.readAll(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, [this] { m_closed = true; });
        QObject::connect(&m_socket, &QTcpSocket::errorOccurred, [this] { m_closed = true; });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool waitConnected() { return m_socket.waitForConnected(5000); }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    QTcpSocket &socket() { return m_socket; }
    const QByteArray &received() const { return m_received; }
    QList<WireReply> replies() const { return parseReplies(m_received); }
    bool closed() const { return m_closed; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
    bool m_closed = false;
};

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toLongLong();
    }
    return -1;
}

const QByteArray healthz("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");

} // namespace

// The real server on a loopback port behind its connection guard, spoken to with raw
// sockets: size caps, timeouts, connections per address, 100-continue, smuggling, and
// that well-behaved connections keep being served.
class TestConnectionGuard : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { m_server.reset(); }

    void headerOverCapGets431()
    {
        startServer();
        RawClient client(m_server->port());
        client.send(
            "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + QByteArray(20 * 1024, 'a') + "\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 10000);
        const auto replies = client.replies();
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.front().status, 431);
        QCOMPARE(replies.front().header("Connection"), QByteArray("close"));
        QVERIFY(replies.front().header("Content-Type").startsWith("application/json"));
        const QJsonObject body = replies.front().json();
        QCOMPARE(body.value(QStringLiteral("statusCode")).toInt(), 431);
        QCOMPARE(body.value(QStringLiteral("error")).toString(),
            QStringLiteral("Request Header Fields Too Large"));
        QCOMPARE(body.value(QStringLiteral("message")).toString(),
            QStringLiteral("Request header exceeds 16384 bytes"));
        QCOMPARE(guard()->rejections(RejectReason::HeaderTooLarge), 1);
    }

    void hugeBodyRefusedBeforeBuffering()
    {
        startServer();
        const qint64 before = residentKiB();
        QVERIFY(before > 0);
        RawClient client(m_server->port());
        QVERIFY(client.waitConnected());
        client.send("POST /messaging/conversations/c1/messages HTTP/1.1\r\nHost: localhost\r\n"
                    "Content-Type: application/json\r\nContent-Length: 2000000000\r\n\r\n");
        // Keep streaming the body the way a real client would; without the guard QtHttpServer
        // would buffer every byte of it.
        const QByteArray chunk(1024 * 1024, 'x');
        qint64 sent = 0;
        const qint64 maxSend = 64 * 1024 * 1024;
        for (int spins = 0; spins < 20000 && !client.closed(); ++spins) {
            if (sent < maxSend && client.socket().bytesToWrite() < chunk.size()) {
                client.send(chunk);
                sent += chunk.size();
            }
            QTest::qWait(1);
        }
        QVERIFY(client.closed());
        const auto replies = client.replies();
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.front().status, 413);
        const QJsonObject body = replies.front().json();
        QCOMPARE(body.value(QStringLiteral("statusCode")).toInt(), 413);
        QCOMPARE(body.value(QStringLiteral("message")).toString(),
            QStringLiteral("Request body exceeds 1048576 bytes"));
        QCOMPARE(body.value(QStringLiteral("error")).toString(), QStringLiteral("Payload Too Large"));
        const qint64 grownKiB = residentKiB() - before;
        QVERIFY2(grownKiB < 16 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(grownKiB)));
        QCOMPARE(guard()->rejections(RejectReason::BodyTooLarge), 1);
    }

    void bodyLimitPerRouteClass_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<qint64>("contentLength");
        QTest::addColumn<QString>("message");
        QTest::newRow("attachment 50 MiB + 1")
            << QByteArray("/messaging/conversations/c1/attachments") << qint64(50 * 1024 * 1024 + 1)
            << QStringLiteral("Request body exceeds 52428800 bytes");
        QTest::newRow("JSON 1 MiB + 1")
            << QByteArray("/messaging/conversations/c1/messages") << qint64(1024 * 1024 + 1)
            << QStringLiteral("Request body exceeds 1048576 bytes");
    }

    void bodyLimitPerRouteClass()
    {
        QFETCH(QByteArray, path);
        QFETCH(qint64, contentLength);
        QFETCH(QString, message);
        startServer();
        RawClient client(m_server->port());
        client.send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
            + QByteArray::number(contentLength) + "\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 10000);
        const auto replies = client.replies();
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.front().status, 413);
        QCOMPARE(replies.front().json().value(QStringLiteral("message")).toString(), message);
    }

    void attachmentRouteTakesMoreThanJsonLimit()
    {
        startServer();
        RawClient client(m_server->port());
        const QByteArray body(1024 * 1024 + 1, 'a');
        client.send("POST /messaging/conversations/c1/attachments HTTP/1.1\r\nHost: localhost\r\n"
                    "Content-Type: application/octet-stream\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        // The upload route answers (401: no bearer), so the guard let the 1 MiB + 1 body through.
        QTRY_COMPARE_WITH_TIMEOUT(client.replies().size(), 1, 10000);
        QCOMPARE(client.replies().front().status, 401);
        QVERIFY(!client.closed());
    }

    void halfSentHeaderTimesOut()
    {
        ConnectionLimits limits = testLimits();
        limits.headerTimeoutMs = 200;
        startServer(limits);
        RawClient client(m_server->port());
        client.send("GET /healthz HTTP/1.1\r\nHost: loc");
        QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 10000);
        const auto replies = client.replies();
        QCOMPARE(replies.size(), 1);
        QCOMPARE(replies.front().status, 408);
        QCOMPARE(replies.front().json().value(QStringLiteral("error")).toString(),
            QStringLiteral("Request Timeout"));
        QCOMPARE(guard()->rejections(RejectReason::HeaderTimeout), 1);
    }

    void idleKeepAliveIsClosed()
    {
        ConnectionLimits limits = testLimits();
        limits.idleTimeoutMs = 300;
        startServer(limits);
        RawClient client(m_server->port());
        client.send(healthz);
        QTRY_COMPARE_WITH_TIMEOUT(client.replies().size(), 1, 10000);
        QCOMPARE(client.replies().front().status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 10000);
        // Closed without another reply.
        QCOMPARE(client.replies().size(), 1);
        QCOMPARE(client.received().count("HTTP/1.1"), 1);
        QCOMPARE(guard()->rejections(RejectReason::IdleTimeout), 1);
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 0, 10000);
    }

    // Keep-alive connections quiet between requests leave Qt's poll set for the thread's epoll
    // set (ParkedSocket) and are served as before when their next request comes.
    void quietKeepAliveConnectionsAreParkedAndStillServed()
    {
        startServer(quickParkingLimits());
        const qsizetype watchedBefore = DescriptorReactor::forCurrentThread().watchedCount();
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(parkedClient());
            QVERIFY(clients.back());
        }
        QCOMPARE(guard()->parkedConnections(), 3);
        QCOMPARE(DescriptorReactor::forCurrentThread().watchedCount(), watchedBefore + 3);

        for (const auto &client : clients)
            client->send(healthz);
        for (const auto &client : clients) {
            QTRY_COMPARE_WITH_TIMEOUT(client->replies().size(), 2, 10000);
            QCOMPARE(client->replies().back().status, 200);
            QVERIFY(!client->closed());
        }
        // Quiet again, parked again; none was closed on the way.
        QTRY_COMPARE_WITH_TIMEOUT(guard()->parkedConnections(), 3, 10000);
        QCOMPARE(guard()->openConnections(), 3);
        QCOMPARE(guard()->rejections(RejectReason::IdleTimeout), 0);
    }

    void aParkedConnectionWhoseClientLeavesIsClosed()
    {
        startServer(quickParkingLimits());
        const qsizetype watchedBefore = DescriptorReactor::forCurrentThread().watchedCount();
        auto client = parkedClient();
        QVERIFY(client);
        client.reset(); // FIN from the client while the server is not polling the socket
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 0, 10000);
        QCOMPARE(guard()->parkedConnections(), 0);
        QCOMPARE(DescriptorReactor::forCurrentThread().watchedCount(), watchedBefore);
    }

    void aParkedConnectionStillTimesOut()
    {
        ConnectionLimits limits = quickParkingLimits();
        limits.idleTimeoutMs = 1500;
        startServer(limits);
        const qsizetype watchedBefore = DescriptorReactor::forCurrentThread().watchedCount();
        const auto client = parkedClient();
        QVERIFY(client);
        QTRY_VERIFY_WITH_TIMEOUT(client->closed(), 10000);
        QCOMPARE(client->replies().size(), 1);
        QCOMPARE(guard()->rejections(RejectReason::IdleTimeout), 1);
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 0, 10000);
        QCOMPARE(DescriptorReactor::forCurrentThread().watchedCount(), watchedBefore);
    }

    void aServerStoppingWithParkedConnectionsLeavesNothingWatched()
    {
        startServer(quickParkingLimits());
        const qsizetype watchedBefore = DescriptorReactor::forCurrentThread().watchedCount();
        const auto client = parkedClient();
        QVERIFY(client);
        m_server.reset(); // its sockets go while parked: each must leave the epoll set first
        QCOMPARE(DescriptorReactor::forCurrentThread().watchedCount(), watchedBefore);
        QTRY_VERIFY_WITH_TIMEOUT(client->closed(), 10000);
    }

    void aHalfSentRequestIsNotParked()
    {
        startServer(quickParkingLimits());
        RawClient client(m_server->port());
        client.send("GET /healthz HTTP/1.1\r\nHost: loc");
        QTRY_VERIFY_WITH_TIMEOUT(guard()->openConnections() == 1, 10000);
        // Several sweeps: a connection in the middle of a request stays with Qt.
        QTest::qWait(500);
        QCOMPARE(guard()->parkedConnections(), 0);
        client.send("alhost\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.replies().size(), 1, 10000);
        QCOMPARE(client.replies().front().status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(guard()->parkedConnections(), 1, 10000);
    }

    void connectionsPerAddressAreCapped()
    {
        ConnectionLimits limits = testLimits();
        limits.maxConnectionsPerIp = 3;
        startServer(limits);
        std::vector<std::unique_ptr<RawClient>> held;
        for (int i = 0; i < 3; ++i) {
            held.push_back(std::make_unique<RawClient>(m_server->port()));
            QVERIFY(held.back()->waitConnected());
        }
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 3, 10000);
        QCOMPARE(guard()->openConnections(QHostAddress(QHostAddress::LocalHost)), 3);

        RawClient refused(m_server->port());
        QTRY_VERIFY_WITH_TIMEOUT(refused.closed(), 10000);
        QCOMPARE(refused.replies().size(), 1);
        QCOMPARE(refused.replies().front().status, 429);
        QCOMPARE(refused.replies().front().header("Retry-After"), QByteArray("1"));
        QCOMPARE(guard()->rejections(RejectReason::TooManyConnections), 1);

        // The held connections are still served, and closing one frees a slot.
        held.front()->send(healthz);
        QTRY_COMPARE_WITH_TIMEOUT(held.front()->replies().size(), 1, 10000);
        QCOMPARE(held.front()->replies().front().status, 200);
        held.front().reset();
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 2, 10000);
        RawClient admitted(m_server->port());
        admitted.send(healthz);
        QTRY_COMPARE_WITH_TIMEOUT(admitted.replies().size(), 1, 10000);
        QCOMPARE(admitted.replies().front().status, 200);
        QCOMPARE(guard()->openConnections(), 3);
    }

    void expectContinueIsAnswered()
    {
        startServer();
        RawClient client(m_server->port());
        client.send("POST /no/such HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.received(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"), 10000);
        client.send("{}");
        QTRY_COMPARE_WITH_TIMEOUT(client.replies().size(), 1, 10000);
        QCOMPARE(client.replies().front().status, 404);
        QCOMPARE(client.replies().front().json().value(QStringLiteral("message")).toString(),
            QStringLiteral("Cannot POST /no/such"));
        QVERIFY(!client.closed());
    }

    void smugglingAttemptsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QList<int>>("statuses");
        QTest::newRow("Content-Length and chunked") << QByteArray(
            "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
            "0\r\n\r\n") << QList<int> {400};
        QTest::newRow("duplicate Content-Length")
            << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 13\r\n\r\nabc")
            << QList<int> {400};
        QTest::newRow("invalid Content-Length")
            << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3x\r\n\r\nabc") << QList<int> {400};
        QTest::newRow("chunked body") << QByteArray(
            "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
                                      << QList<int> {411};
        QTest::newRow("space before colon")
            << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length : 3\r\n\r\nabc") << QList<int> {400};
        // The extra bytes are judged as the next request: the first is answered, then 400.
        QTest::newRow("body longer than announced")
            << QByteArray("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGARBAGE\r\n\r\n")
            << QList<int> {404, 400};
        QTest::newRow("hidden request after body") << QByteArray(
            "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
            "POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n")
                                                   << QList<int> {404, 400};
    }

    void smugglingAttemptsAreRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(QList<int>, statuses);
        startServer();
        RawClient client(m_server->port());
        client.send(request);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed(), 10000);
        const auto replies = client.replies();
        QCOMPARE(replies.size(), statuses.size());
        for (qsizetype i = 0; i < replies.size(); ++i)
            QCOMPARE(replies[i].status, statuses[i]);
        QCOMPARE(replies.back().header("Connection"), QByteArray("close"));
        QCOMPARE(replies.back().json().value(QStringLiteral("statusCode")).toInt(), statuses.back());
    }

    void keepAliveSequenceIsServed()
    {
        startServer();
        RawClient client(m_server->port());
        for (int i = 1; i <= 3; ++i) {
            client.send(healthz);
            QTRY_COMPARE_WITH_TIMEOUT(client.replies().size(), i, 10000);
        }
        client.send(healthz + healthz + healthz); // pipelined in one segment
        QTRY_COMPARE_WITH_TIMEOUT(client.replies().size(), 6, 10000);
        for (const WireReply &reply : client.replies()) {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        }
        QVERIFY(!client.closed());
        QCOMPARE(guard()->openConnections(), 1);
    }

    void othersAreServedWhileOneIsRejected()
    {
        startServer();
        RawClient slow(m_server->port());
        slow.send("GET /healthz HTTP/1.1\r\nHo");
        RawClient offender(m_server->port());
        offender.send(
            "POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000000\r\n\r\n" + QByteArray(65536, 'x'));
        RawClient normal(m_server->port());
        normal.send(healthz);
        QTRY_VERIFY_WITH_TIMEOUT(offender.closed(), 10000);
        QCOMPARE(offender.replies().front().status, 413);
        QTRY_COMPARE_WITH_TIMEOUT(normal.replies().size(), 1, 10000);
        QCOMPARE(normal.replies().front().status, 200);
        slow.send("st: localhost\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(slow.replies().size(), 1, 10000);
        QCOMPARE(slow.replies().front().status, 200);
        QVERIFY(!slow.closed());
        QVERIFY(!normal.closed());
    }

    void clientsVanishingMidRequestAreHarmless()
    {
        startServer();
        {
            RawClient halfHeader(m_server->port());
            QVERIFY(halfHeader.waitConnected());
            halfHeader.send("GET /healthz HTTP/1.1\r\nHo");
            QTest::qWait(50);
            halfHeader.socket().abort();
        }
        {
            RawClient halfBody(m_server->port());
            QVERIFY(halfBody.waitConnected());
            halfBody.send("POST /x HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nabc");
            QTest::qWait(50);
            halfBody.socket().disconnectFromHost();
        }
        {
            RawClient rejectedThenGone(m_server->port());
            QVERIFY(rejectedThenGone.waitConnected());
            rejectedThenGone.send("BROKEN\r\n\r\n");
            rejectedThenGone.socket().abort();
        }
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 0, 10000);
        RawClient after(m_server->port());
        after.send(healthz);
        QTRY_COMPARE_WITH_TIMEOUT(after.replies().size(), 1, 10000);
        QCOMPARE(after.replies().front().status, 200);
    }

    void serverStopsWithOpenConnections()
    {
        startServer();
        RawClient idle(m_server->port());
        RawClient midHeader(m_server->port());
        midHeader.send("GET / HTTP/1.1\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(guard()->openConnections(), 2, 10000);
        m_server.reset();
        QTRY_VERIFY_WITH_TIMEOUT(idle.closed() && midHeader.closed(), 10000);
    }

    void rejectReasonsHaveNames()
    {
        QCOMPARE(vw::server::http::rejectReasonName(RejectReason::BodyTooLarge),
            QLatin1StringView("body_too_large"));
        QCOMPARE(
            vw::server::http::rejectReasonName(RejectReason::IdleTimeout), QLatin1StringView("idle_timeout"));
        QCOMPARE(vw::server::http::rejectReasonName(RejectReason::TooManyConnections),
            QLatin1StringView("too_many_connections"));
    }

private:
    // Defaults but with timeouts that cannot fire during a test unless it asks for them.
    static ConnectionLimits testLimits()
    {
        ConnectionLimits limits;
        limits.headerTimeoutMs = 60 * 1000;
        limits.idleTimeoutMs = 60 * 1000;
        limits.lingerMs = 500;
        return limits;
    }

    // The defaults of testLimits(), with a connection parked after 100 ms of quiet.
    static ConnectionLimits quickParkingLimits()
    {
        ConnectionLimits limits = testLimits();
        limits.parkAfterIdleMs = 100;
        return limits;
    }

    // A new client whose one request was answered and whose connection was then parked;
    // null if either did not happen in time.
    std::unique_ptr<RawClient> parkedClient()
    {
        const int parkedBefore = guard()->parkedConnections();
        auto client = std::make_unique<RawClient>(m_server->port());
        client->send(healthz);
        const bool parked = QTest::qWaitFor(
            [&] { return client->replies().size() == 1 && guard()->parkedConnections() == parkedBefore + 1; },
            10000);
        return parked && client->replies().front().status == 200 ? std::move(client) : nullptr;
    }

    void startServer(const ConnectionLimits &limits = testLimits())
    {
        QVERIFY(m_dataDir.isValid());
        vw::server::ServerOptions options;
        options.dataDir = m_dataDir.path();
        options.port = 0;
        options.connectionLimits = limits;
        m_server = std::make_unique<vw::server::Server>(options);
        const auto started = m_server->start();
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QVERIFY(guard() != nullptr);
    }

    ConnectionGuard *guard() const { return m_server->connectionGuard(); }

    QTemporaryDir m_dataDir;
    std::unique_ptr<vw::server::Server> m_server;
};

QTEST_GUILESS_MAIN(TestConnectionGuard)
#include "tst_connectionguard.moc"
