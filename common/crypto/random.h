#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"

#include <QByteArray>

namespace vw::crypto {

// Upper bound for a single request, so a bad length cannot exhaust memory.
inline constexpr qsizetype kMaxRandomBytes = 64 * 1024 * 1024;

// n bytes from the OpenSSL CSPRNG (IVs, salts, tokens). n must be 0..kMaxRandomBytes.
Result<QByteArray, CryptoError> randomBytes(qsizetype n);
// The same, straight into wiped-on-destruction memory, for keys.
Result<SecretBytes, CryptoError> randomSecret(qsizetype n);

} // namespace vw::crypto
