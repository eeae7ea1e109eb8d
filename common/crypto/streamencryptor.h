#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"
#include "common/crypto/streamformat.h"

#include <QByteArray>
#include <QByteArrayView>

namespace vw::crypto {

class StreamEncryptor;

namespace detail {
// For known-answer tests only: a caller-chosen 12-byte base nonce.
// NEVER REUSE A BASE NONCE WITH THE SAME KEY.
Result<StreamEncryptor, CryptoError> createStreamEncryptorWithNonce(
    const SecretBytes &key, QByteArrayView aad, qsizetype chunkSize, QByteArrayView baseNonce);
} // namespace detail

// Encrypts a file-sized stream in chunks (format in streamformat.h) with a random base
// nonce, so memory use stays at one chunk. Output = header() + every update() + finish().
// One instance per stream; not thread-safe.
class StreamEncryptor
{
    Q_DISABLE_COPY(StreamEncryptor)

public:
    // The key must be 32 bytes; chunkSize kStreamMinChunkSize..kStreamMaxChunkSize.
    static Result<StreamEncryptor, CryptoError> create(
        const SecretBytes &key, QByteArrayView aad = {}, qsizetype chunkSize = kStreamDefaultChunkSize);
    ~StreamEncryptor();
    StreamEncryptor(StreamEncryptor &&other) noexcept = default;
    StreamEncryptor &operator=(StreamEncryptor &&other) noexcept = default;

    const QByteArray &header() const { return m_header; }
    // Returns the chunks completed by this input (possibly none).
    Result<QByteArray, CryptoError> update(QByteArrayView plaintext);
    // Seals the final chunk; afterwards update() and finish() fail with InvalidState.
    Result<QByteArray, CryptoError> finish();

private:
    friend Result<StreamEncryptor, CryptoError> detail::createStreamEncryptorWithNonce(
        const SecretBytes &, QByteArrayView, qsizetype, QByteArrayView);

    StreamEncryptor(
        SecretBytes key, QByteArray aad, QByteArray header, QByteArray baseNonce, qsizetype chunkSize);
    Status<CryptoError> sealPending(bool final, QByteArray &out);

    SecretBytes m_key;
    QByteArray m_aad;
    QByteArray m_header;
    QByteArray m_baseNonce;
    QByteArray m_pending;
    qsizetype m_chunkSize = 0;
    quint64 m_index = 0;
    bool m_finished = false;
};

} // namespace vw::crypto
