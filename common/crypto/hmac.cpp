#include "common/crypto/hmac.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>

namespace vw::crypto {

namespace {

struct MacDeleter
{
    void operator()(EVP_MAC *mac) const { EVP_MAC_free(mac); }
};
struct MacCtxDeleter
{
    void operator()(EVP_MAC_CTX *ctx) const { EVP_MAC_CTX_free(ctx); }
};

// Fetched once per process; EVP_MAC objects are immutable and shareable between threads.
EVP_MAC *hmacAlgorithm()
{
    static const std::unique_ptr<EVP_MAC, MacDeleter> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    return mac.get();
}

} // namespace

Result<QByteArray, CryptoError> hmacSha256(QByteArrayView key, QByteArrayView data)
{
    EVP_MAC *mac = hmacAlgorithm();
    if (!mac) {
        return CryptoError::BackendFailure;
    }
    std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> ctx(EVP_MAC_CTX_new(mac));
    if (!ctx) {
        return CryptoError::OutOfMemory;
    }
    char digestName[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestName, 0),
        OSSL_PARAM_construct_end(),
    };
    // A null key pointer means "keep the previous key" to OpenSSL, so an empty key still
    // needs a valid pointer.
    static const unsigned char emptyKey = 0;
    const auto *keyBytes = key.isEmpty() ? &emptyKey : reinterpret_cast<const unsigned char *>(key.data());
    if (EVP_MAC_init(ctx.get(), keyBytes, static_cast<size_t>(key.size()), params) != 1) {
        return CryptoError::BackendFailure;
    }
    if (!data.isEmpty()
        && EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char *>(data.data()),
               static_cast<size_t>(data.size()))
            != 1) {
        return CryptoError::BackendFailure;
    }
    QByteArray tag(kHmacSha256Size, Qt::Uninitialized);
    size_t length = 0;
    if (EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char *>(tag.data()), &length,
            static_cast<size_t>(tag.size()))
            != 1
        || length != static_cast<size_t>(kHmacSha256Size)) {
        return CryptoError::BackendFailure;
    }
    return tag;
}

} // namespace vw::crypto
