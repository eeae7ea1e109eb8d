#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"
#include "common/crypto/streamformat.h"

#include <QByteArrayView>
#include <QtGlobal>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace vw::crypto {

// Device-to-device wrappers around StreamEncryptor/StreamDecryptor for files.
// `in` must deliver its data synchronously (a file or a buffer): a read of 0 bytes is
// taken as the end. A failed read or a short write is IoError. Buffered devices may still
// fail on flush or commit; check that (QSaveFile::commit()) after these return.

Status<CryptoError> encryptDevice(const SecretBytes &key, QByteArrayView aad, QIODevice &in, QIODevice &out,
    qsizetype chunkSize = kStreamDefaultChunkSize);

// On any failure the plaintext already written to `out` is unauthenticated or incomplete
// and MUST be discarded (do not commit the QSaveFile, or delete the file).
Status<CryptoError> decryptDevice(const SecretBytes &key, QByteArrayView aad, QIODevice &in, QIODevice &out);

} // namespace vw::crypto
