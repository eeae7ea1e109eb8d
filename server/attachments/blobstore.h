#pragma once

#include "common/core/result.h"
#include "common/crypto/secretbytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace vw::server::attachments {

// Why the blob store failed (for the log; the client sees a generic 500).
struct BlobError
{
    QString detail;
};

// Encrypted files in the data dir: `<root>/<first two hex>/<64 hex>`, the name being the
// SHA-256 of the ciphertext, so it says nothing about the content, its owner or its type.
// Each blob is the chunked AES-256-GCM stream format of common/crypto, bound by its AAD to
// one attachment; it is written to a temporary file and renamed into place (QSaveFile), so
// a crash never leaves a half-written blob under a real name.
class BlobStore
{
public:
    explicit BlobStore(QString rootDir) : m_root(std::move(rootDir)) { }

    const QString &rootDir() const { return m_root; }

    // Encrypts and stores; the blob's name.
    Result<QString, BlobError> put(
        const crypto::SecretBytes &key, QByteArrayView aad, const QByteArray &plaintext);
    // Reads and decrypts; fails for an unknown name, a damaged file or the wrong key/AAD.
    Result<QByteArray, BlobError> get(
        const QString &name, const crypto::SecretBytes &key, QByteArrayView aad) const;
    // Removing a blob that is already gone succeeds.
    Status<BlobError> remove(const QString &name);

    // 64 lower-case hex characters: nothing else is ever turned into a path.
    static bool isValidName(const QString &name);

private:
    QString pathOf(const QString &name) const;

    QString m_root;
};

} // namespace vw::server::attachments
