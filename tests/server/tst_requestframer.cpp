#include "server/http/requestframer.h"

#include <QTest>

using vw::server::http::ConnectionLimits;
using vw::server::http::FrameError;
using vw::server::http::FrameVerdict;
using vw::server::http::RequestFramer;
using vw::server::http::RouteClass;
using State = RequestFramer::State;

namespace {

// How a test stream is cut into feed() calls: the outcome must not depend on it.
enum class Split { Whole, ByteAtATime, SevenByteChunks };

struct Outcome
{
    int status = 0; // 0: accepted
    FrameVerdict verdict = FrameVerdict::Continue; // of the last feed
    qint64 completed = 0;
    State state = State::BetweenRequests;
};

ConnectionLimits smallLimits()
{
    ConnectionLimits limits;
    limits.maxHeaderBytes = 256;
    limits.jsonBodyBytes = 100;
    limits.attachmentBodyBytes = 1000;
    return limits;
}

Outcome run(const QByteArray &input, Split split, const ConnectionLimits &limits)
{
    RequestFramer framer(limits);
    Outcome outcome;
    const qsizetype step = split == Split::Whole ? qMax<qsizetype>(input.size(), 1)
        : split == Split::ByteAtATime            ? 1
                                                 : 7;
    for (qsizetype at = 0; at < input.size(); at += step) {
        const auto result = framer.feed(QByteArrayView(input).sliced(at, qMin(step, input.size() - at)));
        if (!result) {
            outcome.status = result.error().statusCode;
            break;
        }
        outcome.verdict = result.value();
    }
    outcome.completed = framer.requestsCompleted();
    outcome.state = framer.state();
    return outcome;
}

QByteArray headerOfSize(qsizetype size)
{
    QByteArray header("GET / HTTP/1.1\r\nX-Pad: ");
    const QByteArray end("\r\n\r\n");
    header.append(QByteArray(size - header.size() - end.size(), 'a'));
    header.append(end);
    return header;
}

} // namespace

// The incremental HTTP/1.1 request-stream framer behind the connection guard: framing,
// limits per route class, smuggling defences, Expect and Upgrade, fed whole, a byte at
// a time and in odd chunks.
class TestRequestFramer : public QObject
{
    Q_OBJECT
private slots:
    void frame_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("status");
        QTest::addColumn<FrameVerdict>("verdict");
        QTest::addColumn<qint64>("completed");
        QTest::addColumn<State>("state");

