#include "app/client/serverendpoint.h"

#include <QTest>

using vw::client::ServerEndpoint;

// What the sign-in dialog accepts as a server address, and when it warns about plain http.
class TestServerEndpoint : public QObject
{
    Q_OBJECT
private slots:
    void accepted_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<bool>("insecureRemote");
        QTest::newRow("bare host") << QStringLiteral("clinic.example")
                                   << QStringLiteral("http://clinic.example:3000") << true;
        QTest::newRow("host and port")
            << QStringLiteral("127.0.0.1:4000") << QStringLiteral("http://127.0.0.1:4000") << false;
        QTest::newRow("localhost") << QStringLiteral("http://localhost")
                                   << QStringLiteral("http://localhost:3000") << false;
        QTest::newRow("https default port") << QStringLiteral("https://clinic.example")
                                            << QStringLiteral("https://clinic.example:443") << false;
        QTest::newRow("ipv6 loopback")
            << QStringLiteral("http://[::1]:3000") << QStringLiteral("http://[::1]:3000") << false;
        QTest::newRow("spaces and trailing slash")
            << QStringLiteral("  http://10.0.0.5:3000/ ") << QStringLiteral("http://10.0.0.5:3000") << true;
    }

    void accepted()
    {
        QFETCH(QString, typed);
        QFETCH(QString, baseUrl);
        QFETCH(bool, insecureRemote);
        const auto endpoint = ServerEndpoint::parse(typed);
        QVERIFY2(endpoint.ok(), qPrintable(endpoint.ok() ? QString() : endpoint.error()));
        QCOMPARE(endpoint->baseUrl().toString(), baseUrl);
        QCOMPARE(endpoint->isInsecureRemote(), insecureRemote);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank") << QStringLiteral("   ");
        QTest::newRow("ftp") << QStringLiteral("ftp://clinic.example");
        QTest::newRow("with path") << QStringLiteral("http://clinic.example/api");
        QTest::newRow("no host") << QStringLiteral("http://");
    }

    void refused()
    {
        QFETCH(QString, typed);
        const auto endpoint = ServerEndpoint::parse(typed);
        QVERIFY(!endpoint.ok());
        QVERIFY(!endpoint.error().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerEndpoint)
#include "tst_serverendpoint.moc"
