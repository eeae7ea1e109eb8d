#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"

#include <QByteArrayView>

namespace vw::crypto {

inline constexpr qsizetype kPasswordSaltSize = 16;
inline constexpr qsizetype kPasswordKeySize = 32;

// Derives a 32-byte key from a password with raw Argon2id (PasswordHasher's parameters),
// for data encrypted under the user's password (the desktop app's offline outbox).
// The salt must be 16 random bytes stored alongside the data (InvalidSaltLength otherwise).
Result<SecretBytes, CryptoError> deriveKeyFromPassword(QByteArrayView password, QByteArrayView salt);

} // namespace vw::crypto
