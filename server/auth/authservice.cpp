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
    return audit::AuditRecord {action, outcome, actorId, targetType, targetId, client, details, {}};
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

AuthService::PasswordVerdict AuthService::checkPassword(
    const QString &hashToCheck, const QByteArray &password)
{
    PasswordVerdict verdict {crypto::PasswordHasher::verify(hashToCheck, password), std::nullopt};
    if (!verdict.check || verdict.check.value() != crypto::PasswordCheck::Match)
        return verdict;
    if (const auto stale = crypto::PasswordHasher::needsRehash(hashToCheck); stale && stale.value()) {
        if (auto rehashed = crypto::PasswordHasher::hash(password))
            verdict.newHash = std::move(rehashed).value();
    }
    return verdict;
}

Result<AuthTokens, ServiceError> AuthService::login(
    const QString &username, const QString &password, const ClientInfo &client)
{
    auto attempt = beginLogin(username, client);
    if (!attempt)
        return attempt.error();
    return store::answerAtOnce<Result<AuthTokens, ServiceError>>([&](LoginCallback done) {
        finishLogin(nullptr, attempt.value(), checkPassword(attempt.value().hashToCheck, password.toUtf8()),
            std::move(done));
    });
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
        auto verdict = checkPassword(attempt.hashToCheck, password);
        // Back to the service's thread for the store and the tokens.
        QMetaObject::invokeMethod(
            this,
            [this, attempt = std::move(attempt), verdict = std::move(verdict),
                done = std::move(done)]() mutable {
                finishLogin(m_context.committer, attempt, verdict, std::move(done));
            },
            Qt::QueuedConnection);
    });
}

void AuthService::finishLogin(store::GroupCommitter *committer, const LoginAttempt &attempt,
    const PasswordVerdict &verdict, LoginCallback done)
{
    const QString &username = attempt.username;
    const ClientInfo &client = attempt.client;
    if (!attempt.user) {
        m_throttle.recordFailure(username, client.ip);
        recordLoginFailure(client, {}, QStringLiteral("bad_credentials"));
        done(ServiceError::unauthorized(kInvalidCredentials));
        return;
    }
    const users::UserRecord &user = *attempt.user;
    const QString userId = idText(user.id);
    if (!verdict.check || verdict.check.value() != crypto::PasswordCheck::Match) {
        if (!verdict.check)
            qCWarning(lcAuth) << "stored password hash unusable for user" << userId;
        m_throttle.recordFailure(username, client.ip);
        recordLoginFailure(client, userId, QStringLiteral("bad_credentials"));
        done(ServiceError::unauthorized(kInvalidCredentials));
        return;
    }
    if (user.disabledAt) {
        m_throttle.recordFailure(username, client.ip);
        recordLoginFailure(client, userId, QStringLiteral("disabled"));
        done(ServiceError::unauthorized(kInvalidCredentials));
        return;
    }
    m_throttle.recordSuccess(username);

    const QDateTime now = m_context.clock.nowUtc();
    SessionRecord session;
    session.id = QUuid::createUuid();
    session.userId = user.id;
    session.createdAt = now;
    session.lastUsedAt = now;
    session.expiresAt = now.addMSecs(SessionPolicy::kAbsoluteLimitMs);
    session.ip = client.ip;
    session.userAgent = client.userAgent;
    auto refreshToken = newRefreshToken();
    if (!refreshToken) {
        done(refreshToken.error());
        return;
    }
    auto tokens = tokensFor(session.id, users::toModel(user, false), refreshToken.value().token);
    if (!tokens) {
        done(tokens.error());
        return;
    }
    const RefreshTokenRecord refreshRow {refreshToken.value().hash, session.id, now, std::nullopt};
    const audit::AuditRecord entry = auditRecord(audit::actions::kLogin, audit::AuditOutcome::Success, userId,
        kTargetSession, idText(session.id), client,
        verdict.newHash ? QJsonObject {{QStringLiteral("rehashed"), true}} : QJsonObject {});
    store::writeQueued(
        committer, m_context.database,
        [session, refreshRow, newHash = verdict.newHash, entry, &clock = m_context.clock](
            store::Database &database) -> Status<store::StoreError> {
            if (newHash) {
                if (auto updated
                    = users::UserRepository(database).updatePasswordHash(session.userId, *newHash);
                    !updated)
                    return updated;
            }
            if (auto inserted = SessionRepository(database).insert(session); !inserted)
                return inserted;
            if (auto inserted = RefreshTokenRepository(database).insert(refreshRow); !inserted)
                return inserted;
            return audit::AuditLog(database, clock).record(entry);
        },
        [tokens = std::move(tokens).value(), done = std::move(done)](
            const Status<store::StoreError> &stored) {
            if (stored)
                done(tokens);
            else
                done(storeFailure(stored.error()));
        });
}

