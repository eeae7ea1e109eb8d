#include "server/auth/authservice.h"

#include "common/crypto/passwordhasher.h"
#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/auth/loginthrottle.h"
#include "server/auth/refreshtokenfactory.h"
#include "server/auth/refreshtokenrepository.h"
#include "server/auth/sessionpolicy.h"
#include "server/auth/sessionrepository.h"
#include "server/auth/tokenservice.h"
#include "server/store/transaction.h"
#include "server/store/writebehind.h"
#include "server/users/userrepository.h"

#include <QLoggingCategory>
#include <QMutexLocker>
#include <QThread>

namespace vw::server::auth {

namespace {

Q_LOGGING_CATEGORY(lcAuth, "vw.auth")

const QString kInvalidCredentials = QStringLiteral("Invalid credentials");
const QString kInvalidRefreshToken = QStringLiteral("Invalid refresh token");
const QString kTargetSession = QStringLiteral("session");
const QString kTargetUser = QStringLiteral("user");

ServiceError storeFailure(const store::StoreError &error)
{
    qCWarning(lcAuth) << "store failure:" << error.detail;
    return ServiceError::internal();
}

QString idText(const QUuid &id)
{
    return model::uuidToWire(id);
}

audit::AuditRecord auditRecord(const QString &action, audit::AuditOutcome outcome, const QString &actorId,
    const QString &targetType, const QString &targetId, const ClientInfo &client,
    const QJsonObject &details = {})
{
    return audit::AuditRecord {action, outcome, actorId, targetType, targetId, client, details};
}

QJsonObject reason(const QString &text)
{
    return QJsonObject {{QStringLiteral("reason"), text}};
}

} // namespace

AuthService::AuthService(ServerContext &context, users::UserRepository &users, SessionRepository &sessions,
    RefreshTokenRepository &refreshTokens, TokenService &tokens, LoginThrottle &throttle, QObject *parent)
    : QObject(parent),
      m_context(context),
      m_users(users),
      m_sessions(sessions),
      m_refreshTokens(refreshTokens),
      m_tokens(tokens),
      m_throttle(throttle)
{
    m_passwordChecks.setMaxThreadCount(qMax(1, QThread::idealThreadCount() - 1));
}

Result<Principal, ServiceError> AuthService::authenticate(QByteArrayView accessToken)
{
    const auto claims = m_tokens.verify(accessToken);
    if (!claims) {
        qCDebug(lcAuth) << "access token refused:" << errorString(claims.error());
        return ServiceError::unauthorized();
    }
    const auto session = m_sessions.findById(claims->sessionId);
    if (!session)
        return storeFailure(session.error());
    if (!session.value() || session.value()->userId != claims->userId)
        return ServiceError::unauthorized();
    const QDateTime now = m_context.clock.nowUtc();
    if (SessionPolicy::stateAt(*session.value(), now) != SessionPolicy::State::Live)
        return ServiceError::unauthorized();
    const auto user = m_users.findById(claims->userId);
    if (!user)
        return storeFailure(user.error());
    if (!user.value() || user.value()->disabledAt)
        return ServiceError::unauthorized();
    if (SessionPolicy::needsTouch(*session.value(), now)) {
        // Best effort, written behind: a lost touch only shortens the idle window, so it must
        // neither refuse the request nor hold it up.
        const auto touched = store::writeBehind(
            m_context.committer, m_context.database,
            [sessionId = claims->sessionId, now](
                store::Database &database) { return SessionRepository(database).touch(sessionId, now); },
            "a session's last use");
        if (!touched)
            qCWarning(lcAuth) << "cannot record session use:" << touched.error().detail;
    }
    // The role comes from the store, not the token, so a role change applies at once.
    return Principal {user.value()->id, user.value()->role, claims->sessionId};
}

void AuthService::recordLoginFailure(const ClientInfo &client, const QString &actorId, const QString &why)
{
    if (const auto written = m_context.audit.record(auditRecord(audit::actions::kLogin,
            audit::AuditOutcome::Failure, actorId, kTargetUser, actorId, client, reason(why)));
        !written)
        qCWarning(lcAuth) << "cannot audit a failed login:" << written.error().detail;
}

Result<AuthService::LoginAttempt, ServiceError> AuthService::beginLogin(
    const QString &username, const ClientInfo &client)
{
    if (const auto wait = m_throttle.retryAfterSeconds(username, client.ip)) {
        recordLoginFailure(client, {}, QStringLiteral("throttled"));
        return ServiceError::tooManyRequests(
            QStringLiteral("Too many failed login attempts, try again later"), *wait);
    }
    auto found = m_users.findByUsername(username);
    if (!found)
        return storeFailure(found.error());
    LoginAttempt attempt;
    attempt.username = username;
    attempt.client = client;
    attempt.user = std::move(found).value();
    // Same work for an unknown name as for a real user, so response time does not reveal
    // which names exist.
    attempt.hashToCheck = attempt.user ? attempt.user->passwordHash : dummyHash();
    return attempt;
}

Result<AuthTokens, ServiceError> AuthService::login(
    const QString &username, const QString &password, const ClientInfo &client)
{
    auto attempt = beginLogin(username, client);
    if (!attempt)
        return attempt.error();
    const QByteArray passwordBytes = password.toUtf8();
    const auto check = crypto::PasswordHasher::verify(attempt.value().hashToCheck, passwordBytes);
    return finishLogin(attempt.value(), passwordBytes, check);
}

void AuthService::loginQueued(
    const QString &username, const QString &password, const ClientInfo &client, LoginCallback done)
{
    auto attempt = beginLogin(username, client);
    if (!attempt) {
        done(attempt.error());
        return;
    }
    m_passwordChecks.start([this, attempt = std::move(attempt).value(), password = password.toUtf8(),
                               done = std::move(done)]() mutable {
        auto check = crypto::PasswordHasher::verify(attempt.hashToCheck, password);
        // Back to the service's thread for the store and the tokens.
        QMetaObject::invokeMethod(
            this,
            [this, attempt = std::move(attempt), password = std::move(password), check = std::move(check),
                done = std::move(done)] { done(finishLogin(attempt, password, check)); },
            Qt::QueuedConnection);
    });
}

Result<AuthTokens, ServiceError> AuthService::finishLogin(const LoginAttempt &attempt,
    const QByteArray &passwordBytes, const Result<crypto::PasswordCheck, crypto::CryptoError> &check)
{
    const QString &username = attempt.username;
    const ClientInfo &client = attempt.client;
    if (!attempt.user) {
        m_throttle.recordFailure(username, client.ip);
        recordLoginFailure(client, {}, QStringLiteral("bad_credentials"));
        return ServiceError::unauthorized(kInvalidCredentials);
    }
    const users::UserRecord &user = *attempt.user;
    const QString userId = idText(user.id);
    if (!check || check.value() != crypto::PasswordCheck::Match) {
        if (!check)
            qCWarning(lcAuth) << "stored password hash unusable for user" << userId;
        m_throttle.recordFailure(username, client.ip);
        recordLoginFailure(client, userId, QStringLiteral("bad_credentials"));
        return ServiceError::unauthorized(kInvalidCredentials);
    }
    if (user.disabledAt) {
        m_throttle.recordFailure(username, client.ip);
        recordLoginFailure(client, userId, QStringLiteral("disabled"));
        return ServiceError::unauthorized(kInvalidCredentials);
    }
    m_throttle.recordSuccess(username);

    // Hash outside the transaction: it is the slow part and needs no store.
    std::optional<QString> newHash;
    if (const auto stale = crypto::PasswordHasher::needsRehash(user.passwordHash); stale && stale.value()) {
        if (auto rehashed = crypto::PasswordHasher::hash(passwordBytes))
            newHash = std::move(rehashed).value();
    }

    const QDateTime now = m_context.clock.nowUtc();
    SessionRecord session;
    session.id = QUuid::createUuid();
    session.userId = user.id;
    session.createdAt = now;
    session.lastUsedAt = now;
    session.expiresAt = now.addMSecs(SessionPolicy::kAbsoluteLimitMs);
    session.ip = client.ip;
    session.userAgent = client.userAgent;

    store::Transaction transaction(m_context.database);
    if (!transaction.isActive())
        return ServiceError::internal();
    if (newHash) {
        if (const auto updated = m_users.updatePasswordHash(user.id, *newHash); !updated)
            return storeFailure(updated.error());
    }
    if (const auto inserted = m_sessions.insert(session); !inserted)
        return storeFailure(inserted.error());
    auto tokens = issueTokens(session, users::toModel(user, false));
    if (!tokens)
        return tokens.error();
    if (const auto written = m_context.audit.record(auditRecord(audit::actions::kLogin,
            audit::AuditOutcome::Success, userId, kTargetSession, idText(session.id), client,
            newHash ? QJsonObject {{QStringLiteral("rehashed"), true}} : QJsonObject {}));
        !written)
        return storeFailure(written.error());
    if (const auto committed = transaction.commit(); !committed)
        return storeFailure(committed.error());
    return tokens;
}

Result<AuthTokens, ServiceError> AuthService::refresh(const QString &refreshToken, const ClientInfo &client)
{
    const QString hash = RefreshTokenFactory::hashOf(refreshToken.toUtf8());
    const QDateTime now = m_context.clock.nowUtc();

    store::Transaction transaction(m_context.database);
    if (!transaction.isActive())
        return ServiceError::internal();
    const auto finish = [&](const audit::AuditRecord &record) -> std::optional<ServiceError> {
        if (const auto written = m_context.audit.record(record); !written)
            return storeFailure(written.error());
        if (const auto committed = transaction.commit(); !committed)
            return storeFailure(committed.error());
        return std::nullopt;
    };

    const auto stored = m_refreshTokens.findByHash(hash);
    if (!stored)
        return storeFailure(stored.error());
    if (!stored.value()) {
        if (const auto failed = finish(auditRecord(audit::actions::kRefresh, audit::AuditOutcome::Failure, {},
                {}, {}, client, reason(QStringLiteral("unknown_token")))))
            return *failed;
        return ServiceError::unauthorized(kInvalidRefreshToken);
    }
    const RefreshTokenRecord token = *stored.value();
    const auto found = m_sessions.findById(token.sessionId);
    if (!found)
        return storeFailure(found.error());
    if (!found.value())
        return ServiceError::unauthorized(kInvalidRefreshToken);
    const SessionRecord session = *found.value();
    const QString userId = idText(session.userId);
    const QString sessionId = idText(session.id);

    const auto reuse = [&]() -> Result<AuthTokens, ServiceError> {
        const auto revoked = m_sessions.revoke(session.id, now, kReasonRefreshReuse);
        if (!revoked)
            return storeFailure(revoked.error());
        qCWarning(lcAuth) << "refresh token reused; session revoked:" << sessionId;
        if (const auto failed = finish(auditRecord(audit::actions::kRefreshReuse, audit::AuditOutcome::Denied,
                userId, kTargetSession, sessionId, client)))
            return *failed;
        if (revoked.value())
            emit sessionRevoked(session.id);
        return ServiceError::unauthorized(kInvalidRefreshToken);
    };
    if (token.usedAt)
        return reuse();

    const auto state = SessionPolicy::stateAt(session, now);
    if (state != SessionPolicy::State::Live) {
        if (const auto failed = finish(
                auditRecord(audit::actions::kRefresh, audit::AuditOutcome::Failure, userId, kTargetSession,
                    sessionId, client, reason(QStringLiteral("session_") + SessionPolicy::toString(state)))))
            return *failed;
        return ServiceError::unauthorized(kInvalidRefreshToken);
    }
    const auto user = m_users.findById(session.userId);
    if (!user)
        return storeFailure(user.error());
    if (!user.value() || user.value()->disabledAt) {
        if (const auto failed = finish(auditRecord(audit::actions::kRefresh, audit::AuditOutcome::Failure,
                userId, kTargetSession, sessionId, client, reason(QStringLiteral("disabled")))))
            return *failed;
        return ServiceError::unauthorized(kInvalidRefreshToken);
    }

    const auto marked = m_refreshTokens.markUsed(hash, now);
    if (!marked)
        return storeFailure(marked.error());
    if (!marked.value())
        return reuse(); // someone used it between our read and now
    if (const auto touched = m_sessions.touch(session.id, now); !touched)
        return storeFailure(touched.error());
    auto tokens = issueTokens(session, users::toModel(*user.value(), false));
    if (!tokens)
        return tokens.error();
    if (const auto failed = finish(auditRecord(audit::actions::kRefresh, audit::AuditOutcome::Success, userId,
            kTargetSession, sessionId, client)))
        return *failed;
    return tokens;
}

Status<ServiceError> AuthService::logout(const Principal &principal, const ClientInfo &client)
{
    store::Transaction transaction(m_context.database);
    if (!transaction.isActive())
        return ServiceError::internal();
    const auto revoked = m_sessions.revoke(principal.sessionId, m_context.clock.nowUtc(), kReasonLogout);
    if (!revoked)
        return storeFailure(revoked.error());
    if (const auto written
        = m_context.audit.record(auditRecord(audit::actions::kLogout, audit::AuditOutcome::Success,
            idText(principal.userId), kTargetSession, idText(principal.sessionId), client));
        !written)
        return storeFailure(written.error());
    if (const auto committed = transaction.commit(); !committed)
        return storeFailure(committed.error());
    if (revoked.value())
        emit sessionRevoked(principal.sessionId);
    return {};
}

Status<ServiceError> AuthService::revokeSession(
    const QUuid &sessionId, const QString &reasonText, const QString &actorId, const ClientInfo &client)
{
    store::Transaction transaction(m_context.database);
    if (!transaction.isActive())
        return ServiceError::internal();
    const auto session = m_sessions.findById(sessionId);
    if (!session)
        return storeFailure(session.error());
    if (!session.value())
        return ServiceError::notFound(QStringLiteral("Session not found"));
    const auto revoked = m_sessions.revoke(sessionId, m_context.clock.nowUtc(), reasonText);
    if (!revoked)
        return storeFailure(revoked.error());
    if (const auto written = m_context.audit.record(auditRecord(audit::actions::kSessionRevoke,
            audit::AuditOutcome::Success, actorId, kTargetSession, idText(sessionId), client,
            QJsonObject {{QStringLiteral("reason"), reasonText},
                {QStringLiteral("userId"), idText(session.value()->userId)}}));
        !written)
        return storeFailure(written.error());
    if (const auto committed = transaction.commit(); !committed)
        return storeFailure(committed.error());
    if (revoked.value())
        emit sessionRevoked(sessionId);
    return {};
}

Result<AuthTokens, ServiceError> AuthService::issueTokens(
    const SessionRecord &session, const model::User &user)
{
    auto refreshToken = RefreshTokenFactory::generate();
    if (!refreshToken) {
        qCWarning(lcAuth) << "cannot generate a refresh token:" << crypto::errorString(refreshToken.error());
        return ServiceError::internal();
    }
    const RefreshTokenRecord record {refreshToken->hash, session.id, m_context.clock.nowUtc(), std::nullopt};
    if (const auto inserted = m_refreshTokens.insert(record); !inserted)
        return storeFailure(inserted.error());
    const auto accessToken = m_tokens.issue(user.id, user.role, session.id);
    if (!accessToken) {
        qCWarning(lcAuth) << "cannot issue an access token:" << errorString(accessToken.error());
        return ServiceError::internal();
    }
    return AuthTokens {QString::fromLatin1(accessToken.value()), refreshToken->token,
        TokenService::kLifetimeSeconds, user, session.id};
}

const QString &AuthService::dummyHash()
{
    QMutexLocker locker(&m_dummyMutex);
    if (m_dummyHash.isEmpty()) {
        if (auto hashed = crypto::PasswordHasher::hash("vytalwatch: no such user"))
            m_dummyHash = std::move(hashed).value();
    }
    return m_dummyHash;
}

} // namespace vw::server::auth
