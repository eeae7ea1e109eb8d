#include "common/realtime/socketpacket.h"
#include "server/realtime/realtimegateway.h"
#include "server/realtime/realtimemodule.h"
#include "server/server.h"
#include "tests/support/realtimetestserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace vw;
using namespace vw::test;
using vw::realtime::SocketPacket;

namespace {

QString eventFrame(const QString &name, const QJsonValue &payload, std::optional<qint64> ackId = std::nullopt)
{
    return SocketPacket::event(QStringLiteral("/messaging"), name, payload, ackId).encodeFrame();
}

} // namespace

// The Socket.IO gateway at the frame level, against the production server on a loopback
// port: the handshake and heartbeat, namespace CONNECT with the access token, and what
// happens to peers that break the protocol — each is answered or closed on its own while a
// well-behaved socket beside it keeps working.
class TestRealtimeGateway : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RealtimeTestServer> m_server;
    RealtimeTestUser m_provider;
    RealtimeTestUser m_patient;
    QString m_conversationId;

    // The well-behaved neighbour: still connected and still served after whatever a test did.
    void verifyNeighbourStillServed(RawSocketPeer &neighbour)
    {
        QVERIFY(neighbour.isConnected());
        const QJsonObject ack = neighbour.call(QStringLiteral("conversation:join"),
            QJsonObject {{QStringLiteral("conversationId"), m_conversationId}});
        QCOMPARE(ack.value(QStringLiteral("ok")), QJsonValue(true));
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<RealtimeTestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_provider = m_server->addUser(QStringLiteral("dr.frame"), model::UserRole::Provider);
        m_patient = m_server->addUser(QStringLiteral("pat.frame"), model::UserRole::Patient);
        m_conversationId = m_server->openPair(m_provider, m_patient);
        QVERIFY(!m_conversationId.isEmpty());
    }

    void handshakeAnnouncesTheEngineSettings()
    {
        RawSocketPeer peer;
        peer.socket().open(m_server->socketUrl());
        const QString open = peer.waitForPrefix(QStringLiteral("0{"));
        QVERIFY(!open.isEmpty());
        const QJsonObject handshake = QJsonDocument::fromJson(open.mid(1).toUtf8()).object();
        QCOMPARE(handshake.value(QStringLiteral("sid")).toString().size(), 20);
        QCOMPARE(handshake.value(QStringLiteral("upgrades")), QJsonValue(QJsonArray {}));
        QCOMPARE(handshake.value(QStringLiteral("pingInterval")).toInt(), 1000);
        QCOMPARE(handshake.value(QStringLiteral("pingTimeout")).toInt(), 1000);
        QCOMPARE(handshake.value(QStringLiteral("maxPayload")).toInt(), 1000000);
    }

    void productionDefaultsAreSocketIoDefaults()
    {
        const server::realtime::RealtimeSettings defaults;
        QCOMPARE(defaults.pingIntervalMs, 25000);
        QCOMPARE(defaults.pingTimeoutMs, 20000);
        QCOMPARE(defaults.maxPayloadBytes, 1000000);
        QCOMPARE(defaults.typingTimeoutMs, 6000);
    }

    void connectWithTheAccessTokenIsAccepted()
    {
        RawSocketPeer peer;
        QVERIFY(peer.open(m_server->socketUrl()));
        peer.send(QStringLiteral("40/messaging,{\"token\":\"%1\"}").arg(m_patient.accessToken));
        const QString reply = peer.waitForPrefix(QStringLiteral("40/messaging,"));
        QVERIFY(!reply.isEmpty());
        const auto packet = SocketPacket::decodeFrame(reply);
        QVERIFY(packet.ok());
        QCOMPARE(packet.value().payload().toObject().value(QStringLiteral("sid")).toString().size(), 20);
        // No "pid": connection-state recovery is not offered.
        QVERIFY(!packet.value().payload().toObject().contains(QStringLiteral("pid")));
    }

    void badTokensGetUnauthorized_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::newRow("no auth") << QStringLiteral("40/messaging,");
        QTest::newRow("empty auth") << QStringLiteral("40/messaging,{}");
        QTest::newRow("garbage token") << QStringLiteral("40/messaging,{\"token\":\"not.a.jwt\"}");
        QTest::newRow("token not a string") << QStringLiteral("40/messaging,{\"token\":42}");
    }

    void badTokensGetUnauthorized()
    {
        QFETCH(QString, frame);
        RawSocketPeer peer;
        QVERIFY(peer.open(m_server->socketUrl()));
        peer.send(frame);
        QCOMPARE(peer.waitForPrefix(QStringLiteral("44/messaging,")),
            QStringLiteral("44/messaging,{\"message\":\"Unauthorized\"}"));
    }

    void repeatedRefusedConnectsCloseTheSocket()
    {
        RawSocketPeer peer;
        QVERIFY(peer.open(m_server->socketUrl()));
        for (int i = 0; i < 3; ++i)
            peer.send(QStringLiteral("40/messaging,{\"token\":\"wrong\"}"));
        QVERIFY(peer.waitForDisconnected());
    }

    void unknownNamespacesAreRefused_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("expected");
        QTest::newRow("other") << QStringLiteral("40/admin,{\"token\":\"x\"}")
                               << QStringLiteral("44/admin,{\"message\":\"Invalid namespace\"}");
        QTest::newRow("root") << QStringLiteral("40")
                              << QStringLiteral("44{\"message\":\"Invalid namespace\"}");
    }

    void unknownNamespacesAreRefused()
    {
        QFETCH(QString, frame);
        QFETCH(QString, expected);
        RawSocketPeer peer;
        QVERIFY(peer.open(m_server->socketUrl()));
        peer.send(frame);
        QCOMPARE(peer.waitForPrefix(QStringLiteral("44")), expected);
    }

    void serverPingsAndKeepsAnsweringPeersAlive()
    {
        RawSocketPeer peer;
        QVERIFY(peer.openAndConnect(m_server->socketUrl(), m_patient.accessToken));
        // Several heartbeats (1 s + 1 s) pass; the auto-pong keeps it open.
        QTest::qWait(4500);
        QVERIFY(peer.isConnected());
    }

    void deadPeerIsDropped()
    {
        RawSocketPeer peer;
        peer.setAnswerPings(false);
        QVERIFY(peer.openAndConnect(m_server->socketUrl(), m_patient.accessToken));
        QVERIFY(!peer.waitForPrefix(QStringLiteral("2"), 3000).isEmpty()); // the ping
        QVERIFY(peer.waitForDisconnected(3000));
    }

    // Sockets that connect together are not pinged together: each one's first ping comes at
    // a random point of the second half of its first interval (1 s here), so their
    // heartbeats stay spread out.
    void firstPingsOfSocketsConnectedTogetherAreSpread()
    {
        constexpr size_t kPeers = 20;
        std::vector<std::unique_ptr<RawSocketPeer>> peers;
        std::vector<qint64> connectedAtMs;
        std::vector<qint64> firstPingMs; // each peer's, counted from its own connection
        QElapsedTimer clock;
        clock.start();
        // Notes the first pings seen so far; true once every peer has had one. Also called
        // between connections (each takes a while), so no ping waits long to be noted.
        const auto notePings = [&] {
            bool all = peers.size() == kPeers;
            for (size_t i = 0; i < peers.size(); ++i) {
                if (firstPingMs[i] < 0 && peers[i]->pending().contains(QStringLiteral("2")))
                    firstPingMs[i] = clock.elapsed() - connectedAtMs[i];
                all = all && firstPingMs[i] >= 0;
            }
            return all;
        };
        while (peers.size() < kPeers) {
            peers.push_back(std::make_unique<RawSocketPeer>());
            peers.back()->setAnswerPings(false);
            QVERIFY(peers.back()->openAndConnect(m_server->socketUrl(), m_patient.accessToken));
            connectedAtMs.push_back(clock.elapsed());
            firstPingMs.push_back(-1);
            notePings();
        }
        QTRY_VERIFY_WITH_TIMEOUT(notePings(), 3000);
        const auto [earliest, latest] = std::minmax_element(firstPingMs.begin(), firstPingMs.end());
        // At the interval's end, all would come within a sweep or two (50 ms each) after 1 s.
        QVERIFY2(*latest - *earliest > 200,
            qPrintable(QStringLiteral("first pings between %1 and %2 ms").arg(*earliest).arg(*latest)));
    }

    void socketWithoutConnectIsDroppedAtTheDeadline()
    {
        RawSocketPeer peer;
        QVERIFY(peer.open(m_server->socketUrl()));
        QVERIFY(peer.waitForDisconnected(4000));
    }

    void misbehavingPeersAreClosedAlone_data()
    {
        QTest::addColumn<bool>("connectFirst");
        QTest::addColumn<QString>("frame");
        QTest::newRow("event before connect")
            << false << eventFrame(QStringLiteral("typing"), QJsonObject {});
        QTest::newRow("unknown engine type") << true << QStringLiteral("9");
        QTest::newRow("empty frame") << true << QString();
        QTest::newRow("bad json") << true << QStringLiteral("42/messaging,[\"typing\",{");
        QTest::newRow("unknown socket type") << true << QStringLiteral("48/messaging,[]");
        QTest::newRow("event not an array") << true << QStringLiteral("42/messaging,{\"a\":1}");
        QTest::newRow("reserved event name") << true << QStringLiteral("42/messaging,[\"connect\"]");
        QTest::newRow("binary event")
            << true << QStringLiteral("451-/messaging,[\"x\",{\"_placeholder\":true,\"num\":0}]");
        QTest::newRow("event for another namespace") << true << QStringLiteral("42/other,[\"typing\",{}]");
        QTest::newRow("open from the client") << true << QStringLiteral("0{}");
        QTest::newRow("connect error from the client")
            << true << QStringLiteral("44/messaging,{\"message\":\"x\"}");
    }

    void misbehavingPeersAreClosedAlone()
    {
        QFETCH(bool, connectFirst);
        QFETCH(QString, frame);
        RawSocketPeer neighbour;
        QVERIFY(neighbour.openAndConnect(m_server->socketUrl(), m_provider.accessToken));
        RawSocketPeer peer;
        if (connectFirst)
            QVERIFY(peer.openAndConnect(m_server->socketUrl(), m_patient.accessToken));
        else
            QVERIFY(peer.open(m_server->socketUrl()));
        peer.send(frame);
        QVERIFY(peer.waitForDisconnected());
        verifyNeighbourStillServed(neighbour);
    }

    void binaryFramesCloseTheSocket()
    {
        RawSocketPeer neighbour;
        QVERIFY(neighbour.openAndConnect(m_server->socketUrl(), m_provider.accessToken));
        RawSocketPeer peer;
        QVERIFY(peer.openAndConnect(m_server->socketUrl(), m_patient.accessToken));
        peer.sendBinary(QByteArray("\x04hello", 6));
        QVERIFY(peer.waitForDisconnected());
        verifyNeighbourStillServed(neighbour);
    }

    void oversizedMessagesCloseTheSocket()
    {
        RawSocketPeer neighbour;
        QVERIFY(neighbour.openAndConnect(m_server->socketUrl(), m_provider.accessToken));
        RawSocketPeer peer;
        QVERIFY(peer.openAndConnect(m_server->socketUrl(), m_patient.accessToken));
        const QString huge = QString(1000 * 1000 + 10, u'a');
        peer.send(eventFrame(QStringLiteral("typing"), huge));
        QVERIFY(peer.waitForDisconnected(5000));
        verifyNeighbourStillServed(neighbour);
    }

    void floodingSocketIsClosed()
    {
        RawSocketPeer neighbour;
        QVERIFY(neighbour.openAndConnect(m_server->socketUrl(), m_provider.accessToken));
        RawSocketPeer peer;
        QVERIFY(peer.openAndConnect(m_server->socketUrl(), m_patient.accessToken));
        // Far beyond the burst of 200 frames: noop packets cost the server nothing but count.
        for (int i = 0; i < 1000 && peer.isConnected(); ++i)
            peer.send(QStringLiteral("6"));
        QVERIFY(peer.waitForDisconnected());
        verifyNeighbourStillServed(neighbour);
    }

    void wrongPayloadsGetErrorAcks_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addColumn<QJsonValue>("payload");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::newRow("payload not an object")
            << QStringLiteral("typing") << QJsonValue(QStringLiteral("x")) << 400
            << QStringLiteral("the event payload must be an object");
        QTest::newRow("join without id") << QStringLiteral("conversation:join") << QJsonValue(QJsonObject {})
                                         << 400 << QStringLiteral("conversationId: is required");
        QTest::newRow("join with a bad id")
            << QStringLiteral("conversation:join")
            << QJsonValue(QJsonObject {{QStringLiteral("conversationId"), QStringLiteral("not-a-uuid")}})
            << 400 << QString();
        QTest::newRow("typing not a boolean")
            << QStringLiteral("typing")
            << QJsonValue(QJsonObject {
                   {QStringLiteral("conversationId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                   {QStringLiteral("isTyping"), QStringLiteral("yes")}})
            << 400 << QString();
        QTest::newRow("send with numeric content")
            << QStringLiteral("message:send")
            << QJsonValue(QJsonObject {
                   {QStringLiteral("conversationId"), QString()}, {QStringLiteral("content"), 42}})
            << 400 << QString();
        QTest::newRow("unknown event") << QStringLiteral("message:explode") << QJsonValue(QJsonObject {})
                                       << 400 << QStringLiteral("Unknown event");
        QTest::newRow("join somebody else's conversation")
            << QStringLiteral("conversation:join")
            << QJsonValue(QJsonObject {
                   {QStringLiteral("conversationId"), QUuid::createUuid().toString(QUuid::WithoutBraces)}})
            << 404 << QStringLiteral("Conversation not found");
    }

    void wrongPayloadsGetErrorAcks()
    {
        QFETCH(QString, event);
        QFETCH(QJsonValue, payload);
        QFETCH(int, status);
        QFETCH(QString, error);
        RawSocketPeer peer;
        QVERIFY(peer.openAndConnect(m_server->socketUrl(), m_patient.accessToken));
        peer.send(eventFrame(event, payload, 9));
        const QString ackFrame = peer.waitForPrefix(QStringLiteral("43/messaging,9["));
        QVERIFY(!ackFrame.isEmpty());
        const QJsonObject ack = SocketPacket::decodeFrame(ackFrame).value().ackArgs().first().toObject();
        QCOMPARE(ack.value(QStringLiteral("ok")), QJsonValue(false));
        QCOMPARE(ack.value(QStringLiteral("statusCode")).toInt(), status);
        if (!error.isEmpty())
            QCOMPARE(ack.value(QStringLiteral("error")).toString(), error);
        else
            QVERIFY(!ack.value(QStringLiteral("error")).toString().isEmpty());
        QVERIFY(peer.isConnected()); // a bad payload is an answer, not a disconnect
    }

    void eventsWithoutAckIdGetNoAck()
    {
        RawSocketPeer peer;
        QVERIFY(peer.openAndConnect(m_server->socketUrl(), m_patient.accessToken));
        peer.send(eventFrame(QStringLiteral("conversation:join"),
            QJsonObject {{QStringLiteral("conversationId"), m_conversationId}}));
        QVERIFY(peer.waitForPrefix(QStringLiteral("43"), 500).isEmpty());
        QVERIFY(peer.isConnected());
    }

    void wrongEngineVersionIsRefused_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("EIO=3") << QStringLiteral("EIO=3&transport=websocket");
        QTest::newRow("no EIO") << QStringLiteral("transport=websocket");
        QTest::newRow("polling") << QStringLiteral("EIO=4&transport=polling");
    }

    void wrongEngineVersionIsRefused()
    {
        QFETCH(QString, query);
        RawSocketPeer peer;
        peer.socket().open(m_server->socketUrl(query));
        QVERIFY(peer.waitForDisconnected());
        QVERIFY(peer.waitForPrefix(QStringLiteral("0{"), 100).isEmpty());
    }

    void longPollingGetsAClearError()
    {
        HttpTestClient client(m_server->baseUrl());
        const auto reply = client.get(QStringLiteral("/socket.io/?EIO=4&transport=polling"));
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(QStringLiteral("statusCode")).toInt(), 400);
        QVERIFY(
            reply.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("websocket")));
        QCOMPARE(reply.header("X-Content-Type-Options"), QByteArray("nosniff"));
    }

    void namespaceDisconnectEndsTheSocket()
    {
        RawSocketPeer peer;
        QVERIFY(peer.openAndConnect(m_server->socketUrl(), m_patient.accessToken));
        const int before = m_server->server().realtime()->gateway().authenticatedSocketCount();
        peer.send(QStringLiteral("41/messaging,"));
        QVERIFY(peer.waitForDisconnected());
        QTRY_COMPARE(m_server->server().realtime()->gateway().authenticatedSocketCount(), before - 1);
    }

    void metricsCountSockets()
    {
        RawSocketPeer peer;
        QVERIFY(peer.openAndConnect(m_server->socketUrl(), m_patient.accessToken));
        const auto admin = m_server->addUser(QStringLiteral("admin.frame"), model::UserRole::Admin);
        const auto reply = m_server->clientFor(admin)->get(QStringLiteral("/metrics"));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.body.contains("vytalwatch_realtime_authenticated_sockets "));
        QVERIFY(reply.body.contains("vytalwatch_realtime_misbehaving_closed_total "));
        QVERIFY(!reply.body.contains("vytalwatch_realtime_online_users 0\n"));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestRealtimeGateway)
#include "tst_realtimegateway.moc"
