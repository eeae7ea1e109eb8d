// The server's own WebSocket layer (server/websocket, the guard's upgrade hand-over) spoken
// to by a raw TCP client on a real server: the handshake, frames in and out, the closing
// handshake, protocol violations, and the connection limits that still cover upgraded sockets.
#include "server/http/connectionguard.h"
#include "server/server.h"
#include "tests/load/websocketframing.h"
#include "tests/support/realtimetestserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

#include <memory>
#include <optional>

using vw::load::WsFrameReader;
using vw::load::WsMessage;
using vw::load::WsOpcode;
using vw::test::RealtimeTestServer;
using vw::test::RealtimeTestUser;
namespace ws = vw::load::websocket;

namespace {

constexpr int kWaitMs = 5000;
const QByteArray kKey = QByteArrayLiteral("dGhlIHNhbXBsZSBub25jZQ==");
const QString kSocketIoTarget = QStringLiteral("/socket.io/?EIO=4&transport=websocket");

// A WebSocket client written out byte by byte, so the test decides every frame. The server
// runs on this thread: every wait spins the event loop (pump()), never blocks in the socket.
class RawWebSocket
{
public:
    explicit RawWebSocket(quint16 port) : m_port(port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_connected = m_socket.waitForConnected(kWaitMs);
    }

    bool connected() const { return m_connected; }

    // Lets the server work for a moment, then takes what arrived.
    QByteArray pump()
    {
        QTest::qWait(5);
        return m_socket.readAll();
    }
    QTcpSocket &socket() { return m_socket; }

    void write(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    QByteArray upgradeRequest(const QString &target = kSocketIoTarget) const
    {
        return ws::upgradeRequest(QStringLiteral("127.0.0.1"), m_port, target, kKey);
    }

    // The HTTP head of the reply (up to the blank line); what follows stays for frames.
    QByteArray readHead()
    {
        QElapsedTimer clock;
        clock.start();
        while (!m_pending.contains("\r\n\r\n") && clock.elapsed() < kWaitMs) {
            m_pending.append(pump());
            if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0)
                break;
        }
        const qsizetype end = m_pending.indexOf("\r\n\r\n");
        if (end < 0)
            return {};
        const QByteArray head = m_pending.left(end + 4);
        m_pending.remove(0, end + 4);
        return head;
    }

    // The body of a reply whose head said Content-Length.
    QByteArray readBody(qsizetype length)
    {
        QElapsedTimer clock;
        clock.start();
        while (m_pending.size() < length && clock.elapsed() < kWaitMs)
            m_pending.append(pump());
        return m_pending.left(length);
    }

    // Sends the upgrade request (and `trailing` in the same write); true on a 101, whose
    // head is kept in lastHead().
    bool upgrade(const QByteArray &trailing = {}, const QString &target = kSocketIoTarget)
    {
        write(upgradeRequest(target) + trailing);
        m_lastHead = readHead();
        if (!m_lastHead.startsWith("HTTP/1.1 101 "))
            return false;
        m_reader.append(m_pending);
        m_pending.clear();
        return true;
    }
    const QByteArray &lastHead() const { return m_lastHead; }

    void sendFrame(WsOpcode opcode, QByteArrayView payload)
    {
        write(ws::encodeClientFrame(opcode, payload, 0x5A17C3E1));
    }
    void sendText(const QString &text) { sendFrame(WsOpcode::Text, text.toUtf8()); }

    // The next message or control frame from the server, or none within the wait.
    std::optional<WsMessage> next(int timeoutMs = kWaitMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (true) {
            if (auto message = m_reader.next())
                return message;
            if (clock.elapsed() >= timeoutMs || !m_reader.error().isEmpty())
                return std::nullopt;
            const QByteArray bytes = pump();
            if (bytes.isEmpty() && m_socket.state() != QAbstractSocket::ConnectedState)
                return std::nullopt;
            m_reader.append(bytes);
        }
    }

