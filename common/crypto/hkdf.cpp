#include "common/crypto/hkdf.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>

namespace vw::crypto {

namespace {

struct KdfDeleter
{
    void operator()(EVP_KDF *kdf) const { EVP_KDF_free(kdf); }
};
struct KdfCtxDeleter
{
    void operator()(EVP_KDF_CTX *ctx) const { EVP_KDF_CTX_free(ctx); }
};

// Fetched once per process; EVP_KDF objects are immutable and shareable between threads.
EVP_KDF *hkdfAlgorithm()
{
    static const std::unique_ptr<EVP_KDF, KdfDeleter> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
    return kdf.get();
}

// OpenSSL rejects octet-string parameters whose data pointer is null, even with length 0.
void *octets(QByteArrayView view)
{
    static char empty = 0;
    return view.isEmpty() ? &empty : const_cast<char *>(view.data());
}

} // namespace

Result<SecretBytes, CryptoError> hkdfSha256(
    QByteArrayView ikm, QByteArrayView salt, QByteArrayView info, qsizetype length)
{
    if (length < 1 || length > kHkdfSha256MaxLength) {
        return CryptoError::InvalidInput;
    }
    EVP_KDF *kdf = hkdfAlgorithm();
    if (!kdf) {
        return CryptoError::BackendFailure;
    }
    std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter> ctx(EVP_KDF_CTX_new(kdf));
    if (!ctx) {
        return CryptoError::OutOfMemory;
    }
    char digestName[] = "SHA256";
    OSSL_PARAM params[5];
    int n = 0;
    params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digestName, 0);
    params[n++]
        = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, octets(ikm), static_cast<size_t>(ikm.size()));
    // Leaving the salt out gives RFC 5869's default salt; an empty info is simply omitted.
    if (!salt.isEmpty()) {
        params[n++] = OSSL_PARAM_construct_octet_string(
            OSSL_KDF_PARAM_SALT, octets(salt), static_cast<size_t>(salt.size()));
    }
    if (!info.isEmpty()) {
        params[n++] = OSSL_PARAM_construct_octet_string(
            OSSL_KDF_PARAM_INFO, octets(info), static_cast<size_t>(info.size()));
    }
    params[n] = OSSL_PARAM_construct_end();

    SecretBytes out(length);
    if (EVP_KDF_derive(
            ctx.get(), reinterpret_cast<unsigned char *>(out.data()), static_cast<size_t>(length), params)
        != 1) {
        return CryptoError::BackendFailure;
    }
    return out;
}

} // namespace vw::crypto
