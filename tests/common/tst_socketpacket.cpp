#include "common/realtime/socketpacket.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using vw::realtime::FrameErrorCode;
using vw::realtime::SocketPacket;

namespace {

const QString Messaging = QStringLiteral("/messaging");

QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> members)
{
    return QJsonObject(members);
}

} // namespace

// Checks Socket.IO packets against the exact frames the stock npm socket.io-client@4 sends
// and expects, round trips of every packet kind, and the table of frames that must be refused.
class TestSocketPacket : public QObject
{
    Q_OBJECT
private slots:
    void matchesStockClientFrames_data()
    {
        QTest::addColumn<SocketPacket>("packet");
        QTest::addColumn<QString>("frame");

        QTest::newRow("connect with auth")
            << SocketPacket::connect(Messaging, obj({{QStringLiteral("token"), QStringLiteral("abc")}}))
            << QStringLiteral("40/messaging,{\"token\":\"abc\"}");
        QTest::newRow("connect without auth")
            << SocketPacket::connect(Messaging) << QStringLiteral("40/messaging,");
        QTest::newRow("connect root without auth")
            << SocketPacket::connect(QStringLiteral("/")) << QStringLiteral("40");
        QTest::newRow("connect accepted")
            << SocketPacket::connectAccepted(Messaging, QStringLiteral("oSO0OpakmFNCEq0aAAAB"))
            << QStringLiteral("40/messaging,{\"sid\":\"oSO0OpakmFNCEq0aAAAB\"}");
        QTest::newRow("connect accepted root") << SocketPacket::connectAccepted(QStringLiteral("/"),
            QStringLiteral("s1")) << QStringLiteral("40{\"sid\":\"s1\"}");
        QTest::newRow("connect error")
            << SocketPacket::connectError(Messaging, QStringLiteral("Unauthorized"))
            << QStringLiteral("44/messaging,{\"message\":\"Unauthorized\"}");
        // QJsonObject keeps keys sorted; clients read the object by key, so order is free.
        QTest::newRow("connect error with data")
            << SocketPacket::connectError(Messaging, QStringLiteral("Unauthorized"),
                   obj({{QStringLiteral("reason"), QStringLiteral("expired")}}))
            << QStringLiteral(
                   "44/messaging,{\"data\":{\"reason\":\"expired\"},\"message\":\"Unauthorized\"}");
        QTest::newRow("unknown namespace")
            << SocketPacket::connectError(QStringLiteral("/ns"), QStringLiteral("Invalid namespace"))
            << QStringLiteral("44/ns,{\"message\":\"Invalid namespace\"}");
        QTest::newRow("typing event")
            << SocketPacket::event(Messaging, QStringLiteral("typing"),
                   obj({{QStringLiteral("conversationId"),
                            QStringLiteral("6f1c2a52-2f57-4c43-9a4e-8f0a3c4b1d2e")},
                       {QStringLiteral("isTyping"), true}}))
            << QStringLiteral(
                   "42/messaging,[\"typing\",{\"conversationId\":\"6f1c2a52-2f57-4c43-9a4e-8f0a3c4b1d2e\","
                   "\"isTyping\":true}]");
        QTest::newRow("event with ack id") << SocketPacket::event(Messaging, QStringLiteral("message:send"),
            obj({{QStringLiteral("content"), QStringLiteral("hi")}}),
            7) << QStringLiteral("42/messaging,7[\"message:send\",{\"content\":\"hi\"}]");
        QTest::newRow("event without args")
            << SocketPacket::event(QStringLiteral("/"), QStringLiteral("ping"), QJsonArray())
            << QStringLiteral("42[\"ping\"]");
        QTest::newRow("event with several args") << SocketPacket::event(QStringLiteral("/"),
            QStringLiteral("chat"), QJsonArray {1, QStringLiteral("two"), QJsonArray {3}, QJsonValue::Null})
                                                 << QStringLiteral("42[\"chat\",1,\"two\",[3],null]");
        QTest::newRow("event whose one arg is an array")
            << SocketPacket::event(QStringLiteral("/"), QStringLiteral("x"), QJsonValue(QJsonArray {1, 2}))
            << QStringLiteral("42[\"x\",[1,2]]");
        QTest::newRow("event text escaping")
            << SocketPacket::event(Messaging, QStringLiteral("message:new"),
                   obj({{QStringLiteral("text"), QString::fromUtf8("caf\xC3\xA9 \"a/b\"\n\t\\")}}))
            << QString::fromUtf8(
                   "42/messaging,[\"message:new\",{\"text\":\"caf\xC3\xA9 \\\"a/b\\\"\\n\\t\\\\\"}]");
        QTest::newRow("ack") << SocketPacket::ack(
            Messaging, 7, QJsonArray {obj({{QStringLiteral("ok"), true}})})
                             << QStringLiteral("43/messaging,7[{\"ok\":true}]");
        QTest::newRow("ack root empty")
            << SocketPacket::ack(QStringLiteral("/"), 12, QJsonArray()) << QStringLiteral("4312[]");
        QTest::newRow("ack max safe id") << SocketPacket::ack(Messaging, SocketPacket::MaxAckId,
            QJsonArray {1}) << QStringLiteral("43/messaging,9007199254740991[1]");
        QTest::newRow("disconnect") << SocketPacket::disconnect(Messaging) << QStringLiteral("41/messaging,");
        QTest::newRow("disconnect root")
            << SocketPacket::disconnect(QStringLiteral("/")) << QStringLiteral("41");
        QTest::newRow("empty namespace is root")
            << SocketPacket::disconnect(QString()) << QStringLiteral("41");
    }