Result<AuthTokens, ServiceError> AuthService::refresh(const QString &refreshToken, const ClientInfo &client)
{
    return store::answerAtOnce<Result<AuthTokens, ServiceError>>(
        [&](LoginCallback done) { refreshThrough(nullptr, refreshToken, client, std::move(done)); });
}

void AuthService::refreshQueued(const QString &refreshToken, const ClientInfo &client, LoginCallback done)
{
    refreshThrough(m_context.committer, refreshToken, client, std::move(done));
}

void AuthService::refreshThrough(store::GroupCommitter *committer, const QString &refreshToken,
    const ClientInfo &client, LoginCallback done)
{
    auto replacement = newRefreshToken();
    if (!replacement) {
        done(replacement.error());
        return;
    }
    RefreshRequest request {RefreshTokenFactory::hashOf(refreshToken.toUtf8()), replacement.value().hash,
        m_context.clock.nowUtc(), client};
    // The verdict is decided on the writer's connection, where reading the token and using it
    // up are one transaction; the job may run twice, and the last run is the one committed.
    auto verdict = std::make_shared<RefreshVerdict>();
    store::writeQueued(
        committer, m_context.database,
        [request, verdict, &clock = m_context.clock](store::Database &database) {
            *verdict = RefreshVerdict {};
            return decideRefresh(database, clock, request, *verdict);
        },
        [this, verdict, token = replacement.value().token, done = std::move(done)](
            const Status<store::StoreError> &stored) {
            if (!stored) {
                done(storeFailure(stored.error()));
                return;
            }
            switch (verdict->outcome) {
            case RefreshVerdict::Outcome::Granted:
                done(tokensFor(verdict->sessionId, users::toModel(*verdict->user, false), token));
                return;
            case RefreshVerdict::Outcome::Reused:
                qCWarning(lcAuth) << "refresh token reused; session revoked:" << idText(verdict->sessionId);
                if (verdict->revokedNow)
                    emit sessionRevoked(verdict->sessionId);
                break;
            case RefreshVerdict::Outcome::Refused:
                break;
            }
            done(ServiceError::unauthorized(kInvalidRefreshToken));
        });
}

