#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"

#include <QByteArrayView>
#include <QString>

namespace vw::server::auth {

// A fresh refresh token: the text for the client and the hash we store.
struct RefreshToken
{
    QString token; // 32 random bytes, unpadded base64url (43 characters)
    QString hash; // hex SHA-256 of the token text
};

// Makes refresh tokens and their storage hashes; the token itself is never stored.
class RefreshTokenFactory
{
public:
    static constexpr qsizetype kRandomBytes = 32;

    static Result<RefreshToken, crypto::CryptoError> generate();
    static QString hashOf(QByteArrayView token);
};

} // namespace vw::server::auth
