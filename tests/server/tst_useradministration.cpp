#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/auth/authmodule.h"
#include "server/auth/useradministration.h"
#include "server/users/userrepository.h"
#include "tests/support/serverfixture.h"

#include <QTest>

using namespace vw::server;
using vw::model::UserRole;
using vw::test::TestServerStack;

// Account creation rules: user name alphabet and length (stored lower-case), display name,
// password policy, duplicates, and the audit entry.
class TestUserAdministration : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_stack = std::make_unique<TestServerStack>();
        QVERIFY2(m_stack->isValid(), qPrintable(m_stack->errorString()));
    }

    void cleanupTestCase() { m_stack.reset(); }

    // Rejected before any hashing, so these rows are cheap.
    void rejectsBadInput_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("displayName");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("messageStart");
        const QString good = QStringLiteral("a sufficiently long one");
        QTest::newRow("username too short")
            << QStringLiteral("ab") << QStringLiteral("X") << good << QStringLiteral("username");
        QTest::newRow("username too long")
            << QString(65, QLatin1Char('a')) << QStringLiteral("X") << good << QStringLiteral("username");
        QTest::newRow("username with space")
            << QStringLiteral("a b c") << QStringLiteral("X") << good << QStringLiteral("username");
        QTest::newRow("username with @")
            << QStringLiteral("me@example") << QStringLiteral("X") << good << QStringLiteral("username");
        QTest::newRow("username non-ASCII")
            << QStringLiteral("jos\u00e9") << QStringLiteral("X") << good << QStringLiteral("username");
        QTest::newRow("display name empty")
            << QStringLiteral("okname") << QString() << good << QStringLiteral("displayName");
        QTest::newRow("display name blank")
            << QStringLiteral("okname") << QStringLiteral("   ") << good << QStringLiteral("displayName");
        QTest::newRow("display name too long") << QStringLiteral("okname") << QString(101, QLatin1Char('d'))
                                               << good << QStringLiteral("displayName");
        QTest::newRow("password 11 characters")
            << QStringLiteral("okname") << QStringLiteral("X") << QStringLiteral("elevenchars")
            << QStringLiteral("password must be at least 12 characters");
        QTest::newRow("password empty") << QStringLiteral("okname") << QStringLiteral("X") << QString()
                                        << QStringLiteral("password must be at least 12 characters");
        QTest::newRow("password too long") << QStringLiteral("okname") << QStringLiteral("X")
                                           << QString(1025, QLatin1Char('p')) << QStringLiteral("password");
    }

    void rejectsBadInput()
    {
        QFETCH(QString, username);
        QFETCH(QString, displayName);
        QFETCH(QString, password);
        QFETCH(QString, messageStart);
        const auto created = m_stack->auth().userAdministration().createUser(
            username, displayName, UserRole::Patient, password);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().kind, ServiceError::Kind::BadRequest);
        QVERIFY2(created.error().message.startsWith(messageStart), qPrintable(created.error().message));
        QVERIFY(!m_stack->users().findByUsername(username).value());
    }

    void createsLowerCaseAndAudits()
    {
        const auto created = m_stack->auth().userAdministration().createUser(QStringLiteral("Dr.Who_2-x"),
            QStringLiteral("  The Doctor  "), UserRole::Provider, QStringLiteral("exactly12chr"));
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
        QCOMPARE(created->username, QStringLiteral("dr.who_2-x"));
        QCOMPARE(created->displayName, QStringLiteral("The Doctor"));
        QCOMPARE(created->role, UserRole::Provider);
        QVERIFY(!created->id.isNull());
        const auto stored = m_stack->users().findById(created->id);
        QVERIFY(stored.ok() && stored.value());
        QVERIFY(stored.value()->passwordHash.startsWith(QStringLiteral("$argon2id$")));

        audit::AuditQuery query;
        query.action = audit::actions::kUserCreate;
        const auto entries = m_stack->audit().find(query);
        QVERIFY(entries.ok());
        QCOMPARE(entries.value().size(), 1);
        QCOMPARE(entries.value().first().targetId, created->id.toString(QUuid::WithoutBraces));
        QCOMPARE(entries.value().first().outcome, QStringLiteral("success"));
        QVERIFY(!entries.value().first().details.contains(QStringLiteral("password")));
    }

    void duplicateUsernameConflicts()
    {
        const auto first = m_stack->auth().userAdministration().createUser(QStringLiteral("twin"),
            QStringLiteral("Twin"), UserRole::Patient, TestServerStack::kDefaultPassword);
        QVERIFY(first.ok());
        const auto second = m_stack->auth().userAdministration().createUser(QStringLiteral("TWIN"),
            QStringLiteral("Other Twin"), UserRole::Admin, TestServerStack::kDefaultPassword);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().kind, ServiceError::Kind::Conflict);
        QCOMPARE(second.error().message, QStringLiteral("Username already exists"));
        QCOMPARE(httpStatus(second.error().kind), 409);
        // The failed attempt left nothing behind: one user, one audit entry for it.
        audit::AuditQuery query;
        query.action = audit::actions::kUserCreate;
        const auto entries = m_stack->audit().find(query);
        QVERIFY(entries.ok());
        int twins = 0;
        for (const auto &entry : entries.value())
            twins += entry.details.value(QStringLiteral("username")).toString() == QStringLiteral("twin") ? 1
                                                                                                          : 0;
        QCOMPARE(twins, 1);
    }

private:
    std::unique_ptr<TestServerStack> m_stack;
};

QTEST_GUILESS_MAIN(TestUserAdministration)
#include "tst_useradministration.moc"