Status<store::StoreError> AuthService::decideRefresh(
    store::Database &database, const Clock &clock, const RefreshRequest &request, RefreshVerdict &verdict)
{
    RefreshTokenRepository refreshTokens(database);
    SessionRepository sessions(database);
    audit::AuditLog audit(database, clock);
    const ClientInfo &client = request.client;
    const auto stored = refreshTokens.findByHash(request.tokenHash);
    if (!stored)
        return stored.error();
    if (!stored.value())
        return audit.record(auditRecord(audit::actions::kRefresh, audit::AuditOutcome::Failure, {}, {}, {},
            client, reason(QStringLiteral("unknown_token"))));
    const RefreshTokenRecord token = *stored.value();
    const auto found = sessions.findById(token.sessionId);
    if (!found)
        return found.error();
    if (!found.value())
        return {};
    const SessionRecord session = *found.value();
    verdict.sessionId = session.id;
    const QString userId = idText(session.userId);
    const QString sessionId = idText(session.id);

    // A used token presented again: somebody holds a copy, so the whole session goes.
    const auto reuse = [&]() -> Status<store::StoreError> {
        const auto revoked = sessions.revoke(session.id, request.now, kReasonRefreshReuse);
        if (!revoked)
            return revoked.error();
        verdict.outcome = RefreshVerdict::Outcome::Reused;
        verdict.revokedNow = revoked.value();
        return audit.record(auditRecord(audit::actions::kRefreshReuse, audit::AuditOutcome::Denied, userId,
            kTargetSession, sessionId, client));
    };
    if (token.usedAt)
        return reuse();
    const auto state = SessionPolicy::stateAt(session, request.now);
    if (state != SessionPolicy::State::Live)
        return audit.record(
            auditRecord(audit::actions::kRefresh, audit::AuditOutcome::Failure, userId, kTargetSession,
                sessionId, client, reason(QStringLiteral("session_") + SessionPolicy::toString(state))));
    const auto user = users::UserRepository(database).findById(session.userId);
    if (!user)
        return user.error();
    if (!user.value() || user.value()->disabledAt)
        return audit.record(auditRecord(audit::actions::kRefresh, audit::AuditOutcome::Failure, userId,
            kTargetSession, sessionId, client, reason(QStringLiteral("disabled"))));

    const auto marked = refreshTokens.markUsed(request.tokenHash, request.now);
    if (!marked)
        return marked.error();
    if (!marked.value())
        return reuse();
    if (const auto touched = sessions.touch(session.id, request.now); !touched)
        return touched;
    const RefreshTokenRecord replacement {request.replacementHash, session.id, request.now, std::nullopt};
    if (const auto inserted = refreshTokens.insert(replacement); !inserted)
        return inserted;
    verdict.outcome = RefreshVerdict::Outcome::Granted;
    verdict.user = *user.value();
    return audit.record(auditRecord(
        audit::actions::kRefresh, audit::AuditOutcome::Success, userId, kTargetSession, sessionId, client));
}

Status<ServiceError> AuthService::logout(const Principal &principal, const ClientInfo &client)
{
    return store::answerAtOnce<Status<ServiceError>>([&](std::function<void(Status<ServiceError>)> done) {
        logoutThrough(nullptr, principal, client, std::move(done));
    });
}

void AuthService::logoutQueued(
    const Principal &principal, const ClientInfo &client, std::function<void(Status<ServiceError>)> done)
{
    logoutThrough(m_context.committer, principal, client, std::move(done));
}

void AuthService::logoutThrough(store::GroupCommitter *committer, const Principal &principal,
    const ClientInfo &client, std::function<void(Status<ServiceError>)> done)
{
    const audit::AuditRecord entry = auditRecord(audit::actions::kLogout, audit::AuditOutcome::Success,
        idText(principal.userId), kTargetSession, idText(principal.sessionId), client);
    auto revokedNow = std::make_shared<bool>(false);
    store::writeQueued(
        committer, m_context.database,
        [sessionId = principal.sessionId, now = m_context.clock.nowUtc(), entry, revokedNow,
            &clock = m_context.clock](store::Database &database) -> Status<store::StoreError> {
            const auto revoked = SessionRepository(database).revoke(sessionId, now, kReasonLogout);
            if (!revoked)
                return revoked.error();
            *revokedNow = revoked.value();
            return audit::AuditLog(database, clock).record(entry);
        },
        [this, sessionId = principal.sessionId, revokedNow, done = std::move(done)](
            const Status<store::StoreError> &stored) {
            if (!stored) {
                done(storeFailure(stored.error()));
                return;
            }
            if (*revokedNow)
                emit sessionRevoked(sessionId);
            done({});
        });
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

Result<RefreshToken, ServiceError> AuthService::newRefreshToken()
{
    auto refreshToken = RefreshTokenFactory::generate();
    if (!refreshToken) {
        qCWarning(lcAuth) << "cannot generate a refresh token:" << crypto::errorString(refreshToken.error());
        return ServiceError::internal();
    }
    return std::move(refreshToken).value();
}

Result<AuthTokens, ServiceError> AuthService::tokensFor(
    const QUuid &sessionId, const model::User &user, const QString &refreshToken)
{
    const auto accessToken = m_tokens.issue(user.id, user.role, sessionId);
    if (!accessToken) {
        qCWarning(lcAuth) << "cannot issue an access token:" << errorString(accessToken.error());
        return ServiceError::internal();
    }
    return AuthTokens {QString::fromLatin1(accessToken.value()), refreshToken, TokenService::kLifetimeSeconds,
        user, sessionId};
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
