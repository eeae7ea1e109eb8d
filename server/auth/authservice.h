#pragma once

#include "common/core/result.h"
#include "common/crypto/passwordhasher.h"
#include "server/auth/authtokens.h"
#include "server/auth/refreshtokenfactory.h"
#include "server/auth/sessionrecord.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/http/authenticator.h"
#include "server/store/storeerror.h"
#include "server/users/userrecord.h"

#include <QMutex>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace vw::server::store {
class Database;
class GroupCommitter;
} // namespace vw::server::store

namespace vw::server::users {
class UserRepository;
}

namespace vw::server::auth {

class LoginThrottle;
class RefreshTokenRepository;
class SessionRepository;
class TokenService;

// Logins, token refresh with rotation, logout and revocation, and the per-request check that
// a bearer token belongs to a live session of an enabled user. Nothing is cached: a revoked
// session stops working on the very next request.
class AuthService : public QObject, public http::Authenticator
{
    Q_OBJECT
public:
    // Why a session was revoked, as stored in sessions.revoke_reason.
    static inline const QString kReasonLogout = QStringLiteral("logout");
    static inline const QString kReasonRefreshReuse = QStringLiteral("refresh_reuse");
    static inline const QString kReasonAdmin = QStringLiteral("admin");

    AuthService(ServerContext &context, users::UserRepository &users, SessionRepository &sessions,
        RefreshTokenRepository &refreshTokens, TokenService &tokens, LoginThrottle &throttle,
        QObject *parent = nullptr);

    Result<Principal, ServiceError> authenticate(QByteArrayView accessToken) override;

    // 401 "Invalid credentials" alike for an unknown name, a wrong password and a disabled
    // account; 429 with retryAfterSeconds while throttled.
    Result<AuthTokens, ServiceError> login(
        const QString &username, const QString &password, const ClientInfo &client);
    using LoginCallback = std::function<void(Result<AuthTokens, ServiceError>)>;
    // The same, with the password check (Argon2id: tens of milliseconds of CPU and 19 MiB) on a
    // worker thread, so the network thread keeps delivering messages while people sign in;
    // `done` runs on this object's thread.
    void loginQueued(
        const QString &username, const QString &password, const ClientInfo &client, LoginCallback done);
    // Rotates: the presented token is used up and a new pair issued. Presenting a used token
    // again revokes its whole session. refresh() and logout() write on this thread's
    // connection; their Queued twins go through the group-commit writer and call `done` (on
    // this object's thread) once the outcome is on disk.
    Result<AuthTokens, ServiceError> refresh(const QString &refreshToken, const ClientInfo &client);
    void refreshQueued(const QString &refreshToken, const ClientInfo &client, LoginCallback done);
    Status<ServiceError> logout(const Principal &principal, const ClientInfo &client);
    void logoutQueued(
        const Principal &principal, const ClientInfo &client, std::function<void(Status<ServiceError>)> done);
    // For admins and the realtime gateway. NotFound for an unknown session; revoking a revoked
    // session again succeeds without a change.
    Status<ServiceError> revokeSession(const QUuid &sessionId, const QString &reason,
        const QString &actorId = {}, const ClientInfo &client = {});

signals:
    // Emitted after the revocation committed, so listeners (the realtime gateway) can drop
    // the session's sockets at once.
    void sessionRevoked(const QUuid &sessionId);

private:
    // What a login needs to know before and after the password check.
    struct LoginAttempt
    {
        QString username;
        ClientInfo client;
        std::optional<users::UserRecord> user;
        QString hashToCheck; // the user's, or a dummy of the same cost for an unknown name
    };

    // The slow part of a login, off the network thread where possible: the password check and,
    // when it matches a hash made with weaker parameters than today's, a fresh hash.
    struct PasswordVerdict
    {
        Result<crypto::PasswordCheck, crypto::CryptoError> check;
        std::optional<QString> newHash;
    };
    // A refresh as presented, with the replacement token made in advance (the writer's job
    // only stores its hash).
    struct RefreshRequest
    {
        QString tokenHash;
        QString replacementHash;
        QDateTime now;
        ClientInfo client;
    };
    // What the writer decided about a refresh.
    struct RefreshVerdict
    {
        enum class Outcome { Refused, Granted, Reused };
        Outcome outcome = Outcome::Refused;
        QUuid sessionId;
        bool revokedNow = false; // Reused: the session was live until now
        std::optional<users::UserRecord> user; // Granted
    };

    static PasswordVerdict checkPassword(const QString &hashToCheck, const QByteArray &password);
    // The throttle and the user lookup.
    Result<LoginAttempt, ServiceError> beginLogin(const QString &username, const ClientInfo &client);
    // The verdict on the check, then the session, tokens and audit entry, stored through
    // `committer` (nullptr: at once, on this thread's connection).
    void finishLogin(store::GroupCommitter *committer, const LoginAttempt &attempt,
        const PasswordVerdict &verdict, LoginCallback done);
    void refreshThrough(store::GroupCommitter *committer, const QString &refreshToken,
        const ClientInfo &client, LoginCallback done);
    // Reads the presented token, its session and user, and writes the outcome with its audit
    // row, all in the caller's transaction on `database`.
    static Status<store::StoreError> decideRefresh(store::Database &database, const Clock &clock,
        const RefreshRequest &request, RefreshVerdict &verdict);
    void logoutThrough(store::GroupCommitter *committer, const Principal &principal, const ClientInfo &client,
        std::function<void(Status<ServiceError>)> done);
    void recordLoginFailure(const ClientInfo &client, const QString &actorId, const QString &why);
    static Result<RefreshToken, ServiceError> newRefreshToken();
    Result<AuthTokens, ServiceError> tokensFor(
        const QUuid &sessionId, const model::User &user, const QString &refreshToken);
    // A hash to verify against when the user does not exist, so both cases cost the same.
    const QString &dummyHash();

    ServerContext &m_context;
    users::UserRepository &m_users;
    SessionRepository &m_sessions;
    RefreshTokenRepository &m_refreshTokens;
    TokenService &m_tokens;
    LoginThrottle &m_throttle;
    QMutex m_dummyMutex;
    QString m_dummyHash;
    // One thread per spare core at most: each check holds 19 MiB while it runs. Declared last,
    // so it finishes (its destructor waits) before the rest of the service goes.
    QThreadPool m_passwordChecks;
};

} // namespace vw::server::auth
