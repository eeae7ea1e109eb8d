#include "common/crypto/random.h"

#include <openssl/rand.h>

#include <limits>

namespace vw::crypto {

namespace {

bool fillRandom(char *out, qsizetype n)
{
    // RAND_bytes takes an int; kMaxRandomBytes keeps n well inside that range.
    static_assert(kMaxRandomBytes <= std::numeric_limits<int>::max());
    if (n == 0) {
        return true;
    }
    return RAND_bytes(reinterpret_cast<unsigned char *>(out), static_cast<int>(n)) == 1;
}

} // namespace

Result<QByteArray, CryptoError> randomBytes(qsizetype n)
{
    if (n < 0 || n > kMaxRandomBytes) {
        return CryptoError::InvalidInput;
    }
    QByteArray out(n, Qt::Uninitialized);
    if (!fillRandom(out.data(), n)) {
        return CryptoError::RandomFailure;
    }
    return out;
}

Result<SecretBytes, CryptoError> randomSecret(qsizetype n)
{
    if (n < 0 || n > kMaxRandomBytes) {
        return CryptoError::InvalidInput;
    }
    SecretBytes out(n);
    if (!fillRandom(out.data(), n)) {
        return CryptoError::RandomFailure;
    }
    return out;
}

} // namespace vw::crypto
