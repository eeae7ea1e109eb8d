#include "common/crypto/streamdecryptor.h"

#include "common/crypto/gcm.h"
#include "common/crypto/streamformat.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <limits>

namespace vw::crypto {

namespace {

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty()) {
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    }
    bytes.clear();
}

} // namespace

StreamDecryptor::StreamDecryptor(SecretBytes key, QByteArray aad)
    : m_key(std::move(key)), m_aad(std::move(aad))
{ }

StreamDecryptor::~StreamDecryptor() = default;

Result<StreamDecryptor, CryptoError> StreamDecryptor::create(const SecretBytes &key, QByteArrayView aad)
{
    if (key.size() != kAesGcmKeySize) {
        return CryptoError::InvalidKeyLength;
    }
    return StreamDecryptor(key.clone(), aad.toByteArray());
}

CryptoError StreamDecryptor::fail(CryptoError error)
{
    m_failure = error;
    wipe(m_pending);
    return error;
}

Status<CryptoError> StreamDecryptor::openPending(bool final, QByteArray &out)
{
    if (m_index == std::numeric_limits<quint64>::max()) {
        return CryptoError::InvalidInput;
    }
    auto opened = detail::gcmDecrypt(m_key, detail::streamChunkNonce(m_baseNonce, m_index), m_pending,
        detail::streamChunkAad(m_header, m_aad, m_index, final));
    if (!opened) {
        return opened.error();
    }
    out.append(opened.value());
    wipe(opened.value());
    m_pending.resize(0);
    ++m_index;
    return Status<CryptoError>::success();
}

Result<QByteArray, CryptoError> StreamDecryptor::update(QByteArrayView data)
{
    if (m_failure) {
        return *m_failure;
    }
    if (m_finished || m_key.isEmpty()) {
        return CryptoError::InvalidState;
    }
    QByteArray out;
    while (!data.isEmpty()) {
        if (m_header.isEmpty()) {
            const qsizetype take = std::min(kStreamHeaderSize - m_pending.size(), data.size());
            m_pending.append(data.first(take));
            data = data.sliced(take);
            if (m_pending.size() == kStreamHeaderSize) {
                auto header = detail::parseStreamHeader(m_pending);
                if (!header) {
                    return fail(header.error());
                }
                m_chunkSize = header.value().chunkSize;
                m_baseNonce = header.value().baseNonce;
                m_header = m_pending;
                // Only now, with the size validated, is a chunk-sized buffer allocated.
                m_pending = QByteArray();
                m_pending.reserve(m_chunkSize + kAesGcmTagSize);
            }
            continue;
        }
        const qsizetype sealedChunk = m_chunkSize + kAesGcmTagSize;
        // A full chunk followed by more data cannot be the final one.
        if (m_pending.size() == sealedChunk) {
            const auto opened = openPending(false, out);
            if (!opened) {
                wipe(out);
                return fail(opened.error());
            }
        }
        const qsizetype take = std::min(sealedChunk - m_pending.size(), data.size());
        m_pending.append(data.first(take));
        data = data.sliced(take);
    }
    return out;
}

Result<QByteArray, CryptoError> StreamDecryptor::finish()
{
    if (m_failure) {
        return *m_failure;
    }
    if (m_finished || m_key.isEmpty()) {
        return CryptoError::InvalidState;
    }
    if (m_header.isEmpty() || m_pending.size() < kAesGcmTagSize) {
        return fail(CryptoError::Truncated);
    }
    QByteArray out;
    const auto opened = openPending(true, out);
    if (!opened) {
        return fail(opened.error());
    }
    m_finished = true;
    return out;
}

} // namespace vw::crypto
