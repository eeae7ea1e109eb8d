#include "common/realtime/socketpacket.h"
#include "server/realtime/eventframe.h"
#include "server/realtime/eventpayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace vw::server::realtime;
using vw::realtime::SocketPacket;

// The fan-out's pre-encoded frames are byte for byte what the common framing produces, with
// and without an ack id, in a namespace and at the root.
class TestEventFrame : public QObject
{
    Q_OBJECT
private slots:
    void matchesTheCommonEncoder_data()
    {
        QTest::addColumn<QString>("nsp");
        QTest::addColumn<QJsonValue>("payload");
        const QJsonObject message {{QStringLiteral("messageId"), QStringLiteral("m1")},
            {QStringLiteral("text"), QStringLiteral("quote \" backslash \\ unicode \u00e9 \u2603")}};
        QTest::newRow("messaging object") << QStringLiteral("/messaging") << QJsonValue(message);
        QTest::newRow("root object") << QString() << QJsonValue(message);
        QTest::newRow("array payload") << QStringLiteral("/messaging") << QJsonValue(QJsonArray {1, 2});
        QTest::newRow("string payload") << QStringLiteral("/messaging") << QJsonValue(QStringLiteral("x"));
    }

    void matchesTheCommonEncoder()
    {
        QFETCH(QString, nsp);
        QFETCH(QJsonValue, payload);
        const EventFrame frame(nsp, QStringLiteral("message:new"), payload);
        // UTF-8 of what the common encoder writes.
        QCOMPARE(frame.frame(),
            SocketPacket::event(nsp, QStringLiteral("message:new"), payload).encodeFrame().toUtf8());
        QCOMPARE(frame.frameWithAck(42),
            SocketPacket::event(nsp, QStringLiteral("message:new"), payload, 42).encodeFrame().toUtf8());
        // And the client side decodes it back to the same event.
        const auto decoded = SocketPacket::decodeFrame(QString::fromUtf8(frame.frameWithAck(7)));
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value().eventName(), QStringLiteral("message:new"));
        QCOMPARE(decoded.value().eventArgs(), QJsonArray {payload});
        QCOMPARE(decoded.value().ackId(), std::optional<qint64>(7));
        // From the payload's JSON text: the same bytes.
        const QByteArray payloadJson
            = QJsonDocument(QJsonArray {payload}).toJson(QJsonDocument::Compact).sliced(1).chopped(1);
        const EventFrame fromText = EventFrame::fromJsonText(nsp, QStringLiteral("message:new"), payloadJson);
        QCOMPARE(fromText.frame(), frame.frame());
        QCOMPARE(fromText.frameWithAck(42), frame.frameWithAck(42));
    }

    // An acknowledgement from its argument's JSON text: what the common encoder produces.
    void ackFramesMatchTheCommonEncoder()
    {
        const QJsonObject message {{QStringLiteral("content"), QStringLiteral("\u00e9 \" \\")}};
        const QJsonObject ack = ackSuccess({{QStringLiteral("message"), message}});
        const QByteArray json = ackSuccessText(
            QLatin1StringView("message"), QJsonDocument(message).toJson(QJsonDocument::Compact));
        QCOMPARE(json, QJsonDocument(ack).toJson(QJsonDocument::Compact));
        for (const QString &nsp : {QStringLiteral("/messaging"), QStringLiteral("/")}) {
            QCOMPARE(
                ackFrame(nsp, 12, json), SocketPacket::ack(nsp, 12, QJsonArray {ack}).encodeFrame().toUtf8());
            const auto decoded = SocketPacket::decodeFrame(QString::fromUtf8(ackFrame(nsp, 12, json)));
            QVERIFY(decoded.ok());
            QCOMPARE(decoded.value().ackId(), std::optional<qint64>(12));
            QCOMPARE(decoded.value().payload(), QJsonValue(QJsonArray {ack}));
        }
    }
};

QTEST_APPLESS_MAIN(TestEventFrame)
#include "tst_eventframe.moc"