    void matchesStockClientFrames()
    {
        QFETCH(SocketPacket, packet);
        QFETCH(QString, frame);

        QVERIFY(packet.validate().ok());
        QCOMPARE(packet.encodeFrame(), frame);
        QCOMPARE(packet.encode(), frame.mid(1));

        const auto decoded = SocketPacket::decodeFrame(frame);
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().errorString()));
        QVERIFY(*decoded == packet);
        const auto inner = SocketPacket::decode(QStringView(frame).sliced(1));
        QVERIFY(inner.ok());
        QVERIFY(*inner == packet);
    }

    void decodesLenientButValidFrames_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("canonical");

        // socket.io-parser reads a namespace up to the end when no ',' follows.
        QTest::newRow("namespace without comma")
            << QStringLiteral("40/messaging") << QStringLiteral("40/messaging,");
        QTest::newRow("explicit root namespace")
            << QStringLiteral("40/,{\"a\":1}") << QStringLiteral("40{\"a\":1}");
        QTest::newRow("ack id zero") << QStringLiteral("420[\"x\"]") << QStringLiteral("420[\"x\"]");
        QTest::newRow("ack id leading zeros")
            << QStringLiteral("42007[\"x\"]") << QStringLiteral("427[\"x\"]");
        QTest::newRow("trailing whitespace") << QStringLiteral("42[\"x\"] \n") << QStringLiteral("42[\"x\"]");
        QTest::newRow("spaced JSON") << QStringLiteral("42[ \"x\" , { \"a\" : 1 } ]")
                                     << QStringLiteral("42[\"x\",{\"a\":1}]");
        QTest::newRow("null connect payload")
            << QStringLiteral("40/messaging,{}") << QStringLiteral("40/messaging,{}");
        QTest::newRow("escaped lone surrogate")
            << QStringLiteral("42[\"\\ud800\"]") << QStringLiteral("42[\"\\ud800\"]");
        QTest::newRow("unicode escapes") << QStringLiteral("42[\"\\u0041\"]") << QStringLiteral("42[\"A\"]");
        QTest::newRow("number event arg")
            << QStringLiteral("42[\"n\",1.0,2e3]") << QStringLiteral("42[\"n\",1,2000]");
        QTest::newRow("max namespace length")
            << (QStringLiteral("40/") + QString(127, QLatin1Char('a')) + QStringLiteral(","))
            << (QStringLiteral("40/") + QString(127, QLatin1Char('a')) + QStringLiteral(","));
    }

    void decodesLenientButValidFrames()
    {
        QFETCH(QString, frame);
        QFETCH(QString, canonical);

        const auto decoded = SocketPacket::decodeFrame(frame);
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().errorString()));
        QCOMPARE(decoded->encodeFrame(), canonical);
    }

    void roundTripsEveryKind_data()
    {
        QTest::addColumn<SocketPacket>("packet");

        const QStringList namespaces {QStringLiteral("/"), Messaging, QStringLiteral("/a-b_c.d~e:f@g%20")};
        const QList<std::optional<qint64>> ackIds {std::nullopt, 0, 7, 123456789, SocketPacket::MaxAckId};
        const QJsonObject body {{QStringLiteral("conversationId"), QStringLiteral("c1")},
            {QStringLiteral("nested"), QJsonArray {1, 2.5, true, QJsonValue::Null}}};
        for (const QString &nsp : namespaces) {
            const auto name
                = [&nsp](const char *kind, const QByteArray &suffix = QByteArray()) -> QByteArray {
                return QByteArray(kind) + ' ' + nsp.toUtf8() + ' ' + suffix;
            };
            QTest::newRow(name("connect").constData()) << SocketPacket::connect(nsp);
            QTest::newRow(name("connect auth").constData()) << SocketPacket::connect(nsp, body);
            QTest::newRow(name("connect accepted").constData())
                << SocketPacket::connectAccepted(nsp, QStringLiteral("sid"));
            QTest::newRow(name("connect error").constData())
                << SocketPacket::connectError(nsp, QStringLiteral("nope"), body);
            QTest::newRow(name("disconnect").constData()) << SocketPacket::disconnect(nsp);
            for (const std::optional<qint64> &ackId : ackIds) {
                const QByteArray id = ackId ? QByteArray::number(*ackId) : QByteArrayLiteral("none");
                QTest::newRow(name("event ack ", id).constData())
                    << SocketPacket::event(nsp, QStringLiteral("message:send"), body, ackId);
                QTest::newRow(name("event args ack ", id).constData()) << SocketPacket::event(
                    nsp, QStringLiteral("e"), QJsonArray {1, QStringLiteral("s")}, ackId);
                if (ackId) {
                    QTest::newRow(name("ack ", id).constData())
                        << SocketPacket::ack(nsp, *ackId, QJsonArray {body});
                    QTest::newRow(name("empty ack ", id).constData())
                        << SocketPacket::ack(nsp, *ackId, QJsonArray());
                }
            }
        }
    }

    void roundTripsEveryKind()
    {
        QFETCH(SocketPacket, packet);

        QVERIFY(packet.validate().ok());
        const QString frame = packet.encodeFrame();
        const auto decoded = SocketPacket::decodeFrame(frame);
        QVERIFY2(decoded.ok(),
            qPrintable(
                frame + QStringLiteral(": ") + (decoded.ok() ? QString() : decoded.error().errorString())));
        QVERIFY2(*decoded == packet, qPrintable(frame));
        QCOMPARE(decoded->encodeFrame(), frame);
    }

    void exposesEventNameAndArgs()
    {
        const auto decoded
            = SocketPacket::decodeFrame(QStringLiteral("42/messaging,5[\"typing\",{\"isTyping\":true},3]"));
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->type(), SocketPacket::Type::Event);
        QCOMPARE(decoded->nsp(), Messaging);
        QCOMPARE(decoded->ackId(), std::optional<qint64>(5));
        QCOMPARE(decoded->eventName(), QStringLiteral("typing"));
        QCOMPARE(decoded->eventArgs(), (QJsonArray {obj({{QStringLiteral("isTyping"), true}}), 3}));
        QVERIFY(decoded->ackArgs().isEmpty());

        const auto ack = SocketPacket::decodeFrame(QStringLiteral("431[{\"ok\":false,\"error\":\"x\"}]"));
        QVERIFY(ack.ok());
        QCOMPARE(ack->nsp(), QStringLiteral("/"));
        QCOMPARE(ack->ackArgs().size(), 1);
        QVERIFY(ack->eventName().isEmpty());
        QVERIFY(ack->eventArgs().isEmpty());
    }

    void rejectsMalformedFrames_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<FrameErrorCode>("code");
        QTest::addColumn<QString>("reason");

        const auto row = [](const char *name, const QString &frame, FrameErrorCode code, const char *reason) {
            QTest::newRow(name) << frame << code << QString::fromUtf8(reason);
        };
        const auto text = [](const char *utf8) { return QString::fromUtf8(utf8); };
        using C = FrameErrorCode;

        row("empty", QString(), C::EmptyFrame, "empty Engine.IO frame");
        row("engine type 9", text("9"), C::UnknownPacketType, "unknown Engine.IO packet type '9'");
        row("engine type letter", text("x42[\"a\"]"), C::UnknownPacketType, "'x'");
        row("engine base64 binary", text("bAQID"), C::BinaryNotSupported, "not supported");
        row("engine ping", text("2"), C::UnexpectedPacketType, "got ping");
        row("engine close", text("1"), C::UnexpectedPacketType, "got close");
        row("message without packet", text("4"), C::EmptyFrame, "no Socket.IO packet");
        row("socket type 7", text("47"), C::UnknownPacketType, "unknown Socket.IO packet type '7'");
        row("socket type x", text("4x[\"a\"]"), C::UnknownPacketType, "'x'");
        row("socket type NUL", text("4") + QChar(0), C::UnknownPacketType, "U+0000");
        row("binary event", text("451-[\"up\",{\"_placeholder\":true,\"num\":0}]"), C::BinaryNotSupported,
            "binary packets are not supported");
        row("binary ack", text("46/messaging,1-3[{\"_placeholder\":true,\"num\":0}]"), C::BinaryNotSupported,
            "binary packets are not supported");
        row("broken JSON", text("42[\"typing\",{\"a\":]"), C::InvalidJson, "invalid JSON");
        row("unterminated JSON", text("42[\"typing\""), C::InvalidJson, "invalid JSON");
        row("trailing garbage", text("42[\"typing\"]x"), C::InvalidJson, "garbage");
        row("two documents", text("42[\"a\"][\"b\"]"), C::InvalidJson, "garbage");
        row("JSON too deep",
            text("42[\"deep\",") + QString(5000, QLatin1Char('[')) + QString(5001, QLatin1Char(']')),
            C::InvalidJson, "invalid JSON");
        row("event object", text("42{\"typing\":1}"), C::InvalidPayload,
            "EVENT payload must be a JSON array");
        row("event string", text("42\"typing\""), C::InvalidPayload, "expected a JSON array or object");
        row("event number", text("42/messaging,[1]"), C::InvalidPayload, "string event name");
        row("event null name", text("42[null,1]"), C::InvalidPayload, "string event name");
        row("event empty array", text("42[]"), C::InvalidPayload, "event name");
        row("event without payload", text("42/messaging,7"), C::InvalidPayload, "EVENT payload");
        row("event connect", text("42[\"connect\"]"), C::ReservedEventName, "\"connect\"");
        row("event connect_error", text("42[\"connect_error\",{}]"), C::ReservedEventName,
            "\"connect_error\"");
        row("event disconnect", text("42/messaging,[\"disconnect\"]"), C::ReservedEventName,
            "\"disconnect\"");
        row("event disconnecting", text("42[\"disconnecting\"]"), C::ReservedEventName, "\"disconnecting\"");
        row("event newListener", text("421[\"newListener\"]"), C::ReservedEventName, "\"newListener\"");
        row("event removeListener", text("42[\"removeListener\"]"), C::ReservedEventName,
            "\"removeListener\"");
        row("ack object", text("43/messaging,7{\"ok\":true}"), C::InvalidPayload,
            "ACK payload must be a JSON array");
        row("ack without payload", text("43/messaging,7"), C::InvalidPayload, "ACK payload");
        row("ack without id", text("43/messaging,[{\"ok\":true}]"), C::InvalidAckId, "without an ack id");
        row("connect array", text("40[1]"), C::InvalidPayload, "CONNECT payload must be a JSON object");
        row("connect with ack id", text("40/messaging,1{}"), C::InvalidAckId, "cannot carry an ack id");
        row("connect_error array", text("44/messaging,[1]"), C::InvalidPayload, "CONNECT_ERROR payload");
        row("connect_error string", text("44\"Unauthorized\""), C::InvalidPayload,
            "expected a JSON array or object");
        row("connect_error empty", text("44/messaging,"), C::InvalidPayload, "CONNECT_ERROR payload");
        row("disconnect with payload", text("41/messaging,{}"), C::InvalidPayload,
            "DISCONNECT payload must be empty");
        row("disconnect with array", text("41[]"), C::InvalidPayload, "DISCONNECT payload must be empty");
        // socket.io-parser reads "messaging,…" as the payload and fails to parse it.
        row("namespace without slash", text("40messaging,{}"), C::InvalidPayload, "found 'm'");
        row("namespace runs into array", text("42/messaging[\"typing\"]"), C::InvalidNamespace,
            "not terminated");
        row("namespace runs into object", text("40/messaging{\"token\":\"abc\"}"), C::InvalidNamespace,
            "not terminated");
        row("namespace NUL", text("40/mess") + QChar(0) + text("aging,"), C::InvalidNamespace, "U+0000");
        row("namespace newline", text("40/mess\naging,"), C::InvalidNamespace, "U+000A");
        row("namespace DEL",
            text("40/mess\x7f"
                 "aging,"),
            C::InvalidNamespace, "U+007F");
        row("namespace space", text("40/my space,"), C::InvalidNamespace, "' '");
        row("namespace non-ASCII", text("40/caf\xC3\xA9,"), C::InvalidNamespace, "U+00E9");
        row("namespace lone surrogate", text("40/a") + QChar(0xD800) + text(","), C::InvalidNamespace,
            "U+D800");
        row("namespace too long", text("40/") + QString(128, QLatin1Char('a')) + text(","),
            C::InvalidNamespace, "longer than 128");
        row("namespace megabyte", text("42/") + QString(1 << 20, QLatin1Char('a')), C::InvalidNamespace,
            "longer than 128");
        row("ack id 2^53", text("429007199254740992[\"a\"]"), C::InvalidAckId, "ack id larger than");
        row("ack id 30 digits", text("42123456789012345678901234567890[\"a\"]"), C::InvalidAckId,
            "larger than");
        row("ack id megabyte", text("43") + QString(1 << 20, QLatin1Char('9')), C::InvalidAckId,
            "larger than");
        row("ack id plus", text("42+1[\"a\"]"), C::InvalidPayload, "found '+'");
        row("ack id minus", text("43/messaging,-1[]"), C::InvalidPayload, "found '-'");
        row("ack id fraction", text("421.5[\"a\"]"), C::InvalidPayload, "found '.'");
        row("space before payload", text("42 [\"a\"]"), C::InvalidPayload, "found ' '");
        row("payload literal", text("42true"), C::InvalidPayload, "found 't'");
    }

    void rejectsMalformedFrames()
    {
        QFETCH(QString, frame);
        QFETCH(FrameErrorCode, code);
        QFETCH(QString, reason);

        const auto decoded = SocketPacket::decodeFrame(frame);
        QVERIFY2(!decoded.ok(), qPrintable(decoded.ok() ? decoded->encodeFrame() : QString()));
        QVERIFY2(decoded.error().code() == code, qPrintable(decoded.error().errorString()));
        QVERIFY2(decoded.error().errorString().contains(reason), qPrintable(decoded.error().errorString()));
    }

    void decodesRawLoneSurrogatesWithoutCrashing()
    {
        // A lone surrogate cannot arrive in valid UTF-8; if one reaches us it is replaced
        // on the way into the JSON parser, never read past.
        const QString frame = QStringLiteral("42[\"a") + QChar(0xDC00) + QStringLiteral("\"]");
        const auto decoded = SocketPacket::decodeFrame(frame);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->eventName().size(), 2);
        QVERIFY(!decoded->eventName().at(1).isSurrogate());
    }

    void validateRefusesBadOutgoingPackets_data()
    {
        QTest::addColumn<SocketPacket>("packet");
        QTest::addColumn<FrameErrorCode>("code");

        QTest::newRow("reserved event") << SocketPacket::event(Messaging, QStringLiteral("disconnect"),
            QJsonArray()) << FrameErrorCode::ReservedEventName;
        QTest::newRow("negative ack id")
            << SocketPacket::ack(Messaging, -1, QJsonArray()) << FrameErrorCode::InvalidAckId;
        QTest::newRow("unsafe ack id") << SocketPacket::ack(Messaging, SocketPacket::MaxAckId + 1,
            QJsonArray()) << FrameErrorCode::InvalidAckId;
        QTest::newRow("namespace without slash")
            << SocketPacket::disconnect(QStringLiteral("messaging")) << FrameErrorCode::InvalidNamespace;
        QTest::newRow("namespace with comma")
            << SocketPacket::disconnect(QStringLiteral("/a,b")) << FrameErrorCode::InvalidNamespace;
        QTest::newRow("binary event") << SocketPacket(SocketPacket::Type::BinaryEvent, Messaging,
            QJsonArray {}) << FrameErrorCode::BinaryNotSupported;
    }

    void validateRefusesBadOutgoingPackets()
    {
        QFETCH(SocketPacket, packet);
        QFETCH(FrameErrorCode, code);

        const auto status = packet.validate();
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code(), code);
    }
};

QTEST_GUILESS_MAIN(TestSocketPacket)
#include "tst_socketpacket.moc"
