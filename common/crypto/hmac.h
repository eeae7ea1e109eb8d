#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"

#include <QByteArray>
#include <QByteArrayView>

namespace vw::crypto {

inline constexpr qsizetype kHmacSha256Size = 32;

// HMAC-SHA256 (RFC 2104): blind-index tokens, signed URLs, key ids. Returns the full
// 32-byte tag; compare tags with constantTimeEquals(). Thread-safe.
Result<QByteArray, CryptoError> hmacSha256(QByteArrayView key, QByteArrayView data);

} // namespace vw::crypto
