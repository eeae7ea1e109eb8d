#include "server/http/websocketupgrade.h"

#include <QTest>

using vw::server::http::parseWebSocketUpgrade;
using vw::server::http::webSocketAcceptKey;

namespace {

// The RFC 6455 1.3 sample handshake key and its accept value.
constexpr char kSampleKey[] = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr char kSampleAccept[] = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

const QByteArray kRequestLine("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n");

// A well-formed upgrade request's header block with `fields` between the request line and
// the blank line.
QByteArray block(const QByteArray &requestLine, const QByteArray &fields)
{
    return requestLine + fields + "\r\n";
}

QByteArray standardFields()
{
    return QByteArray("Host: x\r\n"
                      "Upgrade: websocket\r\n"
                      "Connection: Upgrade\r\n"
                      "Sec-WebSocket-Key: ")
        + kSampleKey
        + "\r\n"
          "Sec-WebSocket-Version: 13\r\n"
          "User-Agent: ua/1\r\n";
}

} // namespace

// The WebSocket opening handshake (RFC 6455 4.2): the accept key, the header block the
// server upgrades on, the 101 reply, and the refusals with their HTTP status.
class TestWebSocketUpgrade : public QObject
{
    Q_OBJECT
private slots:
    void acceptKeyIsBase64OfSha1OfKeyAndGuid_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("accept");
        QTest::newRow("RFC 6455 sample") << QByteArray(kSampleKey) << QByteArray(kSampleAccept);
        QTest::newRow("second known pair")
            << QByteArray("x3JJHMbDL1EzLkh9GBhXDw==") << QByteArray("HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
    }

