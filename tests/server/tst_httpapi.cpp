#include "server/http/authenticator.h"
#include "server/http/httpapi.h"
#include "server/metrics/metrics.h"
#include "tests/support/httptestclient.h"

#include <QHttpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace vw::server;
using namespace vw::server::http;

namespace {

// Accepts exactly one token. The real authenticator (JWT + sessions) has its own tests;
// this one only lets the pipeline's 401/403 branches be driven.
class OneTokenAuthenticator final : public Authenticator
{
public:
    vw::Result<Principal, ServiceError> authenticate(QByteArrayView token) override
    {
        if (token == "provider-token")
            return Principal {QUuid::createUuid(), vw::model::UserRole::Provider, QUuid::createUuid()};
        if (token == "admin-token")
            return Principal {QUuid::createUuid(), vw::model::UserRole::Admin, QUuid::createUuid()};
        return ServiceError::unauthorized();
    }
};

} // namespace

// The single response path, over a real QHttpServer on a loopback port: routing, access
// levels, the NestJS error shape, security headers, metrics, and handler failures.
class TestHttpApi : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_api = std::make_unique<HttpApi>(m_authenticator, m_metrics);
        m_api->router().add("GET", QStringLiteral("/open"), Access::Public, [](const RequestContext &) {
            return HttpResponse::json(200, QJsonObject {{QStringLiteral("a"), 1}});
        });
        m_api->router().add(
            "GET", QStringLiteral("/mine"), Access::Authenticated, [](const RequestContext &context) {
                return HttpResponse::json(
                    200, QJsonObject {{QStringLiteral("role"), vw::model::toWire(context.caller().role)}});
            });
        m_api->router().add("GET", QStringLiteral("/admin-only"), Access::Admin,
            [](const RequestContext &) { return HttpResponse::noContent(); });
        m_api->router().add(
            "POST", QStringLiteral("/echo/:id"), Access::Public, [](const RequestContext &context) {
                const auto id = context.uuidParam(QStringLiteral("id"));
                if (!id)
                    return HttpResponse::error(id.error());
                const auto body = context.jsonBody();
                if (!body)
                    return HttpResponse::error(body.error());
                return HttpResponse::json(201, body.value());
            });
        m_api->router().add("GET", QStringLiteral("/throws"), Access::Public,
            [](const RequestContext &) -> HttpResponse { throw std::runtime_error("secret detail"); });
        m_api->router().add("GET", QStringLiteral("/limited"), Access::Public, [](const RequestContext &) {
            return HttpResponse::error(ServiceError::tooManyRequests(QStringLiteral("Slow down"), 7));
        });
        // Answers 50 ms later, as a send answered from the group-commit writer's completion does.
        m_api->router().addDeferred(
            "GET", QStringLiteral("/later"), Access::Public, [this](const RequestContext &, Respond respond) {
                QTimer::singleShot(50, [this, respond] {
                    ++m_deferredAnswered;
                    respond(HttpResponse::json(200, QJsonObject {{QStringLiteral("later"), true}}));
                });
            });
        m_api->install(m_http);
        const quint16 port = m_http.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port != 0);
        m_port = port;
        m_client = std::make_unique<vw::test::HttpTestClient>(
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    }

    void deferredRouteAnswersLaterWithTheSameHeaders()
    {
        const auto reply = m_client->get(QStringLiteral("/later"));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().value(QStringLiteral("later")).toBool());
        QCOMPARE(reply.header("X-Frame-Options"), QByteArray("DENY"));
    }

    void aClientThatHangsUpBeforeADeferredAnswerHarmsNothing()
    {
        const int answeredBefore = m_deferredAnswered;
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(socket.waitForConnected(3000));
            socket.write("GET /later HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            QVERIFY(socket.waitForBytesWritten(3000));
            QTest::qWait(10); // the server has the request; then the client is gone
            socket.abort();
        }
        QTRY_COMPARE(m_deferredAnswered, answeredBefore + 1);
        QCOMPARE(m_client->get(QStringLiteral("/open")).status, 200);
    }

    void publicRouteWithSecurityHeaders()
    {
        const auto reply = m_client->get(QStringLiteral("/open"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("a")).toInt(), 1);
        QCOMPARE(reply.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(reply.header("X-Frame-Options"), QByteArray("DENY"));
        QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
        QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    }

    void unknownRouteAndWrongMethod()
    {
        auto reply = m_client->get(QStringLiteral("/nothing/here"));
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json().value(QStringLiteral("message")).toString(),
            QStringLiteral("Cannot GET /nothing/here"));
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("Not Found"));
        QCOMPARE(reply.header("X-Content-Type-Options"), QByteArray("nosniff"));

        reply = m_client->send("DELETE", QStringLiteral("/open"));
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json().value(QStringLiteral("statusCode")).toInt(), 404);
    }

    void authenticationAndRoles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("token");
        QTest::addColumn<int>("status");
        QTest::newRow("no token") << QStringLiteral("/mine") << QString() << 401;
        QTest::newRow("bad token") << QStringLiteral("/mine") << QStringLiteral("forged") << 401;
        QTest::newRow("good token") << QStringLiteral("/mine") << QStringLiteral("provider-token") << 200;
        QTest::newRow("admin route as provider")
            << QStringLiteral("/admin-only") << QStringLiteral("provider-token") << 403;
        QTest::newRow("admin route as admin")
            << QStringLiteral("/admin-only") << QStringLiteral("admin-token") << 204;
        QTest::newRow("admin route anonymous") << QStringLiteral("/admin-only") << QString() << 401;
    }

    void authenticationAndRoles()
    {
        QFETCH(QString, path);
        QFETCH(QString, token);
        QFETCH(int, status);
        m_client->setBearer(token);
        const auto reply = m_client->get(path);
        m_client->setBearer({});
        QCOMPARE(reply.status, status);
        if (status >= 400)
            QCOMPARE(reply.json().value(QStringLiteral("statusCode")).toInt(), status);
    }

    void badInputIsA400NamingTheProblem_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        const QString good = QStringLiteral("/echo/0b5f4c3e-8d1a-4a5e-9f3b-2c1d0e9f8a7b");
        QTest::newRow("id not a uuid")
            << QStringLiteral("/echo/42") << QByteArray("{}") << QStringLiteral("id");
        QTest::newRow("broken json") << good << QByteArray("{\"a\":") << QString();
        QTest::newRow("json array") << good << QByteArray("[1,2]") << QString();
    }

    void badInputIsA400NamingTheProblem()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        const auto reply = m_client->send("POST", path, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("Bad Request"));
        QVERIFY(reply.json().value(QStringLiteral("message")).toString().contains(mentions));
    }

    void handlerExceptionIsAGeneric500()
    {
        const auto reply = m_client->get(QStringLiteral("/throws"));
        QCOMPARE(reply.status, 500);
        QVERIFY(!reply.body.contains("secret detail"));
        QCOMPARE(reply.json().value(QStringLiteral("statusCode")).toInt(), 500);
    }

    void rateLimitCarriesRetryAfter()
    {
        const auto reply = m_client->get(QStringLiteral("/limited"));
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.header("Retry-After"), QByteArray("7"));
    }

    void metricsCountByRoutePattern()
    {
        const QByteArray before = m_metrics.renderPrometheus();
        QCOMPARE(
            m_client->send("POST", QStringLiteral("/echo/0b5f4c3e-8d1a-4a5e-9f3b-2c1d0e9f8a7b"), "{\"x\":1}")
                .status,
            201);
        const QByteArray text = m_metrics.renderPrometheus();
        QVERIFY(text.contains(
            "vytalwatch_http_requests_total{method=\"POST\",route=\"/echo/:id\",status=\"201\"} 1"));
        QVERIFY(!text.contains("0b5f4c3e")); // ids never become labels
        QVERIFY(text.contains("vytalwatch_http_request_duration_seconds_count"));
        QVERIFY(before != text);
    }

private:
    quint16 m_port = 0;
    int m_deferredAnswered = 0;
    OneTokenAuthenticator m_authenticator;
    vw::server::metrics::Metrics m_metrics;
    QHttpServer m_http;
    std::unique_ptr<HttpApi> m_api;
    std::unique_ptr<vw::test::HttpTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestHttpApi)
#include "tst_httpapi.moc"
