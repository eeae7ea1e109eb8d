#include "server/attachments/blobstore.h"

#include "common/crypto/sha256.h"
#include "common/crypto/streamdevice.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace vw::server::attachments {

bool BlobStore::isValidName(const QString &name)
{
    if (name.size() != 64)
        return false;
    return std::all_of(name.cbegin(), name.cend(),
        [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'); });
}

QString BlobStore::pathOf(const QString &name) const
{
    return m_root + u'/' + name.left(2) + u'/' + name;
}

Result<QString, BlobError> BlobStore::put(
    const crypto::SecretBytes &key, QByteArrayView aad, const QByteArray &plaintext)
{
    QByteArray input = plaintext; // shared, not copied
    QBuffer in(&input);
    QByteArray sealed;
    QBuffer out(&sealed);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
        return BlobError {QStringLiteral("cannot open memory buffers")};
    if (auto encrypted = crypto::encryptDevice(key, aad, in, out); !encrypted)
        return BlobError {QStringLiteral("encryption failed")};
    out.close();

    const QString name = QString::fromLatin1(crypto::sha256(sealed).toHex());
    const QString path = pathOf(name);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return BlobError {QStringLiteral("cannot create the blob directory")};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return BlobError {QStringLiteral("cannot create a blob: %1").arg(file.errorString())};
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(sealed) != sealed.size() || !file.commit())
        return BlobError {QStringLiteral("cannot write a blob: %1").arg(file.errorString())};
    return name;
}

Result<QByteArray, BlobError> BlobStore::get(
    const QString &name, const crypto::SecretBytes &key, QByteArrayView aad) const
{
    if (!isValidName(name))
        return BlobError {QStringLiteral("not a blob name")};
    QFile file(pathOf(name));
    if (!file.open(QIODevice::ReadOnly))
        return BlobError {QStringLiteral("cannot open a blob: %1").arg(file.errorString())};
    QByteArray plaintext;
    QBuffer out(&plaintext);
    if (!out.open(QIODevice::WriteOnly))
        return BlobError {QStringLiteral("cannot open a memory buffer")};
    if (auto decrypted = crypto::decryptDevice(key, aad, file, out); !decrypted)
        return BlobError {QStringLiteral("a blob does not open (damaged, or not this attachment's)")};
    out.close();
    return plaintext;
}

Status<BlobError> BlobStore::remove(const QString &name)
{
    if (!isValidName(name))
        return BlobError {QStringLiteral("not a blob name")};
    QFile file(pathOf(name));
    if (file.exists() && !file.remove())
        return BlobError {QStringLiteral("cannot remove a blob: %1").arg(file.errorString())};
    return {};
}

} // namespace vw::server::attachments