    void acceptKeyIsBase64OfSha1OfKeyAndGuid()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, accept);
        QCOMPARE(webSocketAcceptKey(key), accept);
    }

    void wellFormedUpgradeIsAccepted_data()
    {
        QTest::addColumn<QByteArray>("headerBlock");
        QTest::newRow("RFC field names") << block(kRequestLine, standardFields());
        QTest::newRow("lower-case field names") << block(kRequestLine,
            QByteArray("host: x\r\nupgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-key: ")
                + kSampleKey + "\r\nsec-websocket-version: 13\r\nuser-agent: ua/1\r\n");
        QTest::newRow("upper-case field names") << block(kRequestLine,
            QByteArray("HOST: x\r\nUPGRADE: websocket\r\nCONNECTION: Upgrade\r\nSEC-WEBSOCKET-KEY: ")
                + kSampleKey + "\r\nSEC-WEBSOCKET-VERSION: 13\r\nUSER-AGENT: ua/1\r\n");
        QTest::newRow("mixed-case field names") << block(kRequestLine,
            QByteArray("hOsT: x\r\nUpGrAdE: websocket\r\nConnection: Upgrade\r\nSec-Websocket-Key: ")
                + kSampleKey + "\r\nsec-WebSocket-VERSION: 13\r\nUser-agent: ua/1\r\n");
        QTest::newRow("spaces around values") << block(kRequestLine,
            QByteArray("Host:   x  \r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key:   ")
                + kSampleKey + "   \r\nSec-WebSocket-Version:13\r\nUser-Agent:  ua/1 \r\n");
        QTest::newRow("fields in another order") << block(kRequestLine,
            QByteArray("User-Agent: ua/1\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ") + kSampleKey
                + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nHost: x\r\n");
    }

    void wellFormedUpgradeIsAccepted()
    {
        QFETCH(QByteArray, headerBlock);
        const auto result = parseWebSocketUpgrade(headerBlock);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QCOMPARE(result->target, QByteArray("/socket.io/?EIO=4&transport=websocket"));
        QCOMPARE(result->userAgent, QByteArray("ua/1"));
        QCOMPARE(result->acceptKey, QByteArray(kSampleAccept));
    }

    void userAgentIsOptional()
    {
        const auto result = parseWebSocketUpgrade(block(kRequestLine,
            QByteArray("Host: x\r\nSec-WebSocket-Key: ") + kSampleKey + "\r\nSec-WebSocket-Version: 13\r\n"));
        QVERIFY(result.ok());
        QCOMPARE(result->userAgent, QByteArray());
        QCOMPARE(result->acceptKey, QByteArray(kSampleAccept));
    }

    void switchingProtocolsReplyCarriesTheAcceptKey()
    {
        const auto result = parseWebSocketUpgrade(block(kRequestLine, standardFields()));
        QVERIFY(result.ok());
        QCOMPARE(result->switchingProtocolsReply(),
            QByteArray("HTTP/1.1 101 Switching Protocols\r\n"
                       "Upgrade: websocket\r\n"
                       "Connection: Upgrade\r\n"
                       "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                       "\r\n"));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("headerBlock");
        QTest::addColumn<int>("statusCode");

        const QByteArray host("Host: x\r\n");
        const QByteArray key = QByteArray("Sec-WebSocket-Key: ") + kSampleKey + "\r\n";
        const QByteArray version("Sec-WebSocket-Version: 13\r\n");
        const auto withKey = [&](const QByteArray &keyValue) {
            return block(kRequestLine, host + "Sec-WebSocket-Key: " + keyValue + "\r\n" + version);
        };

        QTest::newRow("POST") << block("POST /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n",
            standardFields()) << 400;
        QTest::newRow("lower-case get") << block("get /socket.io/ HTTP/1.1\r\n", standardFields()) << 400;
        QTest::newRow("HTTP/1.0") << block("GET /socket.io/?EIO=4&transport=websocket HTTP/1.0\r\n",
            standardFields()) << 400;
        QTest::newRow("HTTP/2.0") << block("GET /socket.io/ HTTP/2.0\r\n", standardFields()) << 400;
        QTest::newRow("request line without version")
            << block("GET /socket.io/\r\n", standardFields()) << 400;
        QTest::newRow("request line one word") << block("GET\r\n", standardFields()) << 400;
        QTest::newRow("no line end at all") << QByteArray("GET / HTTP/1.1") << 400;
        QTest::newRow("no Host") << block(kRequestLine, key + version) << 400;
        QTest::newRow("empty Host") << block(kRequestLine, "Host:\r\n" + key + version) << 400;
        QTest::newRow("no key") << block(kRequestLine, host + version) << 400;
        QTest::newRow("two keys") << block(kRequestLine, host + key + key + version) << 400;
        QTest::newRow("two different keys")
            << block(kRequestLine, host + key + "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n" + version)
            << 400;
        QTest::newRow("empty key") << withKey("") << 400;
        QTest::newRow("key not base64") << withKey("not base64 at all!!") << 400;
        QTest::newRow("key with a bad character") << withKey("dGhlIHNhbXBsZSBub25jZQ=!") << 400;
        QTest::newRow("key decoding to 15 bytes") << withKey(QByteArray(15, 'k').toBase64()) << 400;
        QTest::newRow("key decoding to 17 bytes") << withKey(QByteArray(17, 'k').toBase64()) << 400;
        QTest::newRow("key decoding to 32 bytes") << withKey(QByteArray(32, 'k').toBase64()) << 400;
        QTest::newRow("version 8") << block(kRequestLine, host + key + "Sec-WebSocket-Version: 8\r\n") << 426;
        QTest::newRow("version 12") << block(kRequestLine, host + key + "Sec-WebSocket-Version: 12\r\n")
                                    << 426;
        QTest::newRow("version 14") << block(kRequestLine, host + key + "Sec-WebSocket-Version: 14\r\n")
                                    << 426;
        QTest::newRow("version empty")
            << block(kRequestLine, host + key + "Sec-WebSocket-Version:\r\n") << 426;
        QTest::newRow("version missing") << block(kRequestLine, host + key) << 426;
    }

    void refusals()
    {
        QFETCH(QByteArray, headerBlock);
        QFETCH(int, statusCode);
        const auto result = parseWebSocketUpgrade(headerBlock);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().statusCode, statusCode);
        QVERIFY(!result.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWebSocketUpgrade)
#include "tst_websocketupgrade.moc"
