#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace vw::crypto {

// Decrypts and authenticates a stream written by StreamEncryptor, chunk by chunk.
// Feed the whole stream (header first) through update() in pieces of any size, then call
// finish(). Each chunk is authenticated before its plaintext is returned, but only a
// successful finish() proves the stream is complete and in order: if any call fails,
// the caller MUST discard all plaintext already returned (write to a QSaveFile and do
// not commit, or delete the output). After a failure every later call fails too.
// One instance per stream; not thread-safe.
class StreamDecryptor
{
    Q_DISABLE_COPY(StreamDecryptor)

public:
    // The key must be 32 bytes; the AAD must equal the one given to the encryptor.
    static Result<StreamDecryptor, CryptoError> create(const SecretBytes &key, QByteArrayView aad = {});
    ~StreamDecryptor();
    StreamDecryptor(StreamDecryptor &&other) noexcept = default;
    StreamDecryptor &operator=(StreamDecryptor &&other) noexcept = default;

    // Returns the plaintext of the chunks completed by this input (possibly none).
    Result<QByteArray, CryptoError> update(QByteArrayView data);
    // Opens the last chunk, which must carry the final flag. Fails with Truncated when the
    // stream ended early and AuthenticationFailed when it was cut, reordered or extended.
    Result<QByteArray, CryptoError> finish();

private:
    StreamDecryptor(SecretBytes key, QByteArray aad);
    Status<CryptoError> openPending(bool final, QByteArray &out);
    CryptoError fail(CryptoError error);

    SecretBytes m_key;
    QByteArray m_aad;
    QByteArray m_header;
    QByteArray m_baseNonce;
    QByteArray m_pending;
    qsizetype m_chunkSize = 0;
    quint64 m_index = 0;
    bool m_finished = false;
    std::optional<CryptoError> m_failure;
};

} // namespace vw::crypto
