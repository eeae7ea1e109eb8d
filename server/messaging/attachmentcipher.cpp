#include "server/messaging/attachmentcipher.h"

#include "common/crypto/aead.h"
#include "common/model/wire.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace vw::server::messaging {

namespace {

QByteArray attachmentAad(const char *label, const QUuid &conversationId, const QUuid &attachmentId)
{
    return QByteArray(label) + '|' + model::uuidToWire(conversationId).toLatin1() + '|'
        + model::uuidToWire(attachmentId).toLatin1();
}

constexpr const char *kMetaLabel = "vytalwatch/attachment-meta/v1";
constexpr const char *kBlobLabel = "vytalwatch/attachment/v1";
constexpr const char *kThumbnailLabel = "vytalwatch/attachment-thumbnail/v1";

} // namespace

Result<QByteArray, crypto::CryptoError> AttachmentCipher::sealMeta(const crypto::SecretBytes &attachmentKey,
    const QUuid &conversationId, const QUuid &attachmentId, const AttachmentMeta &meta)
{
    const QJsonObject object {
        {QStringLiteral("fileName"), meta.fileName}, {QStringLiteral("sha256"), meta.sha256}};
    return crypto::Aead::seal(attachmentKey, QJsonDocument(object).toJson(QJsonDocument::Compact),
        attachmentAad(kMetaLabel, conversationId, attachmentId));
}

Result<AttachmentMeta, crypto::CryptoError> AttachmentCipher::openMeta(
    const crypto::SecretBytes &attachmentKey, const QUuid &conversationId, const QUuid &attachmentId,
    const QByteArray &sealed)
{
    auto plain
        = crypto::Aead::open(attachmentKey, sealed, attachmentAad(kMetaLabel, conversationId, attachmentId));
    if (!plain)
        return plain.error();
    const QJsonObject object = QJsonDocument::fromJson(plain.value()).object();
    const QJsonValue fileName = object.value(QStringLiteral("fileName"));
    const QJsonValue sha256 = object.value(QStringLiteral("sha256"));
    if (!fileName.isString() || !sha256.isString())
        return crypto::CryptoError::InvalidInput;
    return AttachmentMeta {fileName.toString(), sha256.toString()};
}

QByteArray AttachmentCipher::blobAad(const QUuid &conversationId, const QUuid &attachmentId)
{
    return attachmentAad(kBlobLabel, conversationId, attachmentId);
}

QByteArray AttachmentCipher::thumbnailAad(const QUuid &conversationId, const QUuid &attachmentId)
{
    return attachmentAad(kThumbnailLabel, conversationId, attachmentId);
}

} // namespace vw::server::messaging
