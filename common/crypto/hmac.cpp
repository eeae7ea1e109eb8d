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

// Fetched once per process; EVP_MAC objects are immutable and shareable between threads.
EVP_MAC *hmacAlgorithm()
{
    static const std::unique_ptr<EVP_MAC, MacDeleter> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    return mac.get();
}

} // namespace

void HmacSha256::ContextDeleter::operator()(evp_mac_ctx_st *ctx) const
{
    EVP_MAC_CTX_free(ctx);
}

HmacSha256::HmacSha256(std::unique_ptr<evp_mac_ctx_st, ContextDeleter> keyed) : m_ctx(std::move(keyed)) { }
HmacSha256::HmacSha256(HmacSha256 &&) noexcept = default;
HmacSha256 &HmacSha256::operator=(HmacSha256 &&) noexcept = default;
HmacSha256::~HmacSha256() = default;

Result<HmacSha256, CryptoError> HmacSha256::create(QByteArrayView key)
{
    EVP_MAC *mac = hmacAlgorithm();
    if (!mac) {
        return CryptoError::BackendFailure;
    }
    std::unique_ptr<evp_mac_ctx_st, ContextDeleter> ctx(EVP_MAC_CTX_new(mac));
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
    return HmacSha256(std::move(ctx));
}

Result<QByteArray, CryptoError> HmacSha256::mac(QByteArrayView data)
{
    // Re-initialising with a null key restarts the MAC under the key already set.
    if (!m_fresh && EVP_MAC_init(m_ctx.get(), nullptr, 0, nullptr) != 1) {
        return CryptoError::BackendFailure;
    }
    m_fresh = false;
    if (!data.isEmpty()
        && EVP_MAC_update(m_ctx.get(), reinterpret_cast<const unsigned char *>(data.data()),
               static_cast<size_t>(data.size()))
            != 1) {
        return CryptoError::BackendFailure;
    }
    QByteArray tag(kHmacSha256Size, Qt::Uninitialized);
    size_t length = 0;
    if (EVP_MAC_final(m_ctx.get(), reinterpret_cast<unsigned char *>(tag.data()), &length,
            static_cast<size_t>(tag.size()))
            != 1
        || length != static_cast<size_t>(kHmacSha256Size)) {
        return CryptoError::BackendFailure;
    }
    return tag;
}

Result<QByteArray, CryptoError> hmacSha256(QByteArrayView key, QByteArrayView data)
{
    auto keyed = HmacSha256::create(key);
    if (!keyed) {
        return keyed.error();
    }
    return keyed.value().mac(data);
}

} // namespace vw::crypto