    // The next text message that starts with `prefix`, skipping Engine.IO pings and others.
    QString nextTextStartingWith(const QString &prefix)
    {
        while (auto message = next()) {
            const QString text = QString::fromUtf8(message->payload);
            if (message->opcode == WsOpcode::Text && text.startsWith(prefix))
                return text;
        }
        return {};
    }

    // The close frame's code, skipping anything before it; 0 when none came.
    int nextCloseCode()
    {
        while (auto message = next()) {
            if (message->opcode == WsOpcode::Close)
                return message->payload.size() >= 2 ? qFromBigEndian<quint16>(message->payload.constData())
                                                    : 1005;
        }
        return 0;
    }

    bool waitForServerToClose(int timeoutMs = kWaitMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            if (m_socket.state() == QAbstractSocket::UnconnectedState)
                return true;
            pump();
        }
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }

private:
    quint16 m_port;
    QTcpSocket m_socket;
    bool m_connected = false;
    QByteArray m_pending;
    QByteArray m_lastHead;
    WsFrameReader m_reader;
};

int statusOf(const QByteArray &head)
{
    return head.mid(9, 3).toInt();
}

qsizetype contentLength(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            return line.mid(15).trimmed().toLongLong();
    }
    return -1;
}

} // namespace

class TestWebSocketConnection : public QObject
{
    Q_OBJECT

    std::unique_ptr<RealtimeTestServer> m_server;
    RealtimeTestUser m_patient;

