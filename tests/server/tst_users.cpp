#include "tests/support/serverfixture.h"

#include <QJsonArray>
#include <QTest>

using vw::model::UserRole;
using vw::test::HttpReply;
using vw::test::TestServerStack;

// GET /users over HTTP: who each role may see (never themselves), the role/q/limit filters,
// and 400s naming the bad query parameter.
class TestUsers : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_stack = std::make_unique<TestServerStack>();
        QVERIFY2(m_stack->isValid(), qPrintable(m_stack->errorString()));
        QVERIFY(m_stack->start());
        m_stack->createUser(QStringLiteral("pat.one"), UserRole::Patient, TestServerStack::kDefaultPassword,
            QStringLiteral("Patricia One"));
        m_stack->createUser(QStringLiteral("pat.two"), UserRole::Patient, TestServerStack::kDefaultPassword,
            QStringLiteral("Pat Two"));
        m_stack->createUser(QStringLiteral("dr.house"), UserRole::Provider, TestServerStack::kDefaultPassword,
            QStringLiteral("Gregory House"));
        m_stack->createUser(QStringLiteral("dr.wilson"), UserRole::Provider,
            TestServerStack::kDefaultPassword, QStringLiteral("James Wilson"));
        m_stack->createUser(QStringLiteral("root"), UserRole::Admin, TestServerStack::kDefaultPassword,
            QStringLiteral("Admin"));
        m_sessions.insert(QStringLiteral("patient"), m_stack->login(QStringLiteral("pat.one")));
        m_sessions.insert(QStringLiteral("provider"), m_stack->login(QStringLiteral("dr.house")));
        m_sessions.insert(QStringLiteral("admin"), m_stack->login(QStringLiteral("root")));
    }

    void cleanupTestCase() { m_stack.reset(); }

    void visibility_data()
    {
        QTest::addColumn<QString>("caller");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected"); // user names, in display-name order

        const QStringList everyoneButRoot {QStringLiteral("root"), QStringLiteral("dr.house"),
            QStringLiteral("dr.wilson"), QStringLiteral("pat.two"), QStringLiteral("pat.one")};
        QTest::newRow("patient sees providers only") << QStringLiteral(
            "patient") << QString() << QStringList {QStringLiteral("dr.house"), QStringLiteral("dr.wilson")};
        QTest::newRow("patient asking for patients sees none")
            << QStringLiteral("patient") << QStringLiteral("role=patient") << QStringList {};
        QTest::newRow("patient asking for admins sees none")
            << QStringLiteral("patient") << QStringLiteral("role=admin") << QStringList {};
        QTest::newRow("provider sees patients and other providers")
            << QStringLiteral("provider") << QString()
            << QStringList {
                   QStringLiteral("dr.wilson"), QStringLiteral("pat.two"), QStringLiteral("pat.one")};
        QTest::newRow("provider filtered to patients")
            << QStringLiteral("provider") << QStringLiteral("role=patient")
            << QStringList {QStringLiteral("pat.two"), QStringLiteral("pat.one")};
        QTest::newRow("provider never sees admins")
            << QStringLiteral("provider") << QStringLiteral("role=admin") << QStringList {};
        QTest::newRow("admin sees everyone else")
            << QStringLiteral("admin") << QString()
            << QStringList {QStringLiteral("dr.house"), QStringLiteral("dr.wilson"),
                   QStringLiteral("pat.two"), QStringLiteral("pat.one")};
        QTest::newRow("search by display name, any case") << QStringLiteral(
            "admin") << QStringLiteral("q=WILSON") << QStringList {QStringLiteral("dr.wilson")};
        QTest::newRow("search by user name")
            << QStringLiteral("provider") << QStringLiteral("q=pat.")
            << QStringList {QStringLiteral("pat.two"), QStringLiteral("pat.one")};
        QTest::newRow("search never finds yourself")
            << QStringLiteral("provider") << QStringLiteral("q=house") << QStringList {};
        QTest::newRow("limit") << QStringLiteral("admin") << QStringLiteral("limit=2")
                               << QStringList {QStringLiteral("dr.house"), QStringLiteral("dr.wilson")};
        QTest::newRow("limit skips yourself, not a slot") << QStringLiteral(
            "provider") << QStringLiteral("limit=1") << QStringList {QStringLiteral("dr.wilson")};
        QTest::newRow("empty parameters are defaults")
            << QStringLiteral("patient") << QStringLiteral("role=&q=&limit=")
            << QStringList {QStringLiteral("dr.house"), QStringLiteral("dr.wilson")};
    }

    void visibility()
    {
        QFETCH(QString, caller);
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        auto client = m_stack->clientFor(m_sessions.value(caller));
        const HttpReply reply = client->get(
            QStringLiteral("/users") + (query.isEmpty() ? QString() : QLatin1Char('?') + query));
        QCOMPARE(reply.status, 200);
        QStringList names;
        for (const auto &value : reply.json().value(QStringLiteral("users")).toArray()) {
            const QJsonObject user = value.toObject();
            names << user.value(QStringLiteral("username")).toString();
            QCOMPARE(user.value(QStringLiteral("online")).toBool(true), false);
            QVERIFY(user.contains(QStringLiteral("lastSeenAt")));
            QVERIFY(!user.contains(QStringLiteral("passwordHash")));
        }
        QCOMPARE(names, expected);
    }

    void badQuery_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown role") << QStringLiteral("role=doctor") << QStringLiteral("role");
        QTest::newRow("role in capitals") << QStringLiteral("role=Patient") << QStringLiteral("role");
        QTest::newRow("limit zero") << QStringLiteral("limit=0") << QStringLiteral("limit");
        QTest::newRow("limit too large") << QStringLiteral("limit=201") << QStringLiteral("limit");
        QTest::newRow("limit not a number") << QStringLiteral("limit=ten") << QStringLiteral("limit");
        QTest::newRow("limit negative") << QStringLiteral("limit=-5") << QStringLiteral("limit");
        QTest::newRow("q too long") << QStringLiteral("q=") + QString(101, QLatin1Char('x'))
                                    << QStringLiteral("q");
    }

    void badQuery()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        auto client = m_stack->clientFor(m_sessions.value(QStringLiteral("admin")));
        const HttpReply reply = client->get(QStringLiteral("/users?") + query);
        QCOMPARE(reply.status, 400);
        const QString message = reply.json().value(QStringLiteral("message")).toString();
        QVERIFY2(message.startsWith(field + QLatin1Char(' ')), qPrintable(message));
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(), QStringLiteral("Bad Request"));
    }

    void maximumLimitAccepted()
    {
        auto client = m_stack->clientFor(m_sessions.value(QStringLiteral("admin")));
        QCOMPARE(client->get(QStringLiteral("/users?limit=200")).status, 200);
    }

    void requiresToken() { QCOMPARE(m_stack->client().get(QStringLiteral("/users")).status, 401); }

private:
    std::unique_ptr<TestServerStack> m_stack;
    QHash<QString, vw::test::TestSession> m_sessions;
};

QTEST_GUILESS_MAIN(TestUsers)
#include "tst_users.moc"
