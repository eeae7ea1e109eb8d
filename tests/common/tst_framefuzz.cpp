#include "common/realtime/engineopen.h"
#include "common/realtime/enginepacket.h"
#include "common/realtime/socketpacket.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using vw::realtime::EngineOpen;
using vw::realtime::EnginePacket;
using vw::realtime::FrameError;
using vw::realtime::SocketPacket;

namespace {

// Frames the stock client and server exchange; mutations of these reach deep into the decoders.
const QStringList &seedFrames()
{
    static const QStringList seeds {
        QStringLiteral("0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
                       "\"maxPayload\":1000000}"),
        QStringLiteral("2"),
        QStringLiteral("3"),
        QStringLiteral("1"),
        QStringLiteral("40"),
        QStringLiteral("40/messaging,{\"token\":\"abc\"}"),
        QStringLiteral("40/messaging,{\"sid\":\"xyz\"}"),
        QStringLiteral("44/messaging,{\"message\":\"Unauthorized\",\"data\":{\"a\":1}}"),
        QStringLiteral("42/messaging,[\"typing\",{\"conversationId\":\"c\",\"isTyping\":true}]"),
        QStringLiteral("42/messaging,7[\"message:send\",{\"content\":\"hi\",\"n\":[1,2.5,-3e2,null]}]"),
        QStringLiteral("43/messaging,7[{\"ok\":true}]"),
        QStringLiteral("41/messaging,"),
        QStringLiteral("451-[\"x\",{\"_placeholder\":true,\"num\":0}]"),
    };
    return seeds;
}

// Characters that matter to the grammar, plus the ones that break naive parsers.
const QList<QChar> &alphabet()
{
    static const QList<QChar> chars = [] {
        QList<QChar> list;
        for (const QChar c : QStringLiteral("0123456789/,[]{}\":-+.e tnrufalsbx\\m"))
            list.append(c);
        for (const char16_t unit : {0x0000, 0x0001, 0x000a, 0x001f, 0x007f, 0x00e9, 0xd800, 0xdc00, 0xffff})
            list.append(QChar(unit));
        return list;
    }();
    return chars;
}

QChar randomChar(QRandomGenerator &rng)
{
    return alphabet().at(rng.bounded(alphabet().size()));
}

QString randomFrame(QRandomGenerator &rng)
{
    const int length = rng.bounded(48);
    QString frame;
    for (int i = 0; i < length; ++i)
        frame.append(randomChar(rng));
    // Most frames start as a Socket.IO message so the inner decoder gets exercised.
    if (!frame.isEmpty() && rng.bounded(2) == 0)
        frame[0] = QLatin1Char('4');
    return frame;
}

QString mutatedFrame(QRandomGenerator &rng)
{
    QString frame = seedFrames().at(rng.bounded(seedFrames().size()));
    const int mutations = 1 + rng.bounded(4);
    for (int i = 0; i < mutations; ++i) {
        const int at = frame.isEmpty() ? 0 : rng.bounded(frame.size());
        switch (rng.bounded(5)) {
        case 0:
            if (!frame.isEmpty())
                frame[at] = randomChar(rng);
            break;
        case 1:
            frame.insert(at, randomChar(rng));
            break;
        case 2:
            frame.remove(at, 1);
            break;
        case 3:
            frame.truncate(at);
            break;
        default:
            frame.insert(at, frame.mid(at, rng.bounded(8)));
            break;
        }
    }
    return frame;
}

// A reason goes to the log: one short line, never a copy of the hostile frame.
bool isLoggable(const FrameError &error)
{
    const QString reason = error.errorString();
    if (reason.isEmpty() || reason.size() > 200)
        return false;
    for (const QChar c : reason) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

} // namespace

// Feeds thousands of random and mutated frames (fixed seed, so failures reproduce) to every
// decoder: none may crash, every success must re-encode to the same packet, every failure
// must carry a loggable reason.
class TestFrameFuzz : public QObject
{
    Q_OBJECT
private slots:
    void decodersSurviveHostileFrames_data()
    {
        QTest::addColumn<bool>("mutate");
        QTest::newRow("random") << false;
        QTest::newRow("mutated seeds") << true;
    }

    void decodersSurviveHostileFrames()
    {
        QFETCH(bool, mutate);
        QRandomGenerator rng(mutate ? 0x5eed0001u : 0x5eed0002u);
        int accepted = 0;
        int refused = 0;
        QSet<int> codes;

        for (int i = 0; i < 4000; ++i) {
            const QString frame = mutate ? mutatedFrame(rng) : randomFrame(rng);

            const auto engine = EnginePacket::decode(frame);
            if (engine.ok())
                QCOMPARE(engine->encode(), frame);
            else
                QVERIFY2(isLoggable(engine.error()), qPrintable(engine.error().errorString()));

            const auto socket = SocketPacket::decodeFrame(frame);
            if (socket.ok()) {
                ++accepted;
                QVERIFY(socket->validate().ok());
                const auto again = SocketPacket::decodeFrame(socket->encodeFrame());
                QVERIFY2(again.ok(), qPrintable(socket->encodeFrame()));
                QVERIFY2(*again == *socket, qPrintable(socket->encodeFrame()));
            } else {
                ++refused;
                codes.insert(static_cast<int>(socket.error().code()));
                QVERIFY2(isLoggable(socket.error()), qPrintable(socket.error().errorString()));
            }

            const auto open = EngineOpen::decode(QStringView(frame).sliced(qMin<qsizetype>(1, frame.size())));
            if (open.ok()) {
                const auto again = EngineOpen::decode(open->encode());
                QVERIFY(again.ok());
                QCOMPARE(*again, *open);
            } else {
                QVERIFY(isLoggable(open.error()));
            }
        }

        // Both paths must have been exercised, or the fuzzer proves nothing.
        QVERIFY2(refused > 100, qPrintable(QString::number(refused)));
        QVERIFY2(codes.size() >= 5, qPrintable(QString::number(codes.size())));
        if (mutate)
            QVERIFY2(accepted > 100, qPrintable(QString::number(accepted)));
    }

    void decodersStayLinearOnMegabyteFrames_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<bool>("valid");

        const qsizetype mb = 1 << 20;
        QTest::newRow("long string arg")
            << (QStringLiteral("42[\"x\",\"") + QString(mb, QLatin1Char('a')) + QStringLiteral("\"]"))
            << true;
        QTest::newRow("many args") << (QStringLiteral("42[\"x\"") + QStringLiteral(",1").repeated(mb / 2)
            + QStringLiteral("]")) << true;
        QTest::newRow("unterminated string")
            << (QStringLiteral("42[\"x\",\"") + QString(mb, QLatin1Char('a'))) << false;
        QTest::newRow("commas") << (QStringLiteral("42") + QString(mb, QLatin1Char(','))) << false;
        QTest::newRow("slashes") << (QStringLiteral("40") + QString(mb, QLatin1Char('/'))) << false;
        QTest::newRow("open brackets") << (QStringLiteral("42") + QString(mb, QLatin1Char('['))) << false;
    }

    void decodersStayLinearOnMegabyteFrames()
    {
        QFETCH(QString, frame);
        QFETCH(bool, valid);
        // A quadratic decoder would take hours here and hit the ctest time-out.
        const auto decoded = SocketPacket::decodeFrame(frame);
        QCOMPARE(decoded.ok(), valid);
        if (valid)
            QCOMPARE(decoded->encodeFrame().size(), frame.size());
    }
};

QTEST_GUILESS_MAIN(TestFrameFuzz)
#include "tst_framefuzz.moc"
