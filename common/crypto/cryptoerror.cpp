#include "common/crypto/cryptoerror.h"

namespace vw::crypto {

QString errorString(CryptoError error)
{
    switch (error) {
    case CryptoError::RandomFailure:
        return QStringLiteral("the random number generator failed");
    case CryptoError::InvalidKeyLength:
        return QStringLiteral("the key has the wrong length");
    case CryptoError::InvalidIvLength:
        return QStringLiteral("the IV has the wrong length");
    case CryptoError::InvalidSaltLength:
        return QStringLiteral("the salt has the wrong length");
    case CryptoError::InvalidInput:
        return QStringLiteral("the input is invalid");
    case CryptoError::Truncated:
        return QStringLiteral("the encrypted data is truncated");
    case CryptoError::AuthenticationFailed:
        return QStringLiteral("the encrypted data failed authentication (wrong key or tampered data)");
    case CryptoError::BackendFailure:
        return QStringLiteral("the crypto library reported an internal failure");
    case CryptoError::MalformedHash:
        return QStringLiteral("the password hash is malformed or not an accepted Argon2id hash");
    case CryptoError::MalformedHeader:
        return QStringLiteral("the encrypted stream header is malformed");
    case CryptoError::InvalidChunkSize:
        return QStringLiteral("the encrypted stream chunk size is out of range");
    case CryptoError::MalformedWrappedKey:
        return QStringLiteral("the wrapped key is malformed");
    case CryptoError::KeyIdMismatch:
        return QStringLiteral("the key was wrapped under a different master key");
    case CryptoError::InvalidState:
        return QStringLiteral("the operation is not allowed in the current state");
    case CryptoError::OutOfMemory:
        return QStringLiteral("out of memory");
    case CryptoError::IoError:
        return QStringLiteral("reading or writing the device failed");
    }
    return QStringLiteral("unknown crypto error");
}

} // namespace vw::crypto
