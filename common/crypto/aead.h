#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"

#include <QByteArray>
#include <QByteArrayView>

namespace vw::crypto {

// One-shot AES-256-GCM for messages and other records that fit in memory. Every seal
// draws a fresh random 96-bit IV. Sealed format: iv (12) || ciphertext || tag (16).
// The AAD is not stored; it binds the ciphertext to its context (e.g. conversation and
// message id), and open() must be given the same AAD. Thread-safe.
class Aead
{
public:
    static constexpr qsizetype kKeySize = 32;
    static constexpr qsizetype kIvSize = 12;
    static constexpr qsizetype kTagSize = 16;
    static constexpr qsizetype kOverhead = kIvSize + kTagSize;

    Aead() = delete;

    static Result<QByteArray, CryptoError> seal(
        const SecretBytes &key, QByteArrayView plaintext, QByteArrayView aad = {});
    // Fails with Truncated when the input is shorter than iv + tag, AuthenticationFailed on
    // a wrong key, wrong AAD or any modification; never returns partial plaintext.
    static Result<QByteArray, CryptoError> open(
        const SecretBytes &key, QByteArrayView sealed, QByteArrayView aad = {});
};

} // namespace vw::crypto