    quint16 port() const { return static_cast<quint16>(m_server->baseUrl().port()); }
    vw::server::http::ConnectionGuard &guard() const { return *m_server->server().connectionGuard(); }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<RealtimeTestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_patient = m_server->addUser(QStringLiteral("pat.websocket"), vw::model::UserRole::Patient);
    }

    void upgradeIsAnsweredWith101AndTheEngineOpen()
    {
        RawWebSocket client(port());
        QVERIFY(client.connected());
        QVERIFY2(client.upgrade(), client.lastHead().constData());
        const QByteArray head = client.lastHead();
        QVERIFY(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        QVERIFY(head.contains(QByteArray("Sec-WebSocket-Accept: " + ws::expectedAccept(kKey) + "\r\n")));
        QVERIFY(head.toLower().contains("upgrade: websocket\r\n"));
        QVERIFY(!head.toLower().contains("sec-websocket-extensions")); // none agreed
        const QString open = client.nextTextStartingWith(QStringLiteral("0"));
        QVERIFY2(open.startsWith(QStringLiteral("0{\"sid\":")), qPrintable(open));
        client.sendText(QStringLiteral("40/messaging,{\"token\":\"%1\"}").arg(m_patient.accessToken));
        QVERIFY(!client.nextTextStartingWith(QStringLiteral("40/messaging,{\"sid\":")).isEmpty());
    }

    void theEngineServesOnlyTheSocketIoPath_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<bool>("served");
        QTest::newRow("trailing slash") << kSocketIoTarget << true;
        QTest::newRow("no trailing slash") << QStringLiteral("/socket.io?EIO=4&transport=websocket") << true;
        QTest::newRow("other path") << QStringLiteral("/chat/?EIO=4&transport=websocket") << false;
        QTest::newRow("Engine.IO 3") << QStringLiteral("/socket.io/?EIO=3&transport=websocket") << false;
    }

    void theEngineServesOnlyTheSocketIoPath()
    {
        QFETCH(QString, target);
        QFETCH(bool, served);
        RawWebSocket client(port());
        QVERIFY(client.upgrade({}, target));
        if (served)
            QVERIFY(!client.nextTextStartingWith(QStringLiteral("0{")).isEmpty());
        else
            QCOMPARE(client.nextCloseCode(), 1002);
    }

    void framesSentWithTheUpgradeAreRead()
    {
        RawWebSocket client(port());
        // One write: the upgrade request and the namespace CONNECT right behind it.
        const QString connect = QStringLiteral("40/messaging,{\"token\":\"%1\"}").arg(m_patient.accessToken);
        QVERIFY(client.upgrade(ws::encodeClientFrame(WsOpcode::Text, connect.toUtf8(), 0x01020304)));
        QVERIFY(!client.nextTextStartingWith(QStringLiteral("0{")).isEmpty());
        QVERIFY(!client.nextTextStartingWith(QStringLiteral("40/messaging,{\"sid\":")).isEmpty());
    }

    void fragmentedMessagesAreJoined()
    {
        RawWebSocket client(port());
        QVERIFY(client.upgrade());
        const QByteArray connect
            = QStringLiteral("40/messaging,{\"token\":\"%1\"}").arg(m_patient.accessToken).toUtf8();
        // Text without FIN, a ping in between (control frames may interleave), the rest.
        QByteArray first = ws::encodeClientFrame(WsOpcode::Text, connect.left(10), 7);
        first[0] = char(quint8(first[0]) & 0x7F);
        QByteArray last = ws::encodeClientFrame(WsOpcode::Continuation, connect.mid(10), 9);
        client.write(first + ws::encodeClientFrame(WsOpcode::Ping, "between", 8) + last);
        std::optional<WsMessage> pong;
        QString accepted;
        while (auto message = client.next()) {
            if (message->opcode == WsOpcode::Pong)
                pong = message;
            if (message->opcode == WsOpcode::Text && message->payload.startsWith("40/messaging,{\"sid\":")) {
                accepted = QString::fromUtf8(message->payload);
                break;
            }
        }
        QVERIFY(pong.has_value());
        QCOMPARE(pong->payload, QByteArray("between"));
        QVERIFY(!accepted.isEmpty());
    }

    void pingsAreAnsweredWithTheirPayload()
    {
        RawWebSocket client(port());
        QVERIFY(client.upgrade());
        client.sendFrame(WsOpcode::Ping, "are you there");
        std::optional<WsMessage> message;
        do {
            message = client.next();
        } while (message && message->opcode != WsOpcode::Pong);
        QVERIFY(message.has_value());
        QCOMPARE(message->payload, QByteArray("are you there"));
    }

    void aClientCloseIsAnsweredAndTheServerEndsTheConnection()
    {
        RawWebSocket client(port());
        QVERIFY(client.upgrade());
        QByteArray payload(2, Qt::Uninitialized);
        qToBigEndian<quint16>(4001, payload.data());
        client.sendFrame(WsOpcode::Close, QByteArray(payload + "bye"));
        QCOMPARE(client.nextCloseCode(), 4001); // echoed (RFC 6455 5.5.1)
        QVERIFY(client.waitForServerToClose()); // the server closes the TCP connection first
    }

    void protocolViolationsCloseWithTheirCode_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("closeCode");
        QByteArray unmasked = ws::encodeClientFrame(WsOpcode::Text, "", 0);
        unmasked[1] = char(quint8(unmasked[1]) & 0x7F); // mask bit off (an all-zero key changes nothing)
        QTest::newRow("unmasked") << unmasked << 1002;
        QTest::newRow("not UTF-8") << ws::encodeClientFrame(WsOpcode::Text, "4\xC3\x28", 3) << 1007;
        QTest::newRow("binary") << ws::encodeClientFrame(WsOpcode::Binary, "\x01\x02", 3) << 1003;
        QByteArray reserved = ws::encodeClientFrame(WsOpcode::Text, "2", 3);
        reserved[0] = char(quint8(reserved[0]) | 0x40);
        QTest::newRow("RSV1 without an extension") << reserved << 1002;
        // Refused on the header: the 2 MB payload is never sent (the limit is 1,000,000).
        QByteArray tooBig;
        tooBig.append(char(0x81)).append(char(0x80 | 127));
        QByteArray length(8, '\0');
        qToBigEndian<quint64>(2'000'000, length.data());
        tooBig.append(length).append("\x01\x02\x03\x04", 4);
        QTest::newRow("over maxPayload") << tooBig << 1009;
    }

    void protocolViolationsCloseWithTheirCode()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, closeCode);
        RawWebSocket client(port());
        QVERIFY(client.upgrade());
        QVERIFY(!client.nextTextStartingWith(QStringLiteral("0{")).isEmpty());
        client.write(frame);
        QCOMPARE(client.nextCloseCode(), closeCode);
        QVERIFY(client.waitForServerToClose());
    }

    // The server's own close: the peer gets the close frame, and a peer that never answers
    // it is cut off after the grace period (WebSocketConnection::kCloseGraceMs).
    void anUnansweredServerCloseEndsTheConnection()
    {
        RawWebSocket client(port());
        QVERIFY(client.upgrade());
        // No namespace CONNECT: fastSettings() closes the socket after 1.5 s.
        QCOMPARE(client.nextCloseCode(), 1008);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(client.waitForServerToClose(4000));
        QVERIFY(clock.elapsed() >= 1000); // it waited for an answer first
    }

    void badHandshakesGetAnErrorInTheApiShape_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray start = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                 "Upgrade: websocket\r\nConnection: Upgrade\r\n";
        QTest::newRow("no key") << start + "Sec-WebSocket-Version: 13\r\n\r\n" << 400;
        QTest::newRow("short key") << start
                + "Sec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n\r\n"
                                   << 400;
        QTest::newRow("version 8") << start + "Sec-WebSocket-Key: " + kKey
                + "\r\nSec-WebSocket-Version: 8\r\n\r\n"
                                   << 426;
        QTest::newRow("behind an unanswered request") << "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + start + "Sec-WebSocket-Key: " + kKey + "\r\nSec-WebSocket-Version: 13\r\n\r\n"
                                                      << 400;
    }

    void badHandshakesGetAnErrorInTheApiShape()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RawWebSocket client(port());
        client.write(request);
        const QByteArray head = client.readHead();
        QCOMPARE(statusOf(head), status);
        if (status == 426)
            QVERIFY(head.contains("Sec-WebSocket-Version: 13\r\n"));
        const QJsonObject body = QJsonDocument::fromJson(client.readBody(contentLength(head))).object();
        QCOMPARE(body.value(QStringLiteral("statusCode")).toInt(), status);
        QVERIFY(!body.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(client.waitForServerToClose());
    }

    // The guard's counts follow the connection after the hand-over, until it closes.
    void upgradedConnectionsStayCounted()
    {
        QTRY_COMPARE_WITH_TIMEOUT(guard().openConnections(), 0, kWaitMs);
        {
            RawWebSocket first(port());
            RawWebSocket second(port());
            QVERIFY(first.upgrade());
            QVERIFY(second.upgrade());
            QVERIFY(!first.nextTextStartingWith(QStringLiteral("0{")).isEmpty());
            QVERIFY(!second.nextTextStartingWith(QStringLiteral("0{")).isEmpty());
            QCOMPARE(guard().openConnections(), 2);
            QCOMPARE(guard().openConnections(QHostAddress(QHostAddress::LocalHost)), 2);
        }
        QTRY_COMPARE_WITH_TIMEOUT(guard().openConnections(), 0, kWaitMs);
    }

    void thePerAddressLimitCoversWebSockets()
    {
        RealtimeTestServer limited(
            [](vw::server::ServerOptions &options) { options.connectionLimits.maxConnectionsPerIp = 2; });
        QVERIFY2(limited.start(), qPrintable(limited.errorString()));
        const auto limitedPort = static_cast<quint16>(limited.baseUrl().port());
        RawWebSocket first(limitedPort);
        RawWebSocket second(limitedPort);
        QVERIFY(first.upgrade());
        QVERIFY(second.upgrade());
        RawWebSocket third(limitedPort);
        third.write(third.upgradeRequest());
        QCOMPARE(statusOf(third.readHead()), 429);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketConnection)
#include "tst_websocketconnection.moc"
