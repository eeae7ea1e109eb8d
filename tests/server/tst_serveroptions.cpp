#include "server/serveroptions.h"

#include <QTest>

using vw::server::parseServeArguments;

// The `serve` command line of API.md: defaults, each option, and clear usage errors.
class TestServerOptions : public QObject
{
    Q_OBJECT
private slots:
    void defaults()
    {
        const auto parsed = parseServeArguments({QStringLiteral("vytalwatch-server")});
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().text));
        QCOMPARE(parsed->port, quint16(3000));
        QCOMPARE(parsed->listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(parsed->messagesPerMinute, 60);
        QVERIFY(!parsed->requireScan);
        QVERIFY(!parsed->allowInsecureHttp);
        QVERIFY(!parsed->dataDir.isEmpty());
    }

    void explicitOptions()
    {
        const auto parsed = parseServeArguments({QStringLiteral("vytalwatch-server"), QStringLiteral("serve"),
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--listen"), QStringLiteral("::1"),
            QStringLiteral("--data-dir"), QStringLiteral("here"), QStringLiteral("--clamd"),
            QStringLiteral("unix:/run/clamd.ctl"), QStringLiteral("--require-scan"),
            QStringLiteral("--rate-limit"), QStringLiteral("0")});
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->port, quint16(0));
        QCOMPARE(parsed->listenAddress, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(parsed->dataDir, QStringLiteral("here"));
        QCOMPARE(parsed->clamd, QStringLiteral("unix:/run/clamd.ctl"));
        QVERIFY(parsed->requireScan);
        QCOMPARE(parsed->messagesPerMinute, 0);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("port too big")
            << QStringList {QStringLiteral("--port"), QStringLiteral("70000")} << QStringLiteral("--port");
        QTest::newRow("port not a number")
            << QStringList {QStringLiteral("--port"), QStringLiteral("http")} << QStringLiteral("--port");
        QTest::newRow("listen not an address") << QStringList {QStringLiteral("--listen"),
            QStringLiteral("example.org")} << QStringLiteral("--listen");
        QTest::newRow("negative rate") << QStringList {QStringLiteral("--rate-limit"), QStringLiteral("-1")}
                                       << QStringLiteral("--rate-limit");
        QTest::newRow("unknown option")
            << QStringList {QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
        QTest::newRow("unknown command")
            << QStringList {QStringLiteral("launch")} << QStringLiteral("launch");
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        arguments.prepend(QStringLiteral("vytalwatch-server"));
        const auto parsed = parseServeArguments(arguments);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().exitCode, 2);
        QVERIFY2(parsed.error().text.contains(mentions), qPrintable(parsed.error().text));
    }

    void helpExitsCleanly()
    {
        const auto parsed
            = parseServeArguments({QStringLiteral("vytalwatch-server"), QStringLiteral("--help")});
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().exitCode, 0);
        QVERIFY(parsed.error().text.contains(QStringLiteral("--data-dir")));
    }
};

QTEST_GUILESS_MAIN(TestServerOptions)
#include "tst_serveroptions.moc"
