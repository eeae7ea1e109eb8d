#pragma once

#include "common/core/clock.h"
#include "common/core/result.h"
#include "common/crypto/secretbytes.h"
#include "server/auth/accessclaims.h"
#include "server/auth/tokenerror.h"

#include <QByteArray>
#include <QByteArrayView>

namespace vw::server::auth {

// Issues and verifies HS256 JWT access tokens under a key derived from the master key. The
// header is pinned to HS256 so "alg":"none" and algorithm-confusion tokens are refused; the
// session behind a token is checked elsewhere (AuthService), which is what makes logout immediate.
class TokenService
{
public:
    static constexpr qint64 kLifetimeSeconds = 15 * 60;
    static constexpr qsizetype kMaxTokenBytes = 4096;
    static constexpr qint64 kAllowedClockSkewSeconds = 60;

    TokenService(const crypto::SecretBytes &masterKey, const Clock &clock);
    Q_DISABLE_COPY_MOVE(TokenService)

    // A signed token for the session, valid kLifetimeSeconds from now.
    Result<QByteArray, TokenError> issue(
        const QUuid &userId, model::UserRole role, const QUuid &sessionId) const;
    Result<AccessClaims, TokenError> verify(QByteArrayView token) const;

    // Signs arbitrary header and payload JSON; for tests that forge tokens with our own key.
    Result<QByteArray, TokenError> signRaw(const QByteArray &headerJson, const QByteArray &payloadJson) const;

private:
    crypto::SecretBytes m_key;
    const Clock &m_clock;
};

} // namespace vw::server::auth
