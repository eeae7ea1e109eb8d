#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"
#include "common/crypto/wrappedkey.h"

#include <QString>

namespace vw::crypto {

// Identifies a master key without revealing it: the first 8 bytes of
// HMAC-SHA256(master, "vytalwatch/key-id/v1") as 16 lower-case hex characters.
Result<QString, CryptoError> masterKeyId(const SecretBytes &master);

// Wraps per-conversation data keys under the master key (KEK) with AES-256-GCM; the AAD
// is "vytalwatch/keywrap/v1:" followed by the master key id, so a wrapped key cannot be
// passed off as belonging to another master key. Key rotation unwraps with
// the old master's KeyWrap and wraps with the new one's. Thread-safe (all methods const).
class KeyWrap
{
    Q_DISABLE_COPY(KeyWrap)

public:
    static constexpr qsizetype kKeySize = 32;

    // The master key must be 32 bytes (InvalidKeyLength otherwise).
    static Result<KeyWrap, CryptoError> create(SecretBytes master);
    KeyWrap(KeyWrap &&other) noexcept = default;
    KeyWrap &operator=(KeyWrap &&other) noexcept = default;
    ~KeyWrap() = default;

    const QString &keyId() const { return m_keyId; }
    // The data key must be 32 bytes.
    Result<WrappedKey, CryptoError> wrap(const SecretBytes &dataKey) const;
    // KeyIdMismatch when the key was wrapped under another master key; AuthenticationFailed
    // (or Truncated) when the sealed bytes were altered.
    Result<SecretBytes, CryptoError> unwrap(const WrappedKey &wrapped) const;

private:
    KeyWrap(SecretBytes master, QString keyId);

    SecretBytes m_master;
    QString m_keyId;
};

} // namespace vw::crypto
