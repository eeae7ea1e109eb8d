#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace vw::crypto {

// A data key sealed under a master key, as stored next to the data it protects:
// "v1:<keyId>:<base64url sealed>". The key id names the master key so that rotation can
// find rows that still use an old one without trying to decrypt them.
struct WrappedKey
{
    // 16 lower-case hex characters (see masterKeyId()).
    QString keyId;
    // Aead output: iv (12) || encrypted 32-byte key || tag (16).
    QByteArray sealed;

    static constexpr qsizetype kSealedSize = 12 + 32 + 16;

    QString toString() const;
    // Strict: exactly three fields, version "v1", a well-formed key id, canonical unpadded
    // base64url of exactly kSealedSize bytes; anything else is MalformedWrappedKey.
    static Result<WrappedKey, CryptoError> parse(QStringView text);
};

} // namespace vw::crypto
