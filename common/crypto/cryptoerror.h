#pragma once

#include <QString>

namespace vw::crypto {

// Why a crypto operation failed. Callers decide what to tell the user; the text from
// errorString() is for logs and never contains key material.
enum class CryptoError {
    RandomFailure,
    InvalidKeyLength,
    InvalidIvLength,
    InvalidSaltLength,
    InvalidInput,
    Truncated,
    AuthenticationFailed,
    BackendFailure,
    MalformedHash,
    MalformedHeader,
    InvalidChunkSize,
    MalformedWrappedKey,
    KeyIdMismatch,
    InvalidState,
    OutOfMemory,
    IoError,
};

QString errorString(CryptoError error);

} // namespace vw::crypto
