#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"

#include <QByteArrayView>

namespace vw::crypto {

// RFC 5869 allows at most 255 hash blocks of output.
inline constexpr qsizetype kHkdfSha256MaxLength = 255 * 32;

// HKDF-SHA256 extract-and-expand (RFC 5869): derives purpose-specific subkeys, with `info`
// naming the purpose. An empty salt means the RFC's default (HashLen zero bytes).
// length must be 1..kHkdfSha256MaxLength. Thread-safe.
Result<SecretBytes, CryptoError> hkdfSha256(
    QByteArrayView ikm, QByteArrayView salt, QByteArrayView info, qsizetype length);

} // namespace vw::crypto
