#include "server/server.h"
#include "tests/support/httptestclient.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Starts the real server on a loopback port and talks HTTP to it.
class TestServer : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        QVERIFY(m_dataDir.isValid());
        vw::server::ServerOptions options;
        options.dataDir = m_dataDir.path();
        options.port = 0;
        m_server = std::make_unique<vw::server::Server>(options);
        const auto started = m_server->start();
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QVERIFY(m_server->port() != 0);
        m_client = std::make_unique<vw::test::HttpTestClient>(
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())));
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void healthz()
    {
        const auto reply = m_client->get(QStringLiteral("/healthz"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    }

    void unknownRouteGetsNestJsError()
    {
        const auto reply = m_client->get(QStringLiteral("/no/such/route"));
        QCOMPARE(reply.status, 404);
        QVERIFY(reply.header("Content-Type").startsWith("application/json"));
        const QJsonObject body = reply.json();
        QCOMPARE(body.value(QStringLiteral("statusCode")).toInt(), 404);
        QCOMPARE(body.value(QStringLiteral("error")).toString(), QStringLiteral("Not Found"));
        QCOMPARE(
            body.value(QStringLiteral("message")).toString(), QStringLiteral("Cannot GET /no/such/route"));
    }

    void portInUseIsAnError()
    {
        vw::server::ServerOptions options;
        options.dataDir = m_dataDir.path();
        options.port = m_server->port();
        vw::server::Server second(options);
        const auto started = second.start();
        QVERIFY(!started.ok());
        QVERIFY(started.error().contains(QString::number(options.port)));
    }

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<vw::server::Server> m_server;
    std::unique_ptr<vw::test::HttpTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
