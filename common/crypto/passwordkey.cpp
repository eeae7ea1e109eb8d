#include "common/crypto/passwordkey.h"

#include "common/crypto/passwordhasher.h"
#include "common/crypto/sodiumruntime.h"

#include <sodium.h>

namespace vw::crypto {

static_assert(kPasswordSaltSize == crypto_pwhash_SALTBYTES);

Result<SecretBytes, CryptoError> deriveKeyFromPassword(QByteArrayView password, QByteArrayView salt)
{
    if (!detail::ensureSodium()) {
        return CryptoError::BackendFailure;
    }
    if (salt.size() != kPasswordSaltSize) {
        return CryptoError::InvalidSaltLength;
    }
    if (static_cast<unsigned long long>(password.size()) > crypto_pwhash_PASSWD_MAX) {
        return CryptoError::InvalidInput;
    }
    SecretBytes key(kPasswordKeySize);
    const int rc = crypto_pwhash(reinterpret_cast<unsigned char *>(key.data()), kPasswordKeySize,
        password.isEmpty() ? "" : password.data(), static_cast<unsigned long long>(password.size()),
        reinterpret_cast<const unsigned char *>(salt.data()), PasswordHasher::kOpsLimit,
        PasswordHasher::kMemLimitBytes, crypto_pwhash_ALG_ARGON2ID13);
    if (rc != 0) {
        return CryptoError::OutOfMemory;
    }
    return key;
}

} // namespace vw::crypto
