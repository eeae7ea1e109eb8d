#include "server/admin/admincontroller.h"
#include "server/audit/auditactions.h"
#include "server/store/sqlquery.h"
#include "tests/support/serverfixture.h"

#include <QJsonArray>
#include <QTest>

using namespace vw::server;
using vw::model::UserRole;

// The admin routes over HTTP with real logins: only admins read the audit trail and the
// metrics; filters and bad input; a row altered in the database shows up in /verify.
class TestAdminController : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_stack = std::make_unique<vw::test::TestServerStack>();
        QVERIFY2(m_stack->isValid(), qPrintable(m_stack->errorString()));
        m_admin = std::make_unique<admin::AdminController>(m_stack->audit(), m_stack->metrics());
        m_admin->registerRoutes(m_stack->router());
        QVERIFY(m_stack->start());
        m_stack->createUser(QStringLiteral("root"), UserRole::Admin);
        m_stack->createUser(QStringLiteral("dr.who"), UserRole::Provider);
        m_stack->createUser(QStringLiteral("pat"), UserRole::Patient);
    }

    void cleanup()
    {
        m_stack.reset();
        m_admin.reset();
    }

    void onlyAdmins_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("who"); // empty: no token
        QTest::addColumn<int>("status");
        for (const QString &path : {QStringLiteral("/admin/audit"), QStringLiteral("/admin/audit/verify"),
                 QStringLiteral("/metrics")}) {
            QTest::addRow("%s admin", qPrintable(path)) << path << QStringLiteral("root") << 200;
            QTest::addRow("%s provider", qPrintable(path)) << path << QStringLiteral("dr.who") << 403;
            QTest::addRow("%s patient", qPrintable(path)) << path << QStringLiteral("pat") << 403;
            QTest::addRow("%s anonymous", qPrintable(path)) << path << QString() << 401;
        }
    }

    void onlyAdmins()
    {
        QFETCH(QString, path);
        QFETCH(QString, who);
        QFETCH(int, status);
        auto client = who.isEmpty() ? m_stack->newClient() : m_stack->clientFor(m_stack->login(who));
        const auto reply = client->get(path);
        QCOMPARE(reply.status, status);
        if (status != 200)
            QCOMPARE(reply.json().value(QStringLiteral("statusCode")).toInt(), status);
    }

    void auditFiltersAndShape()
    {
        const auto root = m_stack->login(QStringLiteral("root"));
        m_stack->login(QStringLiteral("pat"));
        auto client = m_stack->clientFor(root);

        const auto logins = client->get(QStringLiteral("/admin/audit?action=%1").arg(audit::actions::kLogin));
        QCOMPARE(logins.status, 200);
        const QJsonArray entries = logins.json().value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 2);
        const QJsonObject newest = entries.first().toObject();
        for (const char *key : {"id", "seq", "at", "actorId", "action", "targetType", "targetId", "outcome",
                 "ip", "userAgent", "details", "hash"})
            QVERIFY2(newest.contains(QLatin1String(key)), key);
        QCOMPARE(newest.value(QStringLiteral("outcome")).toString(), QStringLiteral("success"));

        const QString rootId = root.user.id.toString(QUuid::WithoutBraces);
        const auto mine = client->get(QStringLiteral("/admin/audit?actorId=%1&limit=1").arg(rootId));
        QCOMPARE(mine.status, 200);
        const QJsonArray mineEntries = mine.json().value(QStringLiteral("entries")).toArray();
        QCOMPARE(mineEntries.size(), 1);
        QCOMPARE(mineEntries.first().toObject().value(QStringLiteral("actorId")).toString(), rootId);

        const auto future = client->get(QStringLiteral("/admin/audit?from=2999-01-01T00:00:00.000Z"));
        QCOMPARE(future.json().value(QStringLiteral("entries")).toArray().size(), 0);
    }

    void badFiltersAre400_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("limit zero") << QStringLiteral("limit=0") << QStringLiteral("limit");
        QTest::newRow("limit huge") << QStringLiteral("limit=100000") << QStringLiteral("limit");
        QTest::newRow("limit text") << QStringLiteral("limit=ten") << QStringLiteral("limit");
        QTest::newRow("actor not uuid") << QStringLiteral("actorId=bob") << QStringLiteral("actorId");
        QTest::newRow("from not time") << QStringLiteral("from=yesterday") << QStringLiteral("from");
        QTest::newRow("to not time") << QStringLiteral("to=2026-13-01") << QStringLiteral("to");
        QTest::newRow("action too long")
            << QStringLiteral("action=%1").arg(QString(100, QLatin1Char('a'))) << QStringLiteral("action");
    }

    void badFiltersAre400()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        auto client = m_stack->clientFor(m_stack->login(QStringLiteral("root")));
        const auto reply = client->get(QStringLiteral("/admin/audit?") + query);
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json().value(QStringLiteral("message")).toString().startsWith(field));
    }

    void verifyReportsATamperedRow()
    {
        auto client = m_stack->clientFor(m_stack->login(QStringLiteral("root")));
        auto intact = client->get(QStringLiteral("/admin/audit/verify"));
        QCOMPARE(intact.status, 200);
        QCOMPARE(intact.json().value(QStringLiteral("ok")).toBool(), true);
        QVERIFY(intact.json().value(QStringLiteral("firstBadId")).isNull());

        store::SqlQuery edit(
            m_stack->database(), QStringLiteral("UPDATE audit_log SET outcome = 'failure' WHERE seq = 1"));
        QVERIFY(edit.exec().ok());
        store::SqlQuery first(m_stack->database(), QStringLiteral("SELECT id FROM audit_log WHERE seq = 1"));
        QVERIFY(first.exec().ok() && first.next());

        auto broken = client->get(QStringLiteral("/admin/audit/verify"));
        QCOMPARE(broken.status, 200);
        QCOMPARE(broken.json().value(QStringLiteral("ok")).toBool(), false);
        QCOMPARE(broken.json().value(QStringLiteral("firstBadId")).toString(), first.value(0).toString());
    }

    void metricsArePrometheusText()
    {
        auto client = m_stack->clientFor(m_stack->login(QStringLiteral("root")));
        QCOMPARE(client->get(QStringLiteral("/auth/me")).status, 200);
        const auto reply = client->get(QStringLiteral("/metrics"));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.header("Content-Type").startsWith("text/plain"));
        QVERIFY(reply.body.contains(
            "vytalwatch_http_requests_total{method=\"GET\",route=\"/auth/me\",status=\"200\"} 1"));
        QVERIFY(reply.body.contains("# TYPE vytalwatch_http_request_duration_seconds histogram"));
        QVERIFY(reply.body.contains("vytalwatch_messages_stored_total 0"));
    }

private:
    std::unique_ptr<vw::test::TestServerStack> m_stack;
    std::unique_ptr<admin::AdminController> m_admin;
};

QTEST_GUILESS_MAIN(TestAdminController)
#include "tst_admincontroller.moc"
