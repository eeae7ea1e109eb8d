#include "server/websocket/websocketframes.h"

#include "tests/support/hex.h"

#include <QRandomGenerator>
#include <QTest>

#include <array>

using vw::server::websocket::CloseCode;
using vw::server::websocket::closePayload;
using vw::server::websocket::encodeFrame;
using vw::server::websocket::FrameDecoder;
using vw::server::websocket::FrameHeader;
using vw::server::websocket::IncomingMessage;
using vw::server::websocket::Opcode;
using vw::server::websocket::ProtocolViolation;

namespace {

constexpr quint8 kFin = 0x80;
constexpr qint64 kDefaultLimit = 1 << 20;
constexpr std::array<uchar, 4> kMaskKey {0x37, 0xFA, 0x21, 0x3D};

int code(CloseCode closeCode)
{
    return static_cast<int>(closeCode);
}

quint8 firstByte(Opcode opcode, bool fin)
{
    return static_cast<quint8>((fin ? kFin : 0) | static_cast<quint8>(opcode));
}

// A client frame's header as RFC 6455 5.2 lays it out: FIN/RSV/opcode, the mask bit with a
// 7-, 16- or 64-bit length (the shortest that fits), then the 4-byte masking key.
QByteArray maskedHeader(quint8 first, quint64 length, const std::array<uchar, 4> &key = kMaskKey)
{
    QByteArray header;
    header.append(static_cast<char>(first));
    if (length < 126) {
        header.append(static_cast<char>(0x80 | length));
    } else if (length <= 0xFFFF) {
        header.append(static_cast<char>(0x80 | 126));
        header.append(static_cast<char>((length >> 8) & 0xFF));
        header.append(static_cast<char>(length & 0xFF));
    } else {
        header.append(static_cast<char>(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            header.append(static_cast<char>((length >> shift) & 0xFF));
    }
    for (const uchar byte : key)
        header.append(static_cast<char>(byte));
    return header;
}

// A masked client frame: the header above, then each payload byte XOR key[i % 4].
QByteArray clientFrame(quint8 first, QByteArrayView payload, const std::array<uchar, 4> &key = kMaskKey)
{
    QByteArray frame = maskedHeader(first, static_cast<quint64>(payload.size()), key);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(static_cast<char>(static_cast<uchar>(payload[i]) ^ key[static_cast<size_t>(i % 4)]));
    return frame;
}

QByteArray frame(Opcode opcode, QByteArrayView payload, bool fin = true)
{
    return clientFrame(firstByte(opcode, fin), payload);
}

// A frame as a client must not send it: no mask bit, no key (7-bit lengths only).
QByteArray unmaskedFrame(quint8 first, QByteArrayView payload)
{
    Q_ASSERT(payload.size() < 126);
    QByteArray out;
    out.append(static_cast<char>(first));
    out.append(static_cast<char>(payload.size()));
    out.append(payload);
    return out;
}

// A data message in fragments: the first carries the opcode, the rest are continuations,
// the last has FIN.
QByteArray fragmented(Opcode opcode, const QByteArrayList &fragments)
{
    QByteArray out;
    for (qsizetype i = 0; i < fragments.size(); ++i) {
        const bool last = i + 1 == fragments.size();
        out.append(frame(i == 0 ? opcode : Opcode::Continuation, fragments.at(i), last));
    }
    return out;
}

QByteArray closeFramePayload(quint16 closeCode, QByteArrayView reason = {})
{
    QByteArray payload;
    payload.append(static_cast<char>(closeCode >> 8));
    payload.append(static_cast<char>(closeCode & 0xFF));
    payload.append(reason);
    return payload;
}

QByteArray letters(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = static_cast<char>('a' + i % 26);
    return out;
}

QByteArray allByteValues(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = static_cast<char>(i % 251);
    return out;
}

IncomingMessage message(Opcode opcode, const QByteArray &payload)
{
    IncomingMessage out;
    out.opcode = opcode;
    out.payload = payload;
    return out;
}

IncomingMessage closeMessage(CloseCode closeCode, const QByteArray &reason)
{
    IncomingMessage out;
    out.opcode = Opcode::Close;
    out.closeCode = closeCode;
    out.closeReason = reason;
    return out;
}

struct Decoded
{
    QList<IncomingMessage> messages;
    std::optional<ProtocolViolation> violation;
    qint64 bufferedBytes = 0;
};

// Feeds `stream` in pieces ending at `cuts` (ascending offsets), reading every message
// that is complete after each piece.
Decoded decode(QByteArrayView stream, const QList<qsizetype> &cuts, qint64 maxMessageBytes = kDefaultLimit)
{
    FrameDecoder decoder(maxMessageBytes);
    Decoded out;
    const auto drain = [&] {
        while (auto next = decoder.next())
            out.messages.append(std::move(*next));
    };
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        decoder.append(stream.sliced(from, cut - from));
        drain();
        from = cut;
    }
    decoder.append(stream.sliced(from));
    drain();
    out.violation = decoder.violation();
    out.bufferedBytes = decoder.bufferedBytes();
    return out;
}

Decoded decodeWhole(QByteArrayView stream, qint64 maxMessageBytes = kDefaultLimit)
{
    return decode(stream, {}, maxMessageBytes);
}

QList<qsizetype> everyByte(qsizetype size)
{
    QList<qsizetype> cuts;
    for (qsizetype at = 1; at < size; ++at)
        cuts.append(at);
    return cuts;
}

QList<qsizetype> randomCuts(qsizetype size, quint32 seed, int maxChunk)
{
    QRandomGenerator random(seed);
    QList<qsizetype> cuts;
    for (qsizetype at = random.bounded(1, maxChunk + 1); at < size; at += random.bounded(1, maxChunk + 1))
        cuts.append(at);
    return cuts;
}

QString describe(const IncomingMessage &message)
{
    const QByteArray start = message.payload.left(24);
    return QStringLiteral("opcode %1, %2 bytes \"%3\"%4, close %5 \"%6\"")
        .arg(static_cast<int>(message.opcode))
        .arg(message.payload.size())
        .arg(QString::fromLatin1(start.toPercentEncoding(" ")))
        .arg(message.payload.size() > start.size() ? QStringLiteral("...") : QString())
        .arg(code(message.closeCode))
        .arg(QString::fromLatin1(message.closeReason.toPercentEncoding(" ")));
}

// A Close is compared by its code and reason (what the decoder promises for it).
bool sameMessage(const IncomingMessage &a, const IncomingMessage &b)
{
    if (a.opcode != b.opcode)
        return false;
    if (a.opcode == Opcode::Close)
        return a.closeCode == b.closeCode && a.closeReason == b.closeReason;
    return a.payload == b.payload;
}

// QCOMPAREs inside; callers check QTest::currentTestFailed().
void compareMessages(const QList<IncomingMessage> &actual, const QList<IncomingMessage> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        if (!sameMessage(actual.at(i), expected.at(i))) {
            QFAIL(qPrintable(QStringLiteral("message %1 differs:\n   actual: %2\n expected: %3")
                                 .arg(i)
                                 .arg(describe(actual.at(i)), describe(expected.at(i)))));
        }
    }
}

// A stream that touches every decoder path that must survive arbitrary splits: 7- and
// 16-bit lengths, control frames, a fragmented message with a Ping in between, a Close.
struct Script
{
    QByteArray stream;
    QList<IncomingMessage> expected;

