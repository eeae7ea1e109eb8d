#include "common/realtime/engineopen.h"

#include <QTest>

using vw::realtime::EngineOpen;
using vw::realtime::EnginePacket;
using vw::realtime::FrameErrorCode;

// Checks the Engine.IO handshake: the exact open frame the stock client expects, and
// that a client refuses a handshake it could not act on.
class TestEngineOpen : public QObject
{
    Q_OBJECT
private slots:
    void encodesTheStockOpenFrame()
    {
        const EngineOpen open(QStringLiteral("Q2x3aW5kb3dz"), 25000, 20000, 1000000);
        QCOMPARE(open.toPacket().encode(),
            QStringLiteral("0{\"sid\":\"Q2x3aW5kb3dz\",\"upgrades\":[],\"pingInterval\":25000,"
                           "\"pingTimeout\":20000,\"maxPayload\":1000000}"));
    }

    void escapesTheSid()
    {
        const EngineOpen open(QStringLiteral("a\"b\\c"), 1, 2, 3, {QStringLiteral("websocket")});
        QCOMPARE(open.encode(),
            QStringLiteral("{\"sid\":\"a\\\"b\\\\c\",\"upgrades\":[\"websocket\"],"
                           "\"pingInterval\":1,\"pingTimeout\":2,\"maxPayload\":3}"));
        const auto decoded = EngineOpen::decode(open.encode());
        QVERIFY(decoded.ok());
        QCOMPARE(*decoded, open);
    }

    void decodesHandshakes_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("sid");
        QTest::addColumn<QStringList>("upgrades");
        QTest::addColumn<qint64>("pingInterval");
        QTest::addColumn<qint64>("pingTimeout");
        QTest::addColumn<qint64>("maxPayload");

