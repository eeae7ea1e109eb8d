#include "common/realtime/enginepacket.h"

#include <QTest>

using vw::realtime::EnginePacket;
using vw::realtime::FrameErrorCode;

// Checks the Engine.IO layer of a WebSocket text frame: the type digit and the payload,
// as the stock engine.io client writes and reads them.
class TestEnginePacket : public QObject
{
    Q_OBJECT
private slots:
    void decodesStockFrames_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<EnginePacket::Type>("type");
        QTest::addColumn<QString>("payload");

        QTest::newRow("open") << QStringLiteral("0{\"sid\":\"abc\"}") << EnginePacket::Type::Open
                              << QStringLiteral("{\"sid\":\"abc\"}");
        QTest::newRow("close") << QStringLiteral("1") << EnginePacket::Type::Close << QString();
        QTest::newRow("ping") << QStringLiteral("2") << EnginePacket::Type::Ping << QString();
        QTest::newRow("pong") << QStringLiteral("3") << EnginePacket::Type::Pong << QString();
        QTest::newRow("ping probe") << QStringLiteral("2probe") << EnginePacket::Type::Ping
                                    << QStringLiteral("probe");
        QTest::newRow("pong probe") << QStringLiteral("3probe") << EnginePacket::Type::Pong
                                    << QStringLiteral("probe");
        QTest::newRow("message") << QStringLiteral("42[\"typing\",{}]") << EnginePacket::Type::Message
                                 << QStringLiteral("2[\"typing\",{}]");
        QTest::newRow("empty message") << QStringLiteral("4") << EnginePacket::Type::Message << QString();
        QTest::newRow("upgrade") << QStringLiteral("5") << EnginePacket::Type::Upgrade << QString();
        QTest::newRow("noop") << QStringLiteral("6") << EnginePacket::Type::Noop << QString();
    }

    void decodesStockFrames()
    {
        QFETCH(QString, frame);
        QFETCH(EnginePacket::Type, type);
        QFETCH(QString, payload);

        const auto decoded = EnginePacket::decode(frame);
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().errorString()));
        QCOMPARE(decoded->type(), type);
        QCOMPARE(decoded->payload(), payload);
        // Encoding gives back the very same frame.
        QCOMPARE(decoded->encode(), frame);
        QCOMPARE(EnginePacket(type, payload).encode(), frame);
    }

    void messageHelperWrapsPayload()
    {
        const EnginePacket packet = EnginePacket::message(QStringLiteral("1/messaging,"));
        QCOMPARE(packet.type(), EnginePacket::Type::Message);
        QCOMPARE(packet.encode(), QStringLiteral("41/messaging,"));
    }

    void rejectsMalformedFrames_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<FrameErrorCode>("code");
        QTest::addColumn<QString>("reason");

        QTest::newRow("empty") << QString() << FrameErrorCode::EmptyFrame << QStringLiteral("empty");
        QTest::newRow("type 7") << QStringLiteral("7") << FrameErrorCode::UnknownPacketType
                                << QStringLiteral("unknown Engine.IO packet type '7'");
        QTest::newRow("type 9 with payload")
            << QStringLiteral("9hello") << FrameErrorCode::UnknownPacketType << QStringLiteral("'9'");
        QTest::newRow("letter") << QStringLiteral("x") << FrameErrorCode::UnknownPacketType
                                << QStringLiteral("'x'");
        QTest::newRow("minus") << QStringLiteral("-1") << FrameErrorCode::UnknownPacketType
                               << QStringLiteral("'-'");
        QTest::newRow("leading space")
            << QStringLiteral(" 2") << FrameErrorCode::UnknownPacketType << QStringLiteral("' '");
        QTest::newRow("NUL") << QString(QChar(0)) << FrameErrorCode::UnknownPacketType
                             << QStringLiteral("U+0000");
        // Arabic-Indic digit one: QChar::isDigit() says yes, the protocol says no.
        QTest::newRow("non-ASCII digit")
            << QString(QChar(0x0661)) << FrameErrorCode::UnknownPacketType << QStringLiteral("U+0661");
        QTest::newRow("lone surrogate")
            << QString(QChar(0xD800)) << FrameErrorCode::UnknownPacketType << QStringLiteral("U+D800");
        QTest::newRow("base64 binary") << QStringLiteral("bAQID") << FrameErrorCode::BinaryNotSupported
                                       << QStringLiteral("not supported");
    }

    void rejectsMalformedFrames()
    {
        QFETCH(QString, frame);
        QFETCH(FrameErrorCode, code);
        QFETCH(QString, reason);

        const auto decoded = EnginePacket::decode(frame);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code(), code);
        QVERIFY2(decoded.error().errorString().contains(reason), qPrintable(decoded.error().errorString()));
    }

    void refusesBinaryFrames()
    {
        const auto decoded = EnginePacket::decodeBinary(QByteArrayView("\x04\x01\x02", 3));
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code(), FrameErrorCode::BinaryNotSupported);
        QVERIFY(decoded.error().errorString().contains(QLatin1StringView("not supported")));
    }

    void namesEveryType()
    {
        QCOMPARE(EnginePacket::typeName(EnginePacket::Type::Open), QStringLiteral("open"));
        QCOMPARE(EnginePacket::typeName(EnginePacket::Type::Message), QStringLiteral("message"));
        QCOMPARE(EnginePacket::typeName(EnginePacket::Type::Noop), QStringLiteral("noop"));
    }
};

QTEST_GUILESS_MAIN(TestEnginePacket)
#include "tst_enginepacket.moc"