    void add(const QByteArray &frames, const IncomingMessage &message)
    {
        stream.append(frames);
        expected.append(message);
    }
};

Script smallScript()
{
    Script script;
    script.add(frame(Opcode::Text, "hello"), message(Opcode::Text, "hello"));
    script.add(frame(Opcode::Binary, allByteValues(300)), message(Opcode::Binary, allByteValues(300)));
    script.add(frame(Opcode::Text, "", true), message(Opcode::Text, ""));
    script.stream.append(frame(Opcode::Text, "frag-", false));
    script.add(frame(Opcode::Ping, "p1"), message(Opcode::Ping, "p1"));
    script.stream.append(frame(Opcode::Continuation, "ment", false));
    script.add(
        frame(Opcode::Continuation, "ed \xE2\x9C\x93"), message(Opcode::Text, "frag-mented \xE2\x9C\x93"));
    script.add(frame(Opcode::Text, letters(126)), message(Opcode::Text, letters(126)));
    script.add(frame(Opcode::Pong, ""), message(Opcode::Pong, ""));
    script.add(frame(Opcode::Close, closeFramePayload(1000, "bye")), closeMessage(CloseCode::Normal, "bye"));
    return script;
}

// The small script with a message long enough for the 64-bit length in the middle.
Script largeScript()
{
    Script script;
    script.add(frame(Opcode::Text, "before"), message(Opcode::Text, "before"));
    script.add(
        frame(Opcode::Binary, allByteValues(65536 + 3)), message(Opcode::Binary, allByteValues(65536 + 3)));
    const Script small = smallScript();
    script.stream.append(small.stream);
    script.expected.append(small.expected);
    return script;
}

} // namespace

