#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

#include <memory>

namespace vw::crypto {

// Key material in memory: one owner, no implicit copies, wiped when it goes away.
// QByteArray is deliberately not used for storage because implicit sharing and
// reallocation would leave unwiped copies behind.
class SecretBytes
{
    Q_DISABLE_COPY(SecretBytes)

public:
    SecretBytes() = default;
    // A zero-filled secret of n bytes (n < 0 is treated as 0), for crypto code to fill in.
    explicit SecretBytes(qsizetype n);
    ~SecretBytes();
    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;

    // Copies the bytes, then wipes the source's buffer (it is detached first, so a buffer
    // shared with another QByteArray is left alone). The source keeps its size, all zeros.
    static SecretBytes fromBytes(QByteArray &&bytes);
    // Copies a view; the caller stays responsible for wiping the original.
    static SecretBytes fromView(QByteArrayView bytes);
    // Standard base64 (with padding); ASCII whitespace is ignored so a key file may end
    // with a newline. Decoding runs in constant time with respect to the content.
    static Result<SecretBytes, CryptoError> fromBase64(QByteArrayView base64);

    // The deliberate copy.
    SecretBytes clone() const;
    // Standard base64 text, itself held as a secret, for writing a key file.
    SecretBytes toBase64() const;

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    QByteArrayView view() const { return QByteArrayView(m_data.get(), m_size); }
    const char *constData() const { return m_data.get(); }
    char *data() { return m_data.get(); }

    // Constant-time comparison of the contents.
    bool equals(const SecretBytes &other) const;

private:
    void wipe();

    std::unique_ptr<char[]> m_data;
    qsizetype m_size = 0;
};

} // namespace vw::crypto
