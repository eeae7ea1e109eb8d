#include "common/model/apierror.h"

#include <QJsonDocument>
#include <QTest>

#include "tests/support/modeltestdata.h"

using namespace vw::model;

using vw::test::kTimeReason;
using vw::test::parseJson;
using vw::test::utc;
using vw::test::uuid;

namespace { } // namespace

// Checks the NestJS error body: reason phrases, encoding, and decoding of both message forms
// NestJS sends (a string, or an array from validation pipes).
class TestApiError : public QObject
{
    Q_OBJECT
private slots:
    void reasonPhrase_data()
    {
        QTest::addColumn<int>("statusCode");
        QTest::addColumn<QString>("phrase");
        QTest::newRow("400") << 400 << QStringLiteral("Bad Request");
        QTest::newRow("401") << 401 << QStringLiteral("Unauthorized");
        QTest::newRow("403") << 403 << QStringLiteral("Forbidden");
        QTest::newRow("404") << 404 << QStringLiteral("Not Found");
        QTest::newRow("405") << 405 << QStringLiteral("Method Not Allowed");
        QTest::newRow("408") << 408 << QStringLiteral("Request Timeout");
        QTest::newRow("409") << 409 << QStringLiteral("Conflict");
        QTest::newRow("413") << 413 << QStringLiteral("Payload Too Large");
        QTest::newRow("415") << 415 << QStringLiteral("Unsupported Media Type");
        QTest::newRow("422") << 422 << QStringLiteral("Unprocessable Entity");
        QTest::newRow("429") << 429 << QStringLiteral("Too Many Requests");
        QTest::newRow("431") << 431 << QStringLiteral("Request Header Fields Too Large");
        QTest::newRow("500") << 500 << QStringLiteral("Internal Server Error");
        QTest::newRow("503") << 503 << QStringLiteral("Service Unavailable");
        QTest::newRow("unknown 418") << 418 << QStringLiteral("Error");
        QTest::newRow("nonsense -1") << -1 << QStringLiteral("Error");
    }

    void reasonPhrase()
    {
        QFETCH(int, statusCode);
        QFETCH(QString, phrase);
        QCOMPARE(ApiError::reasonPhrase(statusCode), phrase);
    }

    void encode()
    {
        const ApiError error = ApiError::fromStatus(404, QStringLiteral("Conversation not found"));
        QCOMPARE(error.toJson(),
            parseJson(R"({"statusCode": 404, "message": "Conversation not found", "error": "Not Found"})"));
        const ApiError tooMany = ApiError::fromStatus(429, QStringLiteral("Slow down"));
        QCOMPARE(tooMany.toJson(),
            parseJson(R"({"statusCode": 429, "message": "Slow down", "error": "Too Many Requests"})"));
    }

    void decode_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("statusCode");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("error");
        QTest::newRow("string message")
            << QByteArray(R"({"statusCode": 404, "message": "Conversation not found",
            "error": "Not Found"})")
            << 404 << QStringLiteral("Conversation not found") << QStringLiteral("Not Found");
        QTest::newRow("array message")
            << QByteArray(R"({"statusCode": 400,
            "message": ["content must be a string", "priority must be one of: normal, urgent"], "error": "Bad Request"})")
            << 400 << QStringLiteral("content must be a string; priority must be one of: normal, urgent")
            << QStringLiteral("Bad Request");
        QTest::newRow("one-element array")
            << QByteArray(R"({"statusCode": 400, "message": ["x"], "error": "Bad Request"})") << 400
            << QStringLiteral("x") << QStringLiteral("Bad Request");
        QTest::newRow("empty array") << QByteArray(
            R"({"statusCode": 400, "message": [], "error": "Bad Request"})")
                                     << 400 << QString() << QStringLiteral("Bad Request");
        QTest::newRow("nest default 500 without error")
            << QByteArray(R"({"statusCode": 500, "message": "Internal server error"})") << 500
            << QStringLiteral("Internal server error") << QStringLiteral("Internal Server Error");
        QTest::newRow("extra keys ignored")
            << QByteArray(
                   R"({"statusCode": 413, "message": "Too big", "error": "Payload Too Large", "path": "/x"})")
            << 413 << QStringLiteral("Too big") << QStringLiteral("Payload Too Large");
    }

    void decode()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, statusCode);
        QFETCH(QString, message);
        QFETCH(QString, error);
        const auto decoded = ApiError::fromJson(parseJson(body));
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message()));
        QCOMPARE(decoded->statusCode, statusCode);
        QCOMPARE(decoded->message, message);
        QCOMPARE(decoded->error, error);
    }

    void roundTrip()
    {
        const ApiError error = ApiError::fromStatus(422, QStringLiteral("Virus found in upload"));
        const auto decoded = ApiError::fromJson(error.toJson());
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value(), error);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray("{}") << QStringLiteral("statusCode")
                               << QStringLiteral("is required");
        QTest::newRow("status string")
            << QByteArray(R"({"statusCode": "404", "message": "x"})") << QStringLiteral("statusCode")
            << QStringLiteral("expected an integer between 100 and 599");
        QTest::newRow("status out of range")
            << QByteArray(R"({"statusCode": 99999, "message": "x"})") << QStringLiteral("statusCode")
            << QStringLiteral("expected an integer between 100 and 599");
        QTest::newRow("status fraction")
            << QByteArray(R"({"statusCode": 404.5, "message": "x"})") << QStringLiteral("statusCode")
            << QStringLiteral("expected an integer between 100 and 599");
        QTest::newRow("message missing") << QByteArray(R"({"statusCode": 404})") << QStringLiteral("message")
                                         << QStringLiteral("is required");
        QTest::newRow("message number")
            << QByteArray(R"({"statusCode": 404, "message": 5})") << QStringLiteral("message")
            << QStringLiteral("expected a string or an array of strings");
        QTest::newRow("message null")
            << QByteArray(R"({"statusCode": 404, "message": null})") << QStringLiteral("message")
            << QStringLiteral("expected a string or an array of strings");
        QTest::newRow("message array element")
            << QByteArray(R"({"statusCode": 400, "message": ["a", 2]})") << QStringLiteral("message[1]")
            << QStringLiteral("expected a string");
        QTest::newRow("error number") << QByteArray(R"({"statusCode": 400, "message": "a", "error": 400})")
                                      << QStringLiteral("error") << QStringLiteral("expected a string");
    }

    void badInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        const auto decoded = ApiError::fromJson(parseJson(body));
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().field, field);
        QCOMPARE(decoded.error().reason, reason);
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
