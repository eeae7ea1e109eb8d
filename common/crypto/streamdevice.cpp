#include "common/crypto/streamdevice.h"

#include "common/crypto/streamdecryptor.h"
#include "common/crypto/streamencryptor.h"

#include <QIODevice>

namespace vw::crypto {

namespace {

constexpr qsizetype kDecryptReadSize = 64 * 1024;

bool writeAll(QIODevice &out, QByteArrayView data)
{
    if (data.isEmpty()) {
        return true;
    }
    return out.write(data.data(), data.size()) == data.size();
}

// Reads up to buffer.size() bytes; returns the byte count, 0 at the end, -1 on failure.
qint64 readSome(QIODevice &in, QByteArray &buffer)
{
    return in.read(buffer.data(), buffer.size());
}

} // namespace

Status<CryptoError> encryptDevice(
    const SecretBytes &key, QByteArrayView aad, QIODevice &in, QIODevice &out, qsizetype chunkSize)
{
    auto created = StreamEncryptor::create(key, aad, chunkSize);
    if (!created) {
        return created.error();
    }
    StreamEncryptor &encryptor = created.value();
    if (!writeAll(out, encryptor.header())) {
        return CryptoError::IoError;
    }
    QByteArray buffer(chunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = readSome(in, buffer);
        if (n < 0) {
            return CryptoError::IoError;
        }
        if (n == 0) {
            break;
        }
        auto sealed = encryptor.update(QByteArrayView(buffer.constData(), n));
        if (!sealed) {
            return sealed.error();
        }
        if (!writeAll(out, sealed.value())) {
            return CryptoError::IoError;
        }
    }
    auto last = encryptor.finish();
    if (!last) {
        return last.error();
    }
    if (!writeAll(out, last.value())) {
        return CryptoError::IoError;
    }
    return Status<CryptoError>::success();
}

Status<CryptoError> decryptDevice(const SecretBytes &key, QByteArrayView aad, QIODevice &in, QIODevice &out)
{
    auto created = StreamDecryptor::create(key, aad);
    if (!created) {
        return created.error();
    }
    StreamDecryptor &decryptor = created.value();
    QByteArray buffer(kDecryptReadSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = readSome(in, buffer);
        if (n < 0) {
            return CryptoError::IoError;
        }
        if (n == 0) {
            break;
        }
        auto opened = decryptor.update(QByteArrayView(buffer.constData(), n));
        if (!opened) {
            return opened.error();
        }
        if (!writeAll(out, opened.value())) {
            return CryptoError::IoError;
        }
    }
    auto last = decryptor.finish();
    if (!last) {
        return last.error();
    }
    if (!writeAll(out, last.value())) {
        return CryptoError::IoError;
    }
    return Status<CryptoError>::success();
}

} // namespace vw::crypto