        QTest::newRow("stock") << QStringLiteral("{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,"
                                                 "\"pingTimeout\":20000,\"maxPayload\":1000000}")
                               << QStringLiteral("abc") << QStringList() << qint64(25000) << qint64(20000)
                               << qint64(1000000);
        QTest::newRow("other key order")
            << QStringLiteral("{\"maxPayload\":5,\"pingTimeout\":2,\"pingInterval\":1,"
                              "\"upgrades\":[\"websocket\"],\"sid\":\"x\"}")
            << QStringLiteral("x") << QStringList {QStringLiteral("websocket")} << qint64(1) << qint64(2)
            << qint64(5);
        QTest::newRow("no maxPayload, no upgrades")
            << QStringLiteral("{\"sid\":\"s\",\"pingInterval\":25000,\"pingTimeout\":5000}")
            << QStringLiteral("s") << QStringList() << qint64(25000) << qint64(5000) << qint64(0);
        QTest::newRow("unknown keys ignored")
            << QStringLiteral("{\"sid\":\"s\",\"pingInterval\":3,\"pingTimeout\":4,\"extra\":[1]}")
            << QStringLiteral("s") << QStringList() << qint64(3) << qint64(4) << qint64(0);
    }

    void decodesHandshakes()
    {
        QFETCH(QString, payload);
        QFETCH(QString, sid);
        QFETCH(QStringList, upgrades);
        QFETCH(qint64, pingInterval);
        QFETCH(qint64, pingTimeout);
        QFETCH(qint64, maxPayload);

        const auto decoded = EngineOpen::fromPacket(EnginePacket(EnginePacket::Type::Open, payload));
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().errorString()));
        QCOMPARE(decoded->sid(), sid);
        QCOMPARE(decoded->upgrades(), upgrades);
        QCOMPARE(decoded->pingIntervalMs(), pingInterval);
        QCOMPARE(decoded->pingTimeoutMs(), pingTimeout);
        QCOMPARE(decoded->maxPayload(), maxPayload);
    }

    void rejectsBadHandshakes_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<FrameErrorCode>("code");
        QTest::addColumn<QString>("reason");

        const auto row = [](const char *name, const char *json, FrameErrorCode code, const char *reason) {
            QTest::newRow(name) << QString::fromUtf8(json) << code << QString::fromUtf8(reason);
        };
        row("empty", "", FrameErrorCode::InvalidJson, "invalid JSON");
        row("broken JSON", "{\"sid\":", FrameErrorCode::InvalidJson, "invalid JSON");
        row("trailing garbage", "{\"sid\":\"a\",\"pingInterval\":1,\"pingTimeout\":1}x",
            FrameErrorCode::InvalidJson, "garbage");
        row("array", "[1]", FrameErrorCode::InvalidPayload, "not a JSON object");
        row("no sid", "{\"pingInterval\":1,\"pingTimeout\":1}", FrameErrorCode::InvalidPayload, "\"sid\"");
        row("numeric sid", "{\"sid\":5,\"pingInterval\":1,\"pingTimeout\":1}", FrameErrorCode::InvalidPayload,
            "\"sid\"");
        row("empty sid", "{\"sid\":\"\",\"pingInterval\":1,\"pingTimeout\":1}",
            FrameErrorCode::InvalidPayload, "\"sid\"");
        row("no pingInterval", "{\"sid\":\"a\",\"pingTimeout\":1}", FrameErrorCode::InvalidPayload,
            "pingInterval");
        row("string pingInterval", "{\"sid\":\"a\",\"pingInterval\":\"25000\",\"pingTimeout\":1}",
            FrameErrorCode::InvalidPayload, "pingInterval");
        row("zero pingInterval", "{\"sid\":\"a\",\"pingInterval\":0,\"pingTimeout\":1}",
            FrameErrorCode::InvalidPayload, "pingInterval");
        row("fractional pingInterval", "{\"sid\":\"a\",\"pingInterval\":1.5,\"pingTimeout\":1}",
            FrameErrorCode::InvalidPayload, "pingInterval");
        row("huge pingInterval", "{\"sid\":\"a\",\"pingInterval\":1e300,\"pingTimeout\":1}",
            FrameErrorCode::InvalidPayload, "pingInterval");
        row("negative pingTimeout", "{\"sid\":\"a\",\"pingInterval\":1,\"pingTimeout\":-1}",
            FrameErrorCode::InvalidPayload, "pingTimeout");
        row("no pingTimeout", "{\"sid\":\"a\",\"pingInterval\":1}", FrameErrorCode::InvalidPayload,
            "pingTimeout");
        row("negative maxPayload", "{\"sid\":\"a\",\"pingInterval\":1,\"pingTimeout\":1,\"maxPayload\":-1}",
            FrameErrorCode::InvalidPayload, "maxPayload");
        row("upgrades not array",
            "{\"sid\":\"a\",\"pingInterval\":1,\"pingTimeout\":1,\"upgrades\":\"websocket\"}",
            FrameErrorCode::InvalidPayload, "upgrades");
        row("upgrades of numbers", "{\"sid\":\"a\",\"pingInterval\":1,\"pingTimeout\":1,\"upgrades\":[1]}",
            FrameErrorCode::InvalidPayload, "upgrades");
    }

    void rejectsBadHandshakes()
    {
        QFETCH(QString, payload);
        QFETCH(FrameErrorCode, code);
        QFETCH(QString, reason);

        const auto decoded = EngineOpen::decode(payload);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code(), code);
        QVERIFY2(decoded.error().errorString().contains(reason), qPrintable(decoded.error().errorString()));
    }

    void rejectsOtherPacketTypes()
    {
        const auto decoded = EngineOpen::fromPacket(EnginePacket(EnginePacket::Type::Ping));
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code(), FrameErrorCode::UnexpectedPacketType);
        QVERIFY(decoded.error().errorString().contains(QLatin1StringView("ping")));
    }
};

QTEST_GUILESS_MAIN(TestEngineOpen)
#include "tst_engineopen.moc"