// The server's reader of client WebSocket frames (RFC 6455 5): unmasking, the three length
// forms, fragmentation, the protocol violations and their close codes, fed whole and in
// arbitrary pieces; and the server's frame header and close payload encoders.
class TestWebSocketFrames : public QObject
{
    Q_OBJECT
private slots:
    void maskedTextFrameDecodesToItsPayload_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<qsizetype>("headerBytes"); // mask key included
        QTest::newRow("empty, 7-bit length") << qsizetype(0) << qsizetype(6);
        QTest::newRow("1 byte") << qsizetype(1) << qsizetype(6);
        QTest::newRow("125 bytes, largest 7-bit length") << qsizetype(125) << qsizetype(6);
        QTest::newRow("126 bytes, 16-bit length") << qsizetype(126) << qsizetype(8);
        QTest::newRow("65535 bytes, largest 16-bit length") << qsizetype(65535) << qsizetype(8);
        QTest::newRow("65536 bytes, 64-bit length") << qsizetype(65536) << qsizetype(14);
        QTest::newRow("100000 bytes, 64-bit length") << qsizetype(100000) << qsizetype(14);
    }

    void maskedTextFrameDecodesToItsPayload()
    {
        QFETCH(qsizetype, size);
        QFETCH(qsizetype, headerBytes);
        const QByteArray payload = letters(size);
        const QByteArray stream = frame(Opcode::Text, payload);
        QCOMPARE(stream.size(), headerBytes + size);

        FrameDecoder decoder(kDefaultLimit);
        decoder.append(stream);
        const auto decoded = decoder.next();
        QVERIFY(decoded.has_value());
        QCOMPARE(decoded->opcode, Opcode::Text);
        QCOMPARE(decoded->payload.size(), size);
        QVERIFY(decoded->payload == payload);
        QVERIFY(!decoder.next().has_value());
        QVERIFY(!decoder.violation().has_value());
        QCOMPARE(decoder.bufferedBytes(), qint64(0));
    }

    // Different keys, including the all-zero one, unmask to the same payload.
    void maskingKeyIsApplied_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("zero key") << QByteArray("\x00\x00\x00\x00", 4);
        QTest::newRow("all ones") << QByteArray("\xFF\xFF\xFF\xFF", 4);
        QTest::newRow("distinct bytes") << QByteArray("\x01\x02\x04\x80", 4);
    }

    void maskingKeyIsApplied()
    {
        QFETCH(QByteArray, key);
        const std::array<uchar, 4> maskKey {static_cast<uchar>(key[0]), static_cast<uchar>(key[1]),
            static_cast<uchar>(key[2]), static_cast<uchar>(key[3])};
        const QByteArray payload("The quick brown fox");
        const Decoded decoded = decodeWhole(clientFrame(firstByte(Opcode::Text, true), payload, maskKey));
        QVERIFY(!decoded.violation.has_value());
        compareMessages(decoded.messages, {message(Opcode::Text, payload)});
    }

    void severalFramesInOneAppendGiveSeveralMessagesInOrder()
    {
        const QByteArray stream = frame(Opcode::Text, "one")
            + frame(Opcode::Binary, QByteArray("\x00\x02", 2)) + frame(Opcode::Ping, "ping")
            + frame(Opcode::Text, letters(200)) + frame(Opcode::Text, "three");
        FrameDecoder decoder(kDefaultLimit);
        decoder.append(stream);
        QList<IncomingMessage> messages;
        while (auto next = decoder.next())
            messages.append(*next);
        compareMessages(messages,
            {message(Opcode::Text, "one"), message(Opcode::Binary, QByteArray("\x00\x02", 2)),
                message(Opcode::Ping, "ping"), message(Opcode::Text, letters(200)),
                message(Opcode::Text, "three")});
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!decoder.violation().has_value());
        QCOMPARE(decoder.bufferedBytes(), qint64(0));
    }

    void byteAtATimeGivesTheSameMessages_data()
    {
        QTest::addColumn<bool>("large");
        QTest::newRow("7- and 16-bit lengths, fragments, control frames") << false;
        QTest::newRow("with a 64-bit length") << true;
    }

    void byteAtATimeGivesTheSameMessages()
    {
        QFETCH(bool, large);
        const Script script = large ? largeScript() : smallScript();
        const Decoded whole = decodeWhole(script.stream);
        QVERIFY(!whole.violation.has_value());
        compareMessages(whole.messages, script.expected);
        if (QTest::currentTestFailed())
            return;

        const Decoded bytes = decode(script.stream, everyByte(script.stream.size()));
        QVERIFY2(
            !bytes.violation.has_value(), qPrintable(bytes.violation ? bytes.violation->reason : QString()));
        compareMessages(bytes.messages, script.expected);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(bytes.bufferedBytes, qint64(0));
    }

    void randomSplitsGiveTheSameMessages_data()
    {
        QTest::addColumn<bool>("large");
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("maxChunk");
        for (const quint32 seed : {1u, 2u, 3u, 20240601u, 0xC0FFEEu}) {
            for (const int maxChunk : {3, 7, 16, 300}) {
                QTest::addRow("small, seed %u, chunks up to %d", seed, maxChunk) << false << seed << maxChunk;
                QTest::addRow("large, seed %u, chunks up to %d", seed, maxChunk) << true << seed << maxChunk;
            }
        }
    }

    void randomSplitsGiveTheSameMessages()
    {
        QFETCH(bool, large);
        QFETCH(quint32, seed);
        QFETCH(int, maxChunk);
        const Script script = large ? largeScript() : smallScript();
        const Decoded decoded = decode(script.stream, randomCuts(script.stream.size(), seed, maxChunk));
        QVERIFY2(!decoded.violation.has_value(),
            qPrintable(decoded.violation ? decoded.violation->reason : QString()));
        compareMessages(decoded.messages, script.expected);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(decoded.bufferedBytes, qint64(0));
    }

    // Two pieces, cut at every offset of the small script: every cut inside a length field
    // or a mask key is among them.
    void everySingleSplitPointGivesTheSameMessages()
    {
        const Script script = smallScript();
        for (qsizetype cut = 1; cut < script.stream.size(); ++cut) {
            const Decoded decoded = decode(script.stream, {cut});
            if (decoded.violation || decoded.messages.size() != script.expected.size())
                QFAIL(qPrintable(QStringLiteral("cut at %1: %2 messages, violation \"%3\"")
                                     .arg(cut)
                                     .arg(decoded.messages.size())
                                     .arg(decoded.violation ? decoded.violation->reason : QString())));
            compareMessages(decoded.messages, script.expected);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("cut at %1").arg(cut)));
        }
    }

    // Named cuts inside a single frame's header, the places a reader that assumes a header
    // arrives whole breaks.
    void splitsInsideTheHeaderGiveTheSameMessage_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<QList<int>>("cuts");
        // 7-bit: [0] [1] key[2..5]; 16-bit: [0] [1] len[2..3] key[4..7];
        // 64-bit: [0] [1] len[2..9] key[10..13].
        QTest::newRow("7-bit, after the first byte") << qsizetype(10) << QList<int> {1};
        QTest::newRow("7-bit, inside the mask key") << qsizetype(10) << QList<int> {3};
        QTest::newRow("7-bit, each byte of the mask key") << qsizetype(10) << QList<int> {2, 3, 4, 5};
        QTest::newRow("7-bit, between key and payload") << qsizetype(10) << QList<int> {6};
        QTest::newRow("16-bit, inside the length") << qsizetype(300) << QList<int> {3};
        QTest::newRow("16-bit, after the length") << qsizetype(300) << QList<int> {4};
        QTest::newRow("16-bit, inside the mask key") << qsizetype(300) << QList<int> {6};
        QTest::newRow("16-bit, inside length and key") << qsizetype(300) << QList<int> {3, 5, 7};
        QTest::newRow("16-bit, between key and payload") << qsizetype(300) << QList<int> {8};
        QTest::newRow("64-bit, inside the length") << qsizetype(70000) << QList<int> {5};
        QTest::newRow("64-bit, each byte of the length")
            << qsizetype(70000) << QList<int> {2, 3, 4, 5, 6, 7, 8, 9};
        QTest::newRow("64-bit, after the length") << qsizetype(70000) << QList<int> {10};
        QTest::newRow("64-bit, inside the mask key") << qsizetype(70000) << QList<int> {12};
        QTest::newRow("64-bit, each byte of the mask key") << qsizetype(70000) << QList<int> {10, 11, 12, 13};
        QTest::newRow("64-bit, inside length and key") << qsizetype(70000) << QList<int> {9, 13};
        QTest::newRow("64-bit, between key and payload") << qsizetype(70000) << QList<int> {14};
    }

    void splitsInsideTheHeaderGiveTheSameMessage()
    {
        QFETCH(qsizetype, size);
        QFETCH(QList<int>, cuts);
        const QByteArray payload = letters(size);
        const QByteArray stream = frame(Opcode::Text, payload) + frame(Opcode::Text, "next");
        QList<qsizetype> at;
        for (const int cut : cuts)
            at.append(cut);
        const Decoded decoded = decode(stream, at);
        QVERIFY2(!decoded.violation.has_value(),
            qPrintable(decoded.violation ? decoded.violation->reason : QString()));
        compareMessages(decoded.messages, {message(Opcode::Text, payload), message(Opcode::Text, "next")});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(decoded.bufferedBytes, qint64(0));
    }

    void fragmentedTextIsJoined()
    {
        const Decoded decoded = decodeWhole(QByteArray(
            fragmented(Opcode::Text, {"Hel", "lo, ", "", "world"}) + frame(Opcode::Text, "after")));
        QVERIFY(!decoded.violation.has_value());
        compareMessages(
            decoded.messages, {message(Opcode::Text, "Hello, world"), message(Opcode::Text, "after")});
    }

    void pingBetweenFragmentsIsReturnedInBetween()
    {
        FrameDecoder decoder(kDefaultLimit);
        decoder.append(frame(Opcode::Text, "Hel", false));
        QVERIFY(!decoder.next().has_value());
        decoder.append(frame(Opcode::Ping, "are you there"));
        const auto ping = decoder.next();
        QVERIFY(ping.has_value());
        QCOMPARE(ping->opcode, Opcode::Ping);
        QCOMPARE(ping->payload, QByteArray("are you there"));
        QVERIFY(!decoder.next().has_value());

        decoder.append(QByteArray(frame(Opcode::Continuation, "lo", false) + frame(Opcode::Pong, "")
            + frame(Opcode::Continuation, " world")));
        const auto pong = decoder.next();
        QVERIFY(pong.has_value());
        QCOMPARE(pong->opcode, Opcode::Pong);
        const auto joined = decoder.next();
        QVERIFY(joined.has_value());
        QCOMPARE(joined->opcode, Opcode::Text);
        QCOMPARE(joined->payload, QByteArray("Hello world"));
        QVERIFY(!decoder.next().has_value());
        QVERIFY(!decoder.violation().has_value());
        QCOMPARE(decoder.bufferedBytes(), qint64(0));
    }

    void fragmentedBinaryIsJoinedAsBinary()
    {
        const Decoded decoded
            = decodeWhole(fragmented(Opcode::Binary, {QByteArray("\xFF\x00", 2), "\xC0\xAF"}));
        QVERIFY(!decoded.violation.has_value());
        compareMessages(decoded.messages, {message(Opcode::Binary, QByteArray("\xFF\x00\xC0\xAF", 4))});
    }

    void violationsAreRefusedWithTheirCloseCode_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<qint64>("maxMessageBytes");
        QTest::addColumn<int>("messagesBefore");
        QTest::addColumn<int>("closeCode");

        const int protocolError = code(CloseCode::ProtocolError);
        const int tooBig = code(CloseCode::MessageTooBig);
        const int invalidPayload = code(CloseCode::InvalidPayload);
        const auto row = [](const char *name, const QByteArray &stream, int closeCode, int messagesBefore = 0,
                             qint64 maxMessageBytes = kDefaultLimit) {
            QTest::newRow(name) << stream << maxMessageBytes << messagesBefore << closeCode;
        };
        const QByteArray ok = frame(Opcode::Text, "ok");

        row("unmasked text", unmaskedFrame(0x81, "hi"), protocolError);
        row("unmasked empty text", unmaskedFrame(0x81, ""), protocolError);
        row("unmasked ping", unmaskedFrame(0x89, ""), protocolError);
        row("unmasked after a valid frame", ok + unmaskedFrame(0x81, "hi"), protocolError, 1);
        row("RSV1 set", clientFrame(0x81 | 0x40, "hi"), protocolError);
        row("RSV2 set", clientFrame(0x81 | 0x20, "hi"), protocolError);
        row("RSV3 set", clientFrame(0x81 | 0x10, "hi"), protocolError);
        row("RSV set on a continuation",
            frame(Opcode::Text, "a", false) + clientFrame(kFin | 0x40 | 0x0, "b"), protocolError);
        row("opcode 3", clientFrame(kFin | 0x3, "hi"), protocolError);
        row("opcode 7", clientFrame(kFin | 0x7, "hi"), protocolError);
        row("opcode 0xB", clientFrame(kFin | 0xB, ""), protocolError);
        row("opcode 0xF", clientFrame(kFin | 0xF, ""), protocolError);
        row("opcode 3 after a valid frame", ok + clientFrame(kFin | 0x3, "hi"), protocolError, 1);
        row("ping of 126 bytes", frame(Opcode::Ping, letters(126)), protocolError);
        row("pong of 126 bytes", frame(Opcode::Pong, letters(126)), protocolError);
        row("close of 126 bytes", frame(Opcode::Close, closeFramePayload(1000, letters(124))), protocolError);
        row("ping without FIN", frame(Opcode::Ping, "p", false), protocolError);
        row("close without FIN", frame(Opcode::Close, closeFramePayload(1000), false), protocolError);
        row("ping without FIN inside a fragmented message",
            frame(Opcode::Text, "a", false) + frame(Opcode::Ping, "p", false), protocolError);
        row("continuation without a message", frame(Opcode::Continuation, "x"), protocolError);
        row("continuation without FIN and without a message", frame(Opcode::Continuation, "x", false),
            protocolError);
        row("continuation after a finished message", ok + frame(Opcode::Continuation, "x"), protocolError, 1);
        row("text inside a fragmented text", frame(Opcode::Text, "a", false) + frame(Opcode::Text, "b"),
            protocolError);
        row("binary inside a fragmented text", frame(Opcode::Text, "a", false) + frame(Opcode::Binary, "b"),
            protocolError);
        row("unfinished text inside a fragmented binary",
            frame(Opcode::Binary, "a", false) + frame(Opcode::Text, "b", false), protocolError);
        row("64-bit length with the top bit set",
            QByteArray("\x81\xFF\x80\x00\x00\x00\x00\x00\x00\x00", 10) + QByteArray("\x37\xFA\x21\x3D", 4),
            protocolError);
        row("64-bit length all ones",
            QByteArray("\x82\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 10) + QByteArray("\x37\xFA\x21\x3D", 4),
            protocolError);
        row("text over the limit", frame(Opcode::Text, letters(101)), tooBig, 0, 100);
        row("binary over the limit", frame(Opcode::Binary, letters(101)), tooBig, 0, 100);
        row("text over the limit after a valid one", ok + frame(Opcode::Text, letters(101)), tooBig, 1, 100);
        row("two fragments over the limit", fragmented(Opcode::Text, {letters(60), letters(41)}), tooBig, 0,
            100);
        row("three fragments over the limit",
            fragmented(Opcode::Binary, {letters(40), letters(40), letters(21)}), tooBig, 0, 100);
        row("fragments over the limit with a ping between",
            frame(Opcode::Text, letters(60), false) + frame(Opcode::Ping, "p")
                + frame(Opcode::Continuation, letters(41)),
            tooBig, 1, 100);
        row("invalid UTF-8 C3 28", frame(Opcode::Text, "\xC3\x28"), invalidPayload);
        row("overlong C0 AF", frame(Opcode::Text, "\xC0\xAF"), invalidPayload);
        row("overlong E0 80 AF", frame(Opcode::Text, "\xE0\x80\xAF"), invalidPayload);
        row("lone surrogate ED A0 80", frame(Opcode::Text, "\xED\xA0\x80"), invalidPayload);
        row("low surrogate ED BF BF", frame(Opcode::Text, "\xED\xBF\xBF"), invalidPayload);
        row("beyond U+10FFFF", frame(Opcode::Text, "\xF4\x90\x80\x80"), invalidPayload);
        row("byte FF", frame(Opcode::Text, "a\xFF"), invalidPayload);
        row("lone continuation byte", frame(Opcode::Text, "\x80"), invalidPayload);
        row("message ends inside a character", frame(Opcode::Text, "abc\xE2\x82"), invalidPayload);
        row("fragmented message ends inside a character", fragmented(Opcode::Text, {"abc\xF0\x9F", "\x98"}),
            invalidPayload);
        row("invalid UTF-8 across fragments", fragmented(Opcode::Text, {"ok \xC3", "\x28"}), invalidPayload);
        row("invalid UTF-8 after a valid message", ok + frame(Opcode::Text, "\xC3\x28"), invalidPayload, 1);
    }

    void violationsAreRefusedWithTheirCloseCode()
    {
        QFETCH(QByteArray, stream);
        QFETCH(qint64, maxMessageBytes);
        QFETCH(int, messagesBefore);
        QFETCH(int, closeCode);
        for (const bool byteAtATime : {false, true}) {
            const Decoded decoded = decode(
                stream, byteAtATime ? everyByte(stream.size()) : QList<qsizetype> {}, maxMessageBytes);
            const char *how = byteAtATime ? "byte at a time" : "whole";
            QVERIFY2(decoded.violation.has_value(), how);
            QCOMPARE(static_cast<int>(decoded.violation->code), closeCode);
            QVERIFY2(!decoded.violation->reason.isEmpty(), how);
            QCOMPARE(decoded.messages.size(), messagesBefore);
            QCOMPARE(decoded.bufferedBytes, qint64(0));
        }
    }

    // The limit is enforced on the announced length, before any payload is buffered.
    void tooBigMessageIsRefusedFromItsHeaderAlone_data()
    {
        QTest::addColumn<QByteArray>("before"); // complete frames fed first
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("16-bit length one over")
            << QByteArray() << maskedHeader(firstByte(Opcode::Text, true), 1001);
        QTest::newRow("64-bit length")
            << QByteArray() << maskedHeader(firstByte(Opcode::Binary, true), 1ULL << 40);
        QTest::newRow("largest 63-bit length")
            << QByteArray() << maskedHeader(firstByte(Opcode::Binary, true), 0x7FFFFFFFFFFFFFFFULL);
        QTest::newRow("first fragment over")
            << QByteArray() << maskedHeader(firstByte(Opcode::Text, false), 1001);
        QTest::newRow("continuation over the rest") << frame(
            Opcode::Text, letters(600), false) << maskedHeader(firstByte(Opcode::Continuation, true), 401);
    }

    void tooBigMessageIsRefusedFromItsHeaderAlone()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, header);
        FrameDecoder decoder(1000);
        decoder.append(before);
        QVERIFY(!decoder.next().has_value());
        QVERIFY(!decoder.violation().has_value());
        decoder.append(header);
        QVERIFY(!decoder.next().has_value());
        QVERIFY(decoder.violation().has_value());
        QCOMPARE(static_cast<int>(decoder.violation()->code), code(CloseCode::MessageTooBig));
        QCOMPARE(decoder.bufferedBytes(), qint64(0));
    }

    void messageAtTheLimitIsAccepted()
    {
        FrameDecoder decoder(1000);
        const QByteArray header = maskedHeader(firstByte(Opcode::Text, true), 1000);
        decoder.append(header);
        QVERIFY(!decoder.next().has_value());
        QVERIFY(!decoder.violation().has_value());
        QCOMPARE(decoder.bufferedBytes(), qint64(header.size()));

        const Decoded single = decodeWhole(frame(Opcode::Text, letters(1000)), 1000);
        QVERIFY(!single.violation.has_value());
        compareMessages(single.messages, {message(Opcode::Text, letters(1000))});
        if (QTest::currentTestFailed())
            return;
        const Decoded fragments = decodeWhole(fragmented(Opcode::Text, {letters(600), letters(400)}), 1000);
        QVERIFY(!fragments.violation.has_value());
        QCOMPARE(fragments.messages.size(), 1);
        QCOMPARE(fragments.messages.first().payload.size(), 1000);
    }

    // Text is checked as a whole message, so a character may be split across fragments.
    void validUtf8TextDecodes_data()
    {
        QTest::addColumn<QByteArrayList>("fragments");
        QTest::newRow("2-byte characters") << QByteArrayList {"h\xC3\xA9llo w\xC3\xB6rld"};
        QTest::newRow("3-byte characters") << QByteArrayList {"\xE2\x82\xAC \xE2\x9C\x93"};
        QTest::newRow("4-byte emoji") << QByteArrayList {"\xF0\x9F\x98\x80"};
        QTest::newRow("boundary code points") << QByteArrayList {
            "\x7F \xC2\x80 \xDF\xBF \xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 \xF0\x90\x80\x80 "
            "\xF4\x8F\xBF\xBF"};
        QTest::newRow("2-byte character split") << QByteArrayList {"caf\xC3", "\xA9"};
        QTest::newRow("emoji split after its first byte") << QByteArrayList {"a\xF0", "\x9F\x98\x80 b"};
        QTest::newRow("emoji split in the middle") << QByteArrayList {"smile \xF0\x9F", "\x98\x80"};
        QTest::newRow("emoji split before its last byte") << QByteArrayList {"\xF0\x9F\x98", "\x80"};
        QTest::newRow("emoji in three fragments") << QByteArrayList {"\xF0", "\x9F\x98", "\x80!"};
        QTest::newRow("emoji a byte per fragment") << QByteArrayList {"\xF0", "\x9F", "\x98", "\x80"};
        QTest::newRow("empty fragments around a split")
            << QByteArrayList {"", "\xF0\x9F", "", "\x98\x80", ""};
    }

    void validUtf8TextDecodes()
    {
        QFETCH(QByteArrayList, fragments);
        const QByteArray joined = fragments.join();
        QVERIFY(QByteArrayView(joined).isValidUtf8());
        const QByteArray stream = fragmented(Opcode::Text, fragments);
        for (const bool byteAtATime : {false, true}) {
            const Decoded decoded
                = decode(stream, byteAtATime ? everyByte(stream.size()) : QList<qsizetype> {});
            QVERIFY2(!decoded.violation.has_value(),
                qPrintable(decoded.violation ? decoded.violation->reason : QString()));
            compareMessages(decoded.messages, {message(Opcode::Text, joined)});
            if (QTest::currentTestFailed())
                return;
        }
    }

    void binaryMessagesAreNotUtf8Checked()
    {
        const QByteArray payload("\xC3\x28\xFF\x00\xED\xA0\x80\xC0\xAF", 9);
        const Decoded decoded = decodeWhole(frame(Opcode::Binary, payload));
        QVERIFY(!decoded.violation.has_value());
        compareMessages(decoded.messages, {message(Opcode::Binary, payload)});
    }

    void controlFramesAreReturnedWithTheirPayload()
    {
        const QByteArray binary("\xFF\xFE\x00", 3);
        const Decoded decoded = decodeWhole(QByteArray(
            frame(Opcode::Ping, letters(125)) + frame(Opcode::Pong, binary) + frame(Opcode::Ping, "")));
        QVERIFY(!decoded.violation.has_value());
        compareMessages(decoded.messages,
            {message(Opcode::Ping, letters(125)), message(Opcode::Pong, binary), message(Opcode::Ping, "")});
    }

    void closeFrames_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("violation"); // 0: accepted
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<QByteArray>("reason");

        const auto accepted = [](const char *name, const QByteArray &payload, CloseCode closeCode,
                                  const QByteArray &reason = {}) {
            QTest::newRow(name) << payload << 0 << code(closeCode) << reason;
        };
        const auto refused = [](const char *name, const QByteArray &payload, CloseCode violation) {
            QTest::newRow(name) << payload << code(violation) << 0 << QByteArray();
        };
        accepted("no payload", QByteArray(), CloseCode::NoStatus);
        accepted("1000 without reason", closeFramePayload(1000), CloseCode::Normal);
        accepted("1000 bye", closeFramePayload(1000, "bye"), CloseCode::Normal, "bye");
        accepted("1001", closeFramePayload(1001, "going"), CloseCode::GoingAway, "going");
        accepted("1011", closeFramePayload(1011), CloseCode::InternalError);
        accepted("UTF-8 reason", closeFramePayload(1000, "\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80"),
            CloseCode::Normal, "\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80");
        accepted("longest reason", closeFramePayload(1000, letters(123)), CloseCode::Normal, letters(123));
        accepted("3000", closeFramePayload(3000), static_cast<CloseCode>(3000));
        accepted("4000", closeFramePayload(4000, "app"), static_cast<CloseCode>(4000), "app");
        accepted("4999", closeFramePayload(4999), static_cast<CloseCode>(4999));
        refused("one-byte payload", QByteArray("\x03", 1), CloseCode::ProtocolError);
        refused("0", closeFramePayload(0), CloseCode::ProtocolError);
        refused("999", closeFramePayload(999), CloseCode::ProtocolError);
        refused("1004", closeFramePayload(1004), CloseCode::ProtocolError);
        refused("1005", closeFramePayload(1005), CloseCode::ProtocolError);
        refused("1006", closeFramePayload(1006), CloseCode::ProtocolError);
        refused("1015", closeFramePayload(1015), CloseCode::ProtocolError);
        refused("2999", closeFramePayload(2999), CloseCode::ProtocolError);
        refused("5000", closeFramePayload(5000), CloseCode::ProtocolError);
        refused("65535", closeFramePayload(65535), CloseCode::ProtocolError);
        refused("reason not UTF-8", closeFramePayload(1000, "\xC3\x28"), CloseCode::InvalidPayload);
        refused("reason with a lone surrogate", closeFramePayload(1000, "\xED\xA0\x80"),
            CloseCode::InvalidPayload);
    }

    void closeFrames()
    {
        QFETCH(QByteArray, payload);
        QFETCH(int, violation);
        QFETCH(int, closeCode);
        QFETCH(QByteArray, reason);
        const Decoded decoded = decodeWhole(frame(Opcode::Close, payload));
        if (violation != 0) {
            QVERIFY(decoded.violation.has_value());
            QCOMPARE(static_cast<int>(decoded.violation->code), violation);
            QVERIFY(!decoded.violation->reason.isEmpty());
            QCOMPARE(decoded.messages.size(), 0);
            return;
        }
        QVERIFY2(!decoded.violation.has_value(),
            qPrintable(decoded.violation ? decoded.violation->reason : QString()));
        QCOMPARE(decoded.messages.size(), 1);
        const IncomingMessage &close = decoded.messages.first();
        QCOMPARE(close.opcode, Opcode::Close);
        QCOMPARE(code(close.closeCode), closeCode);
        QCOMPARE(close.closeReason, reason);
    }

    void nothingIsReturnedAfterAViolation()
    {
        FrameDecoder decoder(kDefaultLimit);
        decoder.append(QByteArray(
            frame(Opcode::Text, "first") + unmaskedFrame(0x81, "bad") + frame(Opcode::Text, "after")));
        const auto first = decoder.next();
        QVERIFY(first.has_value());
        QCOMPARE(first->payload, QByteArray("first"));
        QVERIFY(!decoder.next().has_value());
        QVERIFY(decoder.violation().has_value());
        QCOMPARE(static_cast<int>(decoder.violation()->code), code(CloseCode::ProtocolError));
        QVERIFY(!decoder.next().has_value());

        decoder.append(QByteArray(frame(Opcode::Text, "later") + frame(Opcode::Ping, "p")));
        QVERIFY(!decoder.next().has_value());
        QVERIFY(!decoder.next().has_value());
        QCOMPARE(static_cast<int>(decoder.violation()->code), code(CloseCode::ProtocolError));
        QCOMPARE(decoder.bufferedBytes(), qint64(0));
    }

    void violationIsKeptWhenLaterFramesAreValid_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<int>("closeCode");
        QTest::newRow("invalid UTF-8") << frame(Opcode::Text, "\xC3\x28") << code(CloseCode::InvalidPayload);
        QTest::newRow("too big") << frame(Opcode::Text, letters(2000)) << code(CloseCode::MessageTooBig);
        QTest::newRow("bad close") << frame(Opcode::Close, closeFramePayload(1005))
                                   << code(CloseCode::ProtocolError);
    }

    void violationIsKeptWhenLaterFramesAreValid()
    {
        QFETCH(QByteArray, bad);
        QFETCH(int, closeCode);
        FrameDecoder decoder(1000);
        decoder.append(QByteArray(bad + frame(Opcode::Text, "valid")));
        QVERIFY(!decoder.next().has_value());
        QVERIFY(decoder.violation().has_value());
        QCOMPARE(static_cast<int>(decoder.violation()->code), closeCode);
        decoder.append(frame(Opcode::Text, "valid too"));
        QVERIFY(!decoder.next().has_value());
        QCOMPARE(static_cast<int>(decoder.violation()->code), closeCode);
    }

    // A peer that cuts every write one byte into its next frame: the decoder holds that
    // byte, not everything read so far.
    void misalignedWritesDoNotGrowTheBuffer()
    {
        FrameDecoder decoder(kDefaultLimit);
        const QByteArray one = frame(Opcode::Text, "0123456789");
        QByteArray stream;
        for (int i = 0; i < 1000; ++i)
            stream += one;
        decoder.append(QByteArrayView(stream).first(1));
        qsizetype position = 1;
        int messages = 0;
        while (position < stream.size()) {
            const qsizetype take = std::min<qsizetype>(one.size(), stream.size() - position);
            decoder.append(QByteArrayView(stream).sliced(position, take));
            position += take;
            while (decoder.next())
                ++messages;
            QVERIFY(decoder.bufferedBytes() <= one.size());
        }
        QCOMPARE(messages, 1000);
        QCOMPARE(decoder.bufferedBytes(), qint64(0));
    }

    void bufferedBytesCountsOnlyTheIncompleteFrame()
    {
        FrameDecoder decoder(kDefaultLimit);
        QCOMPARE(decoder.bufferedBytes(), qint64(0));
        decoder.append(QByteArray(frame(Opcode::Text, "one") + frame(Opcode::Text, "two")));
        QVERIFY(decoder.next().has_value());
        QVERIFY(decoder.next().has_value());
        QVERIFY(!decoder.next().has_value());
        QCOMPARE(decoder.bufferedBytes(), qint64(0));

        const QByteArray partial = frame(Opcode::Text, letters(300));
        decoder.append(partial.first(7));
        QVERIFY(!decoder.next().has_value());
        QCOMPARE(decoder.bufferedBytes(), qint64(7));
        decoder.append(QByteArrayView(partial).sliced(7, 100));
        QVERIFY(!decoder.next().has_value());
        QCOMPARE(decoder.bufferedBytes(), qint64(107));
        decoder.append(QByteArrayView(partial).sliced(107));
        const auto complete = decoder.next();
        QVERIFY(complete.has_value());
        QCOMPARE(complete->payload, letters(300));
        QCOMPARE(decoder.bufferedBytes(), qint64(0));

        // A complete frame followed by part of the next one: only the part stays.
        decoder.append(QByteArray(frame(Opcode::Text, "whole") + partial.first(3)));
        QVERIFY(decoder.next().has_value());
        QVERIFY(!decoder.next().has_value());
        QCOMPARE(decoder.bufferedBytes(), qint64(3));
        decoder.append(QByteArrayView(partial).sliced(3));
        QVERIFY(decoder.next().has_value());
        QCOMPARE(decoder.bufferedBytes(), qint64(0));
    }

    void bufferedBytesIncludesTheFragmentsOfAnUnfinishedMessage()
    {
        FrameDecoder decoder(kDefaultLimit);
        decoder.append(frame(Opcode::Text, letters(40), false));
        QVERIFY(!decoder.next().has_value());
        QVERIFY(decoder.bufferedBytes() > 0);
        QCOMPARE(decoder.bufferedBytes(), qint64(40));
        decoder.append(frame(Opcode::Continuation, letters(10)));
        QVERIFY(decoder.next().has_value());
        QCOMPARE(decoder.bufferedBytes(), qint64(0));
    }

    void frameHeaderBytes_data()
    {
        QTest::addColumn<Opcode>("opcode");
        QTest::addColumn<qint64>("payloadBytes");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("text 0") << Opcode::Text << qint64(0) << vw::test::fromHex("81 00");
        QTest::newRow("text 1") << Opcode::Text << qint64(1) << vw::test::fromHex("81 01");
        QTest::newRow("text 125") << Opcode::Text << qint64(125) << vw::test::fromHex("81 7D");
        QTest::newRow("text 126") << Opcode::Text << qint64(126) << vw::test::fromHex("81 7E 00 7E");
        QTest::newRow("binary 256") << Opcode::Binary << qint64(256) << vw::test::fromHex("82 7E 01 00");
        QTest::newRow("text 65535") << Opcode::Text << qint64(65535) << vw::test::fromHex("81 7E FF FF");
        QTest::newRow("text 65536") << Opcode::Text << qint64(65536)
                                    << vw::test::fromHex("81 7F 00 00 00 00 00 01 00 00");
        QTest::newRow("binary 2^32 + 5") << Opcode::Binary << ((qint64(1) << 32) + 5)
                                         << vw::test::fromHex("82 7F 00 00 00 01 00 00 00 05");
        QTest::newRow("close 2") << Opcode::Close << qint64(2) << vw::test::fromHex("88 02");
        QTest::newRow("ping 0") << Opcode::Ping << qint64(0) << vw::test::fromHex("89 00");
        QTest::newRow("pong 125") << Opcode::Pong << qint64(125) << vw::test::fromHex("8A 7D");
    }

    void frameHeaderBytes()
    {
        QFETCH(Opcode, opcode);
        QFETCH(qint64, payloadBytes);
        QFETCH(QByteArray, expected);
        const FrameHeader header(opcode, payloadBytes);
        QCOMPARE(header.bytes().toByteArray().toHex(' '), expected.toHex(' '));
        // FIN set, no mask bit: a server frame.
        QVERIFY((static_cast<uchar>(header.bytes()[0]) & 0x80) != 0);
        QCOMPARE(static_cast<uchar>(header.bytes()[1]) & 0x80, 0);
    }

    void encodeFrameIsHeaderThenPayload_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<QByteArray>("expectedHeader");
        QTest::newRow("0") << qsizetype(0) << vw::test::fromHex("81 00");
        QTest::newRow("125") << qsizetype(125) << vw::test::fromHex("81 7D");
        QTest::newRow("126") << qsizetype(126) << vw::test::fromHex("81 7E 00 7E");
        QTest::newRow("65535") << qsizetype(65535) << vw::test::fromHex("81 7E FF FF");
        QTest::newRow("65536") << qsizetype(65536) << vw::test::fromHex("81 7F 00 00 00 00 00 01 00 00");
    }

    void encodeFrameIsHeaderThenPayload()
    {
        QFETCH(qsizetype, size);
        QFETCH(QByteArray, expectedHeader);
        const QByteArray payload = allByteValues(size);
        const QByteArray encoded = encodeFrame(Opcode::Text, payload);
        QCOMPARE(encoded.size(), expectedHeader.size() + size);
        QCOMPARE(encoded.first(expectedHeader.size()).toHex(' '), expectedHeader.toHex(' '));
        QVERIFY(encoded.sliced(expectedHeader.size()) == payload);
        QVERIFY(encoded == QByteArray(FrameHeader(Opcode::Text, size).bytes().toByteArray() + payload));
    }

    void closePayloadStartsWithTheCode_data()
    {
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("normal bye") << code(CloseCode::Normal) << QStringLiteral("bye")
                                    << QByteArray("\x03\xE8"
                                                  "bye");
        QTest::newRow("normal, no reason") << code(CloseCode::Normal) << QString() << QByteArray("\x03\xE8");
        QTest::newRow("going away") << code(CloseCode::GoingAway) << QString() << QByteArray("\x03\xE9");
        QTest::newRow("protocol error") << code(CloseCode::ProtocolError) << QStringLiteral("x")
                                        << QByteArray("\x03\xEA"
                                                      "x");
        QTest::newRow("too big") << code(CloseCode::MessageTooBig) << QString() << QByteArray("\x03\xF1");
        QTest::newRow("UTF-8 reason") << code(CloseCode::Normal) << QStringLiteral("\u00e9t\u00e9")
                                      << QByteArray("\x03\xE8\xC3\xA9t\xC3\xA9");
    }

    void closePayloadStartsWithTheCode()
    {
        QFETCH(int, closeCode);
        QFETCH(QString, reason);
        QFETCH(QByteArray, expected);
        QCOMPARE(closePayload(static_cast<CloseCode>(closeCode), reason).toHex(' '), expected.toHex(' '));
    }

    // A close frame's payload is at most 125 bytes: the reason is cut to 123 bytes of UTF-8,
    // at a character boundary.
    void closePayloadCutsALongReasonAtACharacterBoundary_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<qsizetype>("reasonBytes");
        QTest::newRow("123 ASCII bytes, kept") << QString(123, u'a') << qsizetype(123);
        QTest::newRow("124 ASCII bytes") << QString(124, u'a') << qsizetype(123);
        QTest::newRow("500 ASCII bytes") << QString(500, u'a') << qsizetype(123);
        // é is 2 bytes: 123 would cut the 62nd in half.
        QTest::newRow("many e-acute") << QString(200, QChar(0x00E9)) << qsizetype(122);
        QTest::newRow("a then many e-acute") << QString(u'a' + QString(200, QChar(0x00E9))) << qsizetype(123);
        // € is 3 bytes: 41 of them are exactly 123.
        QTest::newRow("many euro signs") << QString(100, QChar(0x20AC)) << qsizetype(123);
        QTest::newRow("a then many euro signs")
            << QString(u'a' + QString(100, QChar(0x20AC))) << qsizetype(121);
        // The emoji is 4 bytes: 30 of them are 120.
        QTest::newRow("many emoji") << QStringLiteral("\U0001F600").repeated(60) << qsizetype(120);
        QTest::newRow("a then many emoji")
            << QString(u'a' + QStringLiteral("\U0001F600").repeated(60)) << qsizetype(121);
        QTest::newRow("aa then many emoji")
            << QString(QStringLiteral("aa") + QStringLiteral("\U0001F600").repeated(60)) << qsizetype(122);
        QTest::newRow("aaa then many emoji")
            << QString(QStringLiteral("aaa") + QStringLiteral("\U0001F600").repeated(60)) << qsizetype(123);
    }

    void closePayloadCutsALongReasonAtACharacterBoundary()
    {
        QFETCH(QString, reason);
        QFETCH(qsizetype, reasonBytes);
        const QByteArray payload = closePayload(CloseCode::Normal, reason);
        QCOMPARE(payload.first(2).toHex(' '), QByteArray("03 e8"));
        const QByteArray cut = payload.sliced(2);
        QVERIFY(cut.size() <= 123);
        QVERIFY(QByteArrayView(cut).isValidUtf8());
        QVERIFY(reason.toUtf8().startsWith(cut));
        QCOMPARE(cut.size(), reasonBytes);

        // The payload fits a control frame and reads back as the same code and reason.
        const Decoded decoded = decodeWhole(frame(Opcode::Close, payload));
        QVERIFY2(!decoded.violation.has_value(),
            qPrintable(decoded.violation ? decoded.violation->reason : QString()));
        QCOMPARE(decoded.messages.size(), 1);
        QCOMPARE(decoded.messages.first().closeCode, CloseCode::Normal);
        QCOMPARE(decoded.messages.first().closeReason, cut);
    }
};

QTEST_GUILESS_MAIN(TestWebSocketFrames)
#include "tst_websocketframes.moc"
