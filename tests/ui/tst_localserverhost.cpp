#include "app/chat/localserverhost.h"
#include "tests/support/httptestclient.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using vw::chat::LocalServerHost;

// The clinic server hosted in the app: it serves on loopback, the demo clinic's accounts can
// sign in, and a second start is refused.
class TestLocalServerHost : public QObject
{
    Q_OBJECT
private slots:
    void hostsTheRealServerWithTheDemoClinic()
    {
        QTemporaryDir dataDir;
        LocalServerHost host;
        QVERIFY(!host.isRunning());
        const auto started = host.start(0, dataDir.path(), true);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error()));
        QVERIFY(host.isRunning());
        QCOMPARE(host.url().host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(host.seededAccounts().size(), 3);

        vw::test::HttpTestClient client(host.url());
        QCOMPARE(client.get(QStringLiteral("/healthz")).status, 200);
        const auto login = client.post(QStringLiteral("/auth/login"),
            QJsonObject {{QStringLiteral("username"), QStringLiteral("dr.house")},
                {QStringLiteral("password"), QStringLiteral("demo-clinic-2026")}});
        QCOMPARE(login.status, 200);

        QVERIFY(!host.start(0, dataDir.path(), false).ok()); // one server per app
    }
};

QTEST_MAIN(TestLocalServerHost)
#include "tst_localserverhost.moc"