        const QByteArray get("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        static constexpr char nulInValue[] = "GET / HTTP/1.1\r\nX-A: a\0b\r\n\r\n";
        const QByteArray withNul(nulInValue, sizeof(nulInValue) - 1);
        const auto ok
            = [](const char *name, const QByteArray &input, qint64 completed,
                  State state = State::BetweenRequests, FrameVerdict verdict = FrameVerdict::Continue) {
                  QTest::newRow(name) << input << 0 << verdict << completed << state;
              };
        const auto refused = [](const char *name, const QByteArray &input, int status, qint64 completed = 0) {
            QTest::newRow(name) << input << status << FrameVerdict::Continue << completed << State::Rejected;
        };

        ok("simple GET", get, 1);
        ok("no header fields", "GET / HTTP/1.1\r\n\r\n", 1);
        ok("HTTP/1.0", "GET / HTTP/1.0\r\n\r\n", 1);
        ok("blank lines before request", "\r\n\r\nGET / HTTP/1.1\r\n\r\n", 1);
        ok("bare LF line endings", "GET / HTTP/1.1\nHost: x\n\n", 1);
        ok("three pipelined", get + get + get, 3);
        ok("header incomplete", "GET / HTTP/1.1\r\nHost: x\r\n", 0, State::InHeader);
        ok("request line incomplete", "GET /heal", 0, State::InHeader);
        ok("only blank lines", "\r\n\r\n", 0, State::BetweenRequests);
        ok("POST with body", "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", 1);
        ok("body incomplete", "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nhello", 0, State::InBody);
        ok("body then next request", "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello" + get, 2);
        ok("Content-Length 0", "POST /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 1);
        ok("Content-Length leading zeros", "POST /x HTTP/1.1\r\nContent-Length: 0003\r\n\r\nabc", 1);
        ok("case-insensitive field name", "POST /x HTTP/1.1\r\ncontent-LENGTH: 3\r\n\r\nabc", 1);
        ok("JSON body at limit", "POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + QByteArray(100, 'j'), 1);
        refused("JSON body over limit", "POST /x HTTP/1.1\r\nContent-Length: 101\r\n\r\n", 413);
        ok("attachment over JSON limit",
            "POST /messaging/conversations/c1/attachments HTTP/1.1\r\nContent-Length: 101\r\n\r\n", 0,
            State::InBody);
        ok("attachment at limit",
            "POST /messaging/conversations/c1/attachments HTTP/1.1\r\nContent-Length: 1000\r\n\r\n"
                + QByteArray(1000, 'a'),
            1);
        refused("attachment over limit",
            "POST /messaging/conversations/c1/attachments HTTP/1.1\r\nContent-Length: 1001\r\n\r\n", 413);
        refused("GET on attachment path is JSON",
            "GET /messaging/conversations/c1/attachments HTTP/1.1\r\nContent-Length: 101\r\n\r\n", 413);
        refused("huge Content-Length", "POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            413);
        refused("Content-Length with chunked",
            "POST /x HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nhello", 400);
        refused("chunked then Content-Length",
            "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello", 400);
        refused(
            "chunked", "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 411);
        refused("other transfer coding", "POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
        refused("duplicate Content-Length, same value",
            "POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400);
        refused("duplicate Content-Length, different values",
            "POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc", 400);
        refused("Content-Length list", "POST /x HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc", 400);
        refused("Content-Length not a number", "POST /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400);
        refused("Content-Length negative", "POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400);
        refused("Content-Length with sign", "POST /x HTTP/1.1\r\nContent-Length: +3\r\n\r\nabc", 400);
        refused("Content-Length hex", "POST /x HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n", 400);
        refused("Content-Length empty", "POST /x HTTP/1.1\r\nContent-Length:\r\n\r\n", 400);
        refused("Content-Length inner space", "POST /x HTTP/1.1\r\nContent-Length: 1 2\r\n\r\n", 400);
        ok("Expect 100-continue", "POST /x HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n", 0,
            State::InBody, FrameVerdict::NeedsContinue);
        ok("Expect 100-continue, body sent anyway",
            "POST /x HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-Continue\r\n\r\nhello", 1);
        ok("Expect 100-continue without body",
            "POST /x HTTP/1.1\r\nContent-Length: 0\r\nExpect: 100-continue\r\n\r\n", 1);
        refused("other expectation", "POST /x HTTP/1.1\r\nContent-Length: 5\r\nExpect: 200-ok\r\n\r\n", 417);
        ok("WebSocket upgrade",
            "GET /socket.io/ HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n\x81\x85 frame", 0,
            State::Upgraded, FrameVerdict::Upgraded);
        ok("WebSocket upgrade after a request",
            get + "GET /socket.io/ HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: WebSocket\r\n\r\n",
            1, State::Upgraded, FrameVerdict::Upgraded);
        ok("Upgrade without Connection: upgrade", "GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n", 1);
        refused("upgrade with a body",
            "GET / HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: websocket\r\nContent-Length: 4\r\n\r\nabcd",
            400);
        refused("garbage request line", "GARBAGE\r\n\r\n", 400);
        refused("missing version", "GET /\r\n\r\n", 400);
        refused("double space in request line", "GET  / HTTP/1.1\r\n\r\n", 400);
        refused("trailing token in request line", "GET / HTTP/1.1 x\r\n\r\n", 400);
        refused("lower-case version", "GET / http/1.1\r\n\r\n", 400);
        refused("HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", 505);
        refused("HTTP/0.9", "GET / HTTP/0.9\r\n\r\n", 505);
        refused("method not a token", "G(T / HTTP/1.1\r\n\r\n", 400);
        refused("control character in target", "GET /a\x01 HTTP/1.1\r\n\r\n", 400);
        refused("bare CR in request line", "GET /a\rb HTTP/1.1\r\n\r\n", 400);
        refused("space before colon", "GET / HTTP/1.1\r\nContent-Length : 5\r\n\r\nhello", 400);
        refused("obsolete line folding", "GET / HTTP/1.1\r\nX-A: a\r\n b\r\n\r\n", 400);
        refused("field without colon", "GET / HTTP/1.1\r\nX-A\r\n\r\n", 400);
        refused("empty field name", "GET / HTTP/1.1\r\n: x\r\n\r\n", 400);
        refused("bare CR in value", "GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n", 400);
        refused("NUL in value", withNul, 400);
        ok("header at cap", headerOfSize(256), 1);
        refused("header over cap", headerOfSize(257), 431);
        refused("header never ends", "GET / HTTP/1.1\r\nX-Pad: " + QByteArray(300, 'a'), 431);
        refused("blank lines count toward cap", QByteArray(300, '\n'), 431);
        refused("body longer than announced",
            "POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGARBAGE\r\n\r\n", 400, 1);
        refused("smuggled request after body",
            "POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
            "POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            400, 1);
        ok("absolute-form attachment target",
            "POST http://host:3000/messaging/conversations/c1/attachments?x=1 HTTP/1.1\r\n"
            "Content-Length: 500\r\n\r\n",
            0, State::InBody);
    }

    void frame()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, status);
        QFETCH(FrameVerdict, verdict);
        QFETCH(qint64, completed);
        QFETCH(State, state);
        for (const Split split : {Split::Whole, Split::ByteAtATime, Split::SevenByteChunks}) {
            const Outcome outcome = run(input, split, smallLimits());
            const QByteArray where = "split mode " + QByteArray::number(static_cast<int>(split));
            QVERIFY2(outcome.status == status,
                qPrintable(
                    QStringLiteral("%1: status %2").arg(QString::fromLatin1(where)).arg(outcome.status)));
            if (status == 0)
                QVERIFY2(outcome.verdict == verdict, where.constData());
            QVERIFY2(outcome.completed == completed, where.constData());
            QVERIFY2(outcome.state == state, where.constData());
        }
    }

    void classifyRoute_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<RouteClass>("expected");
        const auto attachment = RouteClass::Attachment;
        const auto json = RouteClass::Json;
        QTest::newRow("upload") << QByteArray("POST")
                                << QByteArray("/messaging/conversations/abc/attachments") << attachment;
        QTest::newRow("upload with query")
            << QByteArray("POST") << QByteArray("/messaging/conversations/abc/attachments?a=1") << attachment;
        QTest::newRow("absolute form")
            << QByteArray("POST") << QByteArray("HTTPS://h/messaging/conversations/abc/attachments")
            << attachment;
        QTest::newRow("GET") << QByteArray("GET") << QByteArray("/messaging/conversations/abc/attachments")
                             << json;
        QTest::newRow("lower-case method")
            << QByteArray("post") << QByteArray("/messaging/conversations/abc/attachments") << json;
        QTest::newRow("no id") << QByteArray("POST") << QByteArray("/messaging/conversations//attachments")
                               << json;
        QTest::newRow("two segments")
            << QByteArray("POST") << QByteArray("/messaging/conversations/a/b/attachments") << json;
        QTest::newRow("trailing slash")
            << QByteArray("POST") << QByteArray("/messaging/conversations/abc/attachments/") << json;
        QTest::newRow("messages") << QByteArray("POST") << QByteArray("/messaging/conversations/abc/messages")
                                  << json;
        QTest::newRow("prefix elsewhere")
            << QByteArray("POST") << QByteArray("/x/messaging/conversations/abc/attachments") << json;
        QTest::newRow("attachments in query")
            << QByteArray("POST") << QByteArray("/messaging/conversations/abc?/attachments") << json;
    }

    void classifyRoute()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(RouteClass, expected);
        QCOMPARE(RequestFramer::classifyRoute(method, target), expected);
    }

    void defaultLimits_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QByteArray upload("POST /messaging/conversations/c/attachments HTTP/1.1\r\nContent-Length: ");
        const QByteArray json("POST /messaging/conversations/c/messages HTTP/1.1\r\nContent-Length: ");
        QTest::newRow("JSON 1 MiB") << json + "1048576\r\n\r\n" << 0 << QString();
        QTest::newRow("JSON 1 MiB + 1") << json + "1048577\r\n\r\n"
                                        << 413 << QStringLiteral("Request body exceeds 1048576 bytes");
        QTest::newRow("upload 50 MiB") << upload + "52428800\r\n\r\n" << 0 << QString();
        QTest::newRow("upload 50 MiB + 1") << upload + "52428801\r\n\r\n"
                                           << 413 << QStringLiteral("Request body exceeds 52428800 bytes");
        QTest::newRow("header 16 KiB") << headerOfSize(16 * 1024) << 0 << QString();
        QTest::newRow("header 16 KiB + 1")
            << headerOfSize(16 * 1024 + 1) << 431 << QStringLiteral("Request header exceeds 16384 bytes");
    }

    void defaultLimits()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, status);
        QFETCH(QString, message);
        RequestFramer framer;
        const auto result = framer.feed(input);
        QCOMPARE(result.ok() ? 0 : result.error().statusCode, status);
        if (!result.ok())
            QCOMPARE(result.error().message, message);
    }

    void rejectionIsSticky()
    {
        RequestFramer framer(smallLimits());
        const auto first = framer.feed("POST /x HTTP/1.1\r\nContent-Length: 5000\r\n\r\n");
        QVERIFY(!first.ok());
        QCOMPARE(first.error().error, FrameError::BodyTooLarge);
        QCOMPARE(first.error().message, QStringLiteral("Request body exceeds 100 bytes"));
        const auto again = framer.feed("GET / HTTP/1.1\r\n\r\n");
        QVERIFY(!again.ok());
        QCOMPARE(again.error().error, FrameError::BodyTooLarge);
        QCOMPARE(framer.requestsCompleted(), 0);
    }

    void offsetsFollowPipelinedRequests()
    {
        const QByteArray first("POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
        const QByteArray second("GET / HTTP/1.1\r\n\r\n");
        RequestFramer framer(smallLimits());
        const QByteArray stream = first + second + "\r\nBAD LINE\r\n\r\n";
        QVERIFY(!framer.feed(stream).ok());
        QCOMPARE(framer.requestsCompleted(), 2);
        // The refused request starts after both good ones (its blank line included), so
        // the guard can let QtHttpServer answer them first.
        QCOMPARE(framer.currentRequestStart(), first.size() + second.size());
        QCOMPARE(framer.bytesFed(), first.size() + second.size() + 14);
    }

    void upgradeStopsFraming()
    {
        RequestFramer framer(smallLimits());
        const auto upgraded
            = framer.feed("GET /ws HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n");
        QVERIFY(upgraded.ok());
        QCOMPARE(upgraded.value(), FrameVerdict::Upgraded);
        // WebSocket frames are not HTTP: nothing after the upgrade is judged.
        const auto frames = framer.feed(QByteArray(5000, '\xff'));
        QVERIFY(frames.ok());
        QCOMPARE(frames.value(), FrameVerdict::Upgraded);
        QCOMPARE(framer.state(), State::Upgraded);
    }

    void awaitingContinueEndsWithFirstBodyByte()
    {
        RequestFramer framer(smallLimits());
        QVERIFY(!framer.awaitingContinue());
        const auto header
            = framer.feed("PUT /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        QVERIFY(header.ok());
        QCOMPARE(header.value(), FrameVerdict::NeedsContinue);
        QVERIFY(framer.awaitingContinue());
        QCOMPARE(framer.feed("a").value(), FrameVerdict::Continue);
        QVERIFY(!framer.awaitingContinue());
        QVERIFY(framer.feed("b").ok());
        QCOMPARE(framer.requestsCompleted(), 1);
        QCOMPARE(framer.state(), State::BetweenRequests);
    }

    void headersCountedAsTheyComplete()
    {
        RequestFramer framer(smallLimits());
        QVERIFY(framer.feed("POST /x HTTP/1.1\r\nContent-Length: 4\r\n\r\nab").ok());
        QCOMPARE(framer.headersCompleted(), 1);
        QCOMPARE(framer.requestsCompleted(), 0);
        QVERIFY(framer.feed("cdGET / HT").ok());
        QCOMPARE(framer.requestsCompleted(), 1);
        QCOMPARE(framer.state(), State::InHeader);
        QCOMPARE(framer.currentRequestStart(), 43);
    }

    void errorsHaveStatusAndText_data()
    {
        QTest::addColumn<FrameError>("error");
        QTest::addColumn<int>("status");
        QTest::newRow("request line") << FrameError::MalformedRequestLine << 400;
        QTest::newRow("field") << FrameError::MalformedHeaderField << 400;
        QTest::newRow("version") << FrameError::UnsupportedHttpVersion << 505;
        QTest::newRow("header size") << FrameError::HeaderTooLarge << 431;
        QTest::newRow("body size") << FrameError::BodyTooLarge << 413;
        QTest::newRow("invalid length") << FrameError::InvalidContentLength << 400;
        QTest::newRow("duplicate length") << FrameError::DuplicateContentLength << 400;
        QTest::newRow("length + TE") << FrameError::LengthWithTransferEncoding << 400;
        QTest::newRow("chunked") << FrameError::ChunkedBodyNotSupported << 411;
        QTest::newRow("other TE") << FrameError::UnsupportedTransferEncoding << 501;
        QTest::newRow("expect") << FrameError::UnsupportedExpectation << 417;
        QTest::newRow("upgrade body") << FrameError::UpgradeWithBody << 400;
    }

    void errorsHaveStatusAndText()
    {
        QFETCH(FrameError, error);
        QFETCH(int, status);
        QCOMPARE(vw::server::http::frameErrorStatus(error), status);
        QVERIFY(!vw::server::http::frameErrorString(error).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
