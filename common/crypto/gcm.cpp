#include "common/crypto/gcm.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <memory>

namespace vw::crypto::detail {

namespace {

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
struct CipherDeleter
{
    void operator()(EVP_CIPHER *cipher) const { EVP_CIPHER_free(cipher); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

// OpenSSL's update calls take an int length; larger inputs are fed in pieces of this size.
constexpr qsizetype kMaxUpdate = qsizetype {1} << 30;

// Fetching is comparatively slow and takes locks, so it happens once per process.
// EVP_CIPHER objects are immutable and safe to share between threads.
const EVP_CIPHER *aes256Gcm()
{
    static const std::unique_ptr<EVP_CIPHER, CipherDeleter> cipher(
        EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr));
    return cipher.get();
}

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

// Feeds AAD (out == nullptr) or data through the context in int-sized pieces.
bool update(EVP_CIPHER_CTX *ctx, bool encrypt, unsigned char *out, QByteArrayView in)
{
    qsizetype done = 0;
    while (done < in.size()) {
        const qsizetype piece = std::min(kMaxUpdate, in.size() - done);
        int written = 0;
        const unsigned char *src = bytes(in) + done;
        unsigned char *dst = out ? out + done : nullptr;
        const int rc = encrypt ? EVP_EncryptUpdate(ctx, dst, &written, src, static_cast<int>(piece))
                               : EVP_DecryptUpdate(ctx, dst, &written, src, static_cast<int>(piece));
        if (rc != 1 || (out && written != piece)) {
            return false;
        }
        done += piece;
    }
    return true;
}

Result<CipherCtxPtr, CryptoError> initContext(bool encrypt, const SecretBytes &key, QByteArrayView iv)
{
    if (key.size() != kAesGcmKeySize) {
        return CryptoError::InvalidKeyLength;
    }
    if (iv.size() != kAesGcmIvSize) {
        return CryptoError::InvalidIvLength;
    }
    const EVP_CIPHER *cipher = aes256Gcm();
    if (!cipher) {
        return CryptoError::BackendFailure;
    }
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx) {
        return CryptoError::OutOfMemory;
    }
    const auto *keyBytes = bytes(key.view());
    const int rc = encrypt ? EVP_EncryptInit_ex2(ctx.get(), cipher, keyBytes, bytes(iv), nullptr)
                           : EVP_DecryptInit_ex2(ctx.get(), cipher, keyBytes, bytes(iv), nullptr);
    if (rc != 1) {
        return CryptoError::BackendFailure;
    }
    return ctx;
}

} // namespace

Result<QByteArray, CryptoError> gcmEncrypt(
    const SecretBytes &key, QByteArrayView iv, QByteArrayView plaintext, QByteArrayView aad)
{
    auto ctx = initContext(true, key, iv);
    if (!ctx) {
        return ctx.error();
    }
    QByteArray out(plaintext.size() + kAesGcmTagSize, Qt::Uninitialized);
    auto *outBytes = reinterpret_cast<unsigned char *>(out.data());
    if (!update(ctx.value().get(), true, nullptr, aad)
        || !update(ctx.value().get(), true, outBytes, plaintext)) {
        return CryptoError::BackendFailure;
    }
    int finalLen = 0;
    if (EVP_EncryptFinal_ex(ctx.value().get(), outBytes + plaintext.size(), &finalLen) != 1
        || finalLen != 0) {
        return CryptoError::BackendFailure;
    }
    if (EVP_CIPHER_CTX_ctrl(ctx.value().get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kAesGcmTagSize),
            outBytes + plaintext.size())
        != 1) {
        return CryptoError::BackendFailure;
    }
    return out;
}

Result<QByteArray, CryptoError> gcmDecrypt(
    const SecretBytes &key, QByteArrayView iv, QByteArrayView ciphertextAndTag, QByteArrayView aad)
{
    auto ctx = initContext(false, key, iv);
    if (!ctx) {
        return ctx.error();
    }
    if (ciphertextAndTag.size() < kAesGcmTagSize) {
        return CryptoError::Truncated;
    }
    const QByteArrayView ciphertext = ciphertextAndTag.first(ciphertextAndTag.size() - kAesGcmTagSize);
    // OpenSSL only reads the expected tag, but the ctrl interface takes a non-const pointer.
    unsigned char tag[kAesGcmTagSize];
    std::copy_n(bytes(ciphertextAndTag) + ciphertext.size(), kAesGcmTagSize, tag);

    QByteArray out(ciphertext.size(), Qt::Uninitialized);
    auto *outBytes = reinterpret_cast<unsigned char *>(out.data());
    bool good = update(ctx.value().get(), false, nullptr, aad)
        && update(ctx.value().get(), false, outBytes, ciphertext)
        && EVP_CIPHER_CTX_ctrl(ctx.value().get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kAesGcmTagSize), tag)
            == 1;
    int finalLen = 0;
    good = good && EVP_DecryptFinal_ex(ctx.value().get(), outBytes + ciphertext.size(), &finalLen) == 1
        && finalLen == 0;
    if (!good) {
        // The unauthenticated plaintext must not survive in freed memory either.
        if (!out.isEmpty()) {
            OPENSSL_cleanse(out.data(), static_cast<size_t>(out.size()));
        }
        return CryptoError::AuthenticationFailed;
    }
    return out;
}

} // namespace vw::crypto::detail
