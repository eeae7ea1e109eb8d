#pragma once

#include "common/core/result.h"
#include "common/crypto/passwordhasher.h"
#include "server/auth/authtokens.h"
#include "server/auth/sessionrecord.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/http/authenticator.h"
#include "server/users/userrecord.h"

#include <QMutex>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <optional>

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
    // again revokes its whole session.
    Result<AuthTokens, ServiceError> refresh(const QString &refreshToken, const ClientInfo &client);
    Status<ServiceError> logout(const Principal &principal, const ClientInfo &client);
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

    // The throttle and the user lookup.
    Result<LoginAttempt, ServiceError> beginLogin(const QString &username, const ClientInfo &client);
    // The verdict on the check, then the session, tokens and audit entry.
    Result<AuthTokens, ServiceError> finishLogin(const LoginAttempt &attempt, const QByteArray &passwordBytes,
        const Result<crypto::PasswordCheck, crypto::CryptoError> &check);
    void recordLoginFailure(const ClientInfo &client, const QString &actorId, const QString &why);
    Result<AuthTokens, ServiceError> issueTokens(const SessionRecord &session, const model::User &user);
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
