#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"

#include <QByteArrayView>
#include <QString>

namespace vw::crypto {

enum class PasswordCheck { Match, Mismatch };

// Argon2id password hashes (libsodium) in the standard encoded form
// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", with OWASP's minimum parameters.
// Thread-safe; each hash or verify costs tens of milliseconds and 19 MiB of memory.
class PasswordHasher
{
public:
    static constexpr unsigned long long kOpsLimit = 2;
    static constexpr size_t kMemLimitBytes = 19 * 1024 * 1024;
    // Stored hashes asking for more than this are refused rather than attempted, so a
    // corrupted or planted hash cannot make verification allocate unbounded memory or time.
    static constexpr unsigned long long kMaxAcceptedOpsLimit = 16;
    static constexpr size_t kMaxAcceptedMemLimitBytes = 1024 * 1024 * 1024;

    PasswordHasher() = delete;

    static Result<QString, CryptoError> hash(QByteArrayView password);
    // MalformedHash for anything that is not a well-formed Argon2id hash within our limits.
    static Result<PasswordCheck, CryptoError> verify(const QString &encodedHash, QByteArrayView password);
    // True when the hash was made with other parameters than ours (rehash after login).
    static Result<bool, CryptoError> needsRehash(const QString &encodedHash);
};

namespace detail {
// The same as PasswordHasher::hash() with explicit cost parameters; for tests that need a
// hash with weaker parameters.
Result<QString, CryptoError> hashPasswordWithParams(
    QByteArrayView password, unsigned long long opsLimit, size_t memLimitBytes);
} // namespace detail

} // namespace vw::crypto
