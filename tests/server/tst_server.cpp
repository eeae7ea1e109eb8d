#include "server/auth/authmodule.h"
#include "server/auth/useradministration.h"
#include "server/server.h"
#include "tests/support/httptestclient.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>
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

    void metricsCountGuardRejections()
    {
        QVERIFY(signInAsAdmin(QStringLiteral("ops")));

        // A header over the 16 KiB cap is refused by the guard before QtHttpServer sees it.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(20 * 1024, 'a') + "\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(
            socket.state() == QAbstractSocket::UnconnectedState || socket.bytesAvailable() > 0, 5000);

        const auto metrics = m_client->get(QStringLiteral("/metrics"));
        QCOMPARE(metrics.status, 200);
        QVERIFY2(metrics.body.contains("vytalwatch_http_rejected_header_too_large_total 1"),
            metrics.body.constData());
        QVERIFY(metrics.body.contains("vytalwatch_http_open_connections "));
        QVERIFY(metrics.body.contains("vytalwatch_http_parked_connections "));
        QVERIFY(metrics.body.contains("vytalwatch_tls_handshake_failures_total 0"));
    }

    void metricsShowWhereTheWritersTimeGoes()
    {
        // The login's session row went through the group-commit writer.
        QVERIFY(signInAsAdmin(QStringLiteral("ops2")));
        // The write is counted on the writer's thread just after its completion is handed over.
        QTRY_VERIFY(
            countOf(m_client->get(QStringLiteral("/metrics")).body, "vytalwatch_store_write_duration_seconds")
            >= 1);
        const auto metrics = m_client->get(QStringLiteral("/metrics"));
        QCOMPARE(metrics.status, 200);
        for (const char *histogram : {"vytalwatch_store_commit_duration_seconds",
                 "vytalwatch_store_batch_writes", "vytalwatch_store_write_duration_seconds"}) {
            QVERIFY2(metrics.body.contains(QByteArray("# TYPE " + QByteArray(histogram) + " histogram\n")),
                histogram);
            QVERIFY2(countOf(metrics.body, histogram) >= 1, histogram);
        }
        QVERIFY(metrics.body.contains("# TYPE vytalwatch_store_batches_total counter\n"));
        QVERIFY(metrics.body.contains("# TYPE vytalwatch_http_open_connections gauge\n"));
    }

    void backgroundThreadsAreNamed()
    {
        // What `top -H` and perf show: the writer stalling on fsync is told from the rest.
        QStringList names;
        const QDir tasks(QStringLiteral("/proc/self/task"));
        for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
            if (comm.open(QIODevice::ReadOnly))
                names << QString::fromUtf8(comm.readAll().trimmed());
        }
        for (const QString &expected :
            {QStringLiteral("vw-writer"), QStringLiteral("vw-checkpoint"), QStringLiteral("vw-search-index")})
            QVERIFY2(names.contains(expected), qPrintable(names.join(u',')));
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

    void scannerOptionsAreCheckedAtStart_data()
    {
        QTest::addColumn<QString>("clamd");
        QTest::addColumn<bool>("requireScan");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("require-scan without clamd")
            << QString() << true << QStringLiteral("--require-scan needs --clamd");
        QTest::newRow("relative socket path")
            << QStringLiteral("unix:clamd.ctl") << false << QStringLiteral("--clamd");
        QTest::newRow("no port") << QStringLiteral("tcp:localhost") << false << QStringLiteral("--clamd");
        QTest::newRow("unknown scheme")
            << QStringLiteral("http://clamd") << false << QStringLiteral("--clamd");
    }

    void scannerOptionsAreCheckedAtStart()
    {
        QFETCH(QString, clamd);
        QFETCH(bool, requireScan);
        QFETCH(QString, mentions);
        QTemporaryDir dataDir;
        vw::server::ServerOptions options;
        options.dataDir = dataDir.path();
        options.port = 0;
        options.clamd = clamd;
        options.requireScan = requireScan;
        vw::server::Server server(options);
        const auto started = server.start();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().contains(mentions), qPrintable(started.error()));
        // Refused before the store was touched.
        QVERIFY(QDir(dataDir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    }

private:
    // The tests share one data dir: each signs in as an admin of its own.
    bool signInAsAdmin(const QString &username)
    {
        const auto admin = m_server->auth()->userAdministration().createUser(username, QStringLiteral("Ops"),
            vw::model::UserRole::Admin, QStringLiteral("metrics test passphrase"));
        if (!admin.ok())
            return false;
        const auto login = m_client->post(QStringLiteral("/auth/login"),
            QJsonObject {{QStringLiteral("username"), username},
                {QStringLiteral("password"), QStringLiteral("metrics test passphrase")}});
        if (login.status != 200)
            return false;
        m_client->setBearer(login.json().value(QStringLiteral("accessToken")).toString());
        return true;
    }

    // The value of `<histogram>_count` in a /metrics body (-1 when missing).
    static double countOf(const QByteArray &body, const QByteArray &histogram)
    {
        const QByteArray prefix = histogram + "_count ";
        for (const QByteArray &line : body.split('\n')) {
            if (line.startsWith(prefix))
                return line.mid(prefix.size()).toDouble();
        }
        return -1;
    }

    QTemporaryDir m_dataDir;
    std::unique_ptr<vw::server::Server> m_server;
    std::unique_ptr<vw::test::HttpTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
