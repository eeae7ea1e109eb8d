#include "common/crypto/streamencryptor.h"

#include "common/crypto/gcm.h"
#include "common/crypto/noncepool.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <limits>

namespace vw::crypto {

namespace detail {

Result<StreamEncryptor, CryptoError> createStreamEncryptorWithNonce(
    const SecretBytes &key, QByteArrayView aad, qsizetype chunkSize, QByteArrayView baseNonce)
{
    if (key.size() != kAesGcmKeySize) {
        return CryptoError::InvalidKeyLength;
    }
    if (chunkSize < kStreamMinChunkSize || chunkSize > kStreamMaxChunkSize) {
        return CryptoError::InvalidChunkSize;
    }
    if (baseNonce.size() != kStreamNonceSize) {
        return CryptoError::InvalidIvLength;
    }
    return StreamEncryptor(key.clone(), aad.toByteArray(), encodeStreamHeader(chunkSize, baseNonce),
        baseNonce.toByteArray(), chunkSize);
}

} // namespace detail

StreamEncryptor::StreamEncryptor(
    SecretBytes key, QByteArray aad, QByteArray header, QByteArray baseNonce, qsizetype chunkSize)
    : m_key(std::move(key)),
      m_aad(std::move(aad)),
      m_header(std::move(header)),
      m_baseNonce(std::move(baseNonce)),
      m_chunkSize(chunkSize)
{
    m_pending.reserve(m_chunkSize);
}

StreamEncryptor::~StreamEncryptor()
{
    // The pending buffer holds plaintext; do not leave it in freed memory.
    if (!m_pending.isEmpty()) {
        OPENSSL_cleanse(m_pending.data(), static_cast<size_t>(m_pending.size()));
    }
}

Result<StreamEncryptor, CryptoError> StreamEncryptor::create(
    const SecretBytes &key, QByteArrayView aad, qsizetype chunkSize)
{
    auto nonce = randomNonce(kStreamNonceSize);
    if (!nonce) {
        return nonce.error();
    }
    return detail::createStreamEncryptorWithNonce(key, aad, chunkSize, nonce.value());
}

Status<CryptoError> StreamEncryptor::sealPending(bool final, QByteArray &out)
{
    if (m_index == std::numeric_limits<quint64>::max()) {
        return CryptoError::InvalidInput;
    }
    auto sealed = detail::gcmEncrypt(m_key, detail::streamChunkNonce(m_baseNonce, m_index), m_pending,
        detail::streamChunkAad(m_header, m_aad, m_index, final));
    if (!sealed) {
        return sealed.error();
    }
    out.append(sealed.value());
    OPENSSL_cleanse(m_pending.data(), static_cast<size_t>(m_pending.size()));
    m_pending.resize(0);
    ++m_index;
    return Status<CryptoError>::success();
}

Result<QByteArray, CryptoError> StreamEncryptor::update(QByteArrayView plaintext)
{
    if (m_finished || m_key.isEmpty()) {
        return CryptoError::InvalidState;
    }
    QByteArray out;
    while (!plaintext.isEmpty()) {
        // A full chunk is sealed only once more input proves it is not the last one.
        if (m_pending.size() == m_chunkSize) {
            const auto sealed = sealPending(false, out);
            if (!sealed) {
                return sealed.error();
            }
        }
        const qsizetype take = std::min(m_chunkSize - m_pending.size(), plaintext.size());
        m_pending.append(plaintext.first(take));
        plaintext = plaintext.sliced(take);
    }
    return out;
}

Result<QByteArray, CryptoError> StreamEncryptor::finish()
{
    if (m_finished || m_key.isEmpty()) {
        return CryptoError::InvalidState;
    }
    QByteArray out;
    const auto sealed = sealPending(true, out);
    if (!sealed) {
        return sealed.error();
    }
    m_finished = true;
    return out;
}

} // namespace vw::crypto
