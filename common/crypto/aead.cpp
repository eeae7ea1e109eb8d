#include "common/crypto/aead.h"

#include "common/crypto/gcm.h"
#include "common/crypto/noncepool.h"

namespace vw::crypto {

static_assert(
    Aead::kKeySize == kAesGcmKeySize && Aead::kIvSize == kAesGcmIvSize && Aead::kTagSize == kAesGcmTagSize);

Result<QByteArray, CryptoError> Aead::seal(
    const SecretBytes &key, QByteArrayView plaintext, QByteArrayView aad)
{
    if (key.size() != kKeySize) {
        return CryptoError::InvalidKeyLength;
    }
    // Random IVs are safe up to about 2^32 seals per key; each conversation has its own key.
    auto iv = randomNonce(kIvSize);
    if (!iv) {
        return iv.error();
    }
    auto body = detail::gcmEncrypt(key, iv.value(), plaintext, aad);
    if (!body) {
        return body.error();
    }
    QByteArray sealed;
    sealed.reserve(kIvSize + body.value().size());
    sealed.append(iv.value()).append(body.value());
    return sealed;
}

Result<QByteArray, CryptoError> Aead::open(const SecretBytes &key, QByteArrayView sealed, QByteArrayView aad)
{
    if (key.size() != kKeySize) {
        return CryptoError::InvalidKeyLength;
    }
    if (sealed.size() < kOverhead) {
        return CryptoError::Truncated;
    }
    return detail::gcmDecrypt(key, sealed.first(kIvSize), sealed.sliced(kIvSize), aad);
}

} // namespace vw::crypto
