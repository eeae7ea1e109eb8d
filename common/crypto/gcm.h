#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"

#include <QByteArray>
#include <QByteArrayView>

namespace vw::crypto {

inline constexpr qsizetype kAesGcmKeySize = 32;
inline constexpr qsizetype kAesGcmIvSize = 12;
inline constexpr qsizetype kAesGcmTagSize = 16;

} // namespace vw::crypto

// Raw AES-256-GCM with a caller-chosen IV. Application code uses Aead (random IVs) or the
// stream classes (derived nonces); this exists for them and for known-answer tests.
//
// NEVER REUSE AN IV WITH THE SAME KEY: a repeated (key, IV) pair reveals the XOR of the two
// plaintexts and lets an attacker forge tags for that key.
namespace vw::crypto::detail {

// Returns ciphertext || 16-byte tag. The IV must be 12 bytes, the key 32.
Result<QByteArray, CryptoError> gcmEncrypt(
    const SecretBytes &key, QByteArrayView iv, QByteArrayView plaintext, QByteArrayView aad);
// Takes ciphertext || tag; returns the plaintext only when the tag verifies, never a part of it.
Result<QByteArray, CryptoError> gcmDecrypt(
    const SecretBytes &key, QByteArrayView iv, QByteArrayView ciphertextAndTag, QByteArrayView aad);

} // namespace vw::crypto::detail
