#include "common/crypto/passwordhasher.h"
#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/auth/authmodule.h"
#include "server/auth/authservice.h"
#include "server/auth/refreshtokenfactory.h"
#include "server/auth/sessionpolicy.h"
#include "server/store/database.h"
#include "server/users/userrepository.h"
#include "tests/support/serverfixture.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace vw::server;
using vw::model::UserRole;
using vw::test::TestServerStack;

namespace {

constexpr qint64 kMinute = 60 * 1000;
const ClientInfo kClient {QStringLiteral("192.0.2.1"), QStringLiteral("tst_authservice")};

// Every text of every row of a table, for "this secret never appears" checks.
QStringList allCells(store::Database &database, const QString &table)
{
    QStringList cells;
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral("SELECT * FROM ") + table))
        return {QStringLiteral("<query failed>")};
    while (query.next()) {
        for (int i = 0; i < query.record().count(); ++i)
            cells << query.value(i).toString();
    }
    return cells;
}

qint64 sessionColumn(store::Database &database, const QUuid &sessionId, const QString &column)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT %1 FROM sessions WHERE id = ?").arg(column));
    query.addBindValue(vw::model::uuidToWire(sessionId));
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

// AuthService without HTTP: session idle and absolute limits on a manual clock, throttled
// last-use writes, revocation and its signal, disabled accounts, rehashing, and an audit trail
// that records every step without a password or token in it.
class TestAuthService : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_stack = std::make_unique<TestServerStack>();
        QVERIFY2(m_stack->isValid(), qPrintable(m_stack->errorString()));
        m_user = m_stack->createUser(QStringLiteral("judy"), UserRole::Provider);
    }

    void cleanup() { m_stack.reset(); }

    void idleSessionEnds()
    {
        auto &auth = m_stack->auth().authService();
        auto session = m_stack->login(QStringLiteral("judy"));
        m_stack->manualClock().advanceMs(29 * kMinute);
        auto refreshed = auth.refresh(session.refreshToken, kClient);
        QVERIFY(refreshed.ok());
        // Idle for 30 minutes since that refresh: over.
        m_stack->manualClock().advanceMs(30 * kMinute);
        refreshed = auth.refresh(refreshed->refreshToken, kClient);
        QVERIFY(!refreshed.ok());
        QCOMPARE(refreshed.error().kind, ServiceError::Kind::Unauthorized);
    }

    void authenticatedUseKeepsSessionAliveWithThrottledWrites()
    {
        auto &auth = m_stack->auth().authService();
        auto session = m_stack->login(QStringLiteral("judy"));
        const QUuid sessionId = auth.authenticate(session.accessToken.toLatin1())->sessionId;
        const qint64 loginMs = sessionColumn(m_stack->database(), sessionId, QStringLiteral("last_used_at"));

        // Used 30 s after login: no write yet (at most one per minute).
        m_stack->manualClock().advanceMs(30 * 1000);
        QVERIFY(auth.authenticate(session.accessToken.toLatin1()).ok());
        QCOMPARE(sessionColumn(m_stack->database(), sessionId, QStringLiteral("last_used_at")), loginMs);
        // At 14 minutes: written.
        m_stack->manualClock().advanceMs(13 * kMinute + 30 * 1000);
        QVERIFY(auth.authenticate(session.accessToken.toLatin1()).ok());
        QCOMPARE(sessionColumn(m_stack->database(), sessionId, QStringLiteral("last_used_at")),
            loginMs + 14 * kMinute);
        // So 40 minutes after login (26 after last use) the refresh token still works.
        m_stack->manualClock().advanceMs(26 * kMinute);
        QVERIFY(auth.refresh(session.refreshToken, kClient).ok());
    }

    void absoluteLimitEndsSession()
    {
        auto &auth = m_stack->auth().authService();
        auto session = m_stack->login(QStringLiteral("judy"));
        QString refreshToken = session.refreshToken;
        QString accessToken = session.accessToken;
        // Active all day: refresh every 10 minutes up to 11 h 55 min.
        for (int i = 0; i < 71; ++i) {
            m_stack->manualClock().advanceMs(10 * kMinute);
            auto refreshed = auth.refresh(refreshToken, kClient);
            QVERIFY2(refreshed.ok(), qPrintable(QString::number(i)));
            refreshToken = refreshed->refreshToken;
            accessToken = refreshed->accessToken;
        }
        m_stack->manualClock().advanceMs(5 * kMinute); // 11 h 55 min
        QVERIFY(auth.authenticate(accessToken.toLatin1()).ok());
        m_stack->manualClock().advanceMs(
            5 * kMinute); // 12 h: the access token is 10 min old but the session is over
        QCOMPARE(auth.authenticate(accessToken.toLatin1()).error().kind, ServiceError::Kind::Unauthorized);
        QVERIFY(!auth.refresh(refreshToken, kClient).ok());
    }

    void revokeSessionSignalsAndTakesEffect()
    {
        auto &auth = m_stack->auth().authService();
        QSignalSpy revoked(&auth, &auth::AuthService::sessionRevoked);
        auto session = m_stack->login(QStringLiteral("judy"));
        const QUuid sessionId = auth.authenticate(session.accessToken.toLatin1())->sessionId;
        QVERIFY(auth.revokeSession(sessionId, auth::AuthService::kReasonAdmin).ok());
        QCOMPARE(revoked.count(), 1);
        QCOMPARE(revoked.first().first().value<QUuid>(), sessionId);
        QVERIFY(!auth.authenticate(session.accessToken.toLatin1()).ok());
        QVERIFY(!auth.refresh(session.refreshToken, kClient).ok());
        // Again: fine, but no second signal.
        QVERIFY(auth.revokeSession(sessionId, auth::AuthService::kReasonAdmin).ok());
        QCOMPARE(revoked.count(), 1);
        const auto unknown = auth.revokeSession(QUuid::createUuid(), auth::AuthService::kReasonAdmin);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().kind, ServiceError::Kind::NotFound);

        QSqlQuery query(m_stack->database().connection());
        QVERIFY(query.exec(QStringLiteral("SELECT revoke_reason FROM sessions")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("admin"));
    }

    void logoutAndReuseSignal()
    {
        auto &auth = m_stack->auth().authService();
        QSignalSpy revoked(&auth, &auth::AuthService::sessionRevoked);
        auto first = m_stack->login(QStringLiteral("judy"));
        const auto principal = auth.authenticate(first.accessToken.toLatin1());
        QVERIFY(auth.logout(principal.value(), kClient).ok());
        QCOMPARE(revoked.count(), 1);

        auto second = m_stack->login(QStringLiteral("judy"));
        QVERIFY(auth.refresh(second.refreshToken, kClient).ok());
        QCOMPARE(auth.refresh(second.refreshToken, kClient).error().kind, ServiceError::Kind::Unauthorized);
        QCOMPARE(revoked.count(), 2);
    }

    void disabledUserIsLockedOut()
    {
        auto &auth = m_stack->auth().authService();
        auto session = m_stack->login(QStringLiteral("judy"));
        QSqlQuery query(m_stack->database().connection());
        QVERIFY(query.exec(QStringLiteral("UPDATE users SET disabled_at = 1")));
        QVERIFY(!auth.authenticate(session.accessToken.toLatin1()).ok());
        QVERIFY(!auth.refresh(session.refreshToken, kClient).ok());
        const auto login = auth.login(QStringLiteral("judy"), TestServerStack::kDefaultPassword, kClient);
        QVERIFY(!login.ok());
        QCOMPARE(login.error().kind, ServiceError::Kind::Unauthorized);
        QCOMPARE(login.error().message, QStringLiteral("Invalid credentials"));
    }

    // A role change in the store applies to the next request, whatever the token says.
    void roleComesFromTheStore()
    {
        auto &auth = m_stack->auth().authService();
        auto session = m_stack->login(QStringLiteral("judy"));
        QSqlQuery query(m_stack->database().connection());
        QVERIFY(query.exec(QStringLiteral("UPDATE users SET role = 'patient'")));
        QCOMPARE(auth.authenticate(session.accessToken.toLatin1())->role, UserRole::Patient);
    }

    void rehashesWeakHashOnLogin()
    {
        const QByteArray password = "an old but long password";
        const auto weak = vw::crypto::detail::hashPasswordWithParams(password, 1, 8 * 1024 * 1024);
        QVERIFY(weak.ok());
        QVERIFY(vw::crypto::PasswordHasher::needsRehash(weak.value()).value());
        users::UserRecord record;
        record.id = QUuid::createUuid();
        record.username = QStringLiteral("legacy");
        record.displayName = QStringLiteral("Legacy");
        record.role = UserRole::Patient;
        record.passwordHash = weak.value();
        record.createdAt = m_stack->clock().nowUtc();
        QVERIFY(m_stack->users().insert(record).ok());

        QVERIFY(m_stack->auth()
                    .authService()
                    .login(QStringLiteral("legacy"), QString::fromUtf8(password), kClient)
                    .ok());
        const auto stored = m_stack->users().findById(record.id);
        QVERIFY(stored.ok() && stored.value());
        QVERIFY(stored.value()->passwordHash != weak.value());
        QVERIFY(!vw::crypto::PasswordHasher::needsRehash(stored.value()->passwordHash).value());
        QCOMPARE(vw::crypto::PasswordHasher::verify(stored.value()->passwordHash, password).value(),
            vw::crypto::PasswordCheck::Match);
    }

    void auditsEveryStepWithoutSecrets()
    {
        auto &auth = m_stack->auth().authService();
        const QString wrongPassword = QStringLiteral("wrong password 4711");
        QVERIFY(!auth.login(QStringLiteral("judy"), wrongPassword, kClient).ok());
        QVERIFY(!auth.login(QStringLiteral("nobody-here"), wrongPassword, kClient).ok());
        auto session = auth.login(QStringLiteral("judy"), TestServerStack::kDefaultPassword, kClient);
        QVERIFY(session.ok());
        auto refreshed = auth.refresh(session->refreshToken, kClient);
        QVERIFY(refreshed.ok());
        QVERIFY(!auth.refresh(session->refreshToken, kClient).ok()); // reuse
        auto again = auth.login(QStringLiteral("judy"), TestServerStack::kDefaultPassword, kClient);
        QVERIFY(again.ok());
        QVERIFY(auth.logout(auth.authenticate(again->accessToken.toLatin1()).value(), kClient).ok());

        audit::AuditQuery all;
        all.limit = 1000;
        const auto entries = m_stack->audit().find(all);
        QVERIFY(entries.ok());
        QStringList seen;
        for (const auto &entry : entries.value())
            seen << entry.action + QLatin1Char('/') + entry.outcome + QLatin1Char('/')
                    + entry.details.value(QStringLiteral("reason")).toString();
        QVERIFY2(seen.contains(QStringLiteral("user.create/success/")), qPrintable(seen.join(u' ')));
        QVERIFY2(seen.count(QStringLiteral("auth.login/failure/bad_credentials")) == 2,
            qPrintable(seen.join(u' ')));
        QVERIFY(seen.count(QStringLiteral("auth.login/success/")) == 2);
        QVERIFY(seen.contains(QStringLiteral("auth.refresh/success/")));
        QVERIFY(seen.contains(QStringLiteral("auth.refresh_reuse/denied/")));
        QVERIFY(seen.contains(QStringLiteral("auth.logout/success/")));
        for (const auto &entry : entries.value()) {
            if (entry.action == audit::actions::kLogin)
                QCOMPARE(entry.ip, kClient.ip);
        }

        const QStringList secrets {TestServerStack::kDefaultPassword, wrongPassword, session->accessToken,
            session->refreshToken, refreshed->accessToken, refreshed->refreshToken, again->accessToken,
            again->refreshToken, auth::RefreshTokenFactory::hashOf(session->refreshToken.toUtf8()),
            QStringLiteral("nobody-here")};
        const QString auditText = allCells(m_stack->database(), QStringLiteral("audit_log")).join(u'\n');
        QVERIFY(!auditText.contains(QStringLiteral("<query failed>")));
        for (const QString &secret : secrets)
            QVERIFY2(!auditText.contains(secret), qPrintable(secret.left(8)));
        // Refresh tokens are stored only as hashes; sessions hold no token either.
        const QString tokenText = (allCells(m_stack->database(), QStringLiteral("refresh_tokens"))
            + allCells(m_stack->database(), QStringLiteral("sessions")))
                                      .join(u'\n');
        for (const QString &secret : secrets.mid(0, 8))
            QVERIFY(!tokenText.contains(secret));
        QVERIFY(tokenText.contains(auth::RefreshTokenFactory::hashOf(session->refreshToken.toUtf8())));
    }

private:
    std::unique_ptr<TestServerStack> m_stack;
    vw::model::User m_user;
};

QTEST_GUILESS_MAIN(TestAuthService)
#include "tst_authservice.moc"
