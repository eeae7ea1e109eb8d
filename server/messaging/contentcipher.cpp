#include "server/messaging/contentcipher.h"

#include "common/crypto/aead.h"
#include "common/model/wire.h"

#include <QJsonDocument>
#include <QStringDecoder>

namespace vw::server::messaging {

namespace {

QByteArray rowAad(const char *label, const QUuid &conversationId, const QUuid &messageId = {})
{
    QByteArray aad = QByteArray(label) + '|' + model::uuidToWire(conversationId).toLatin1();
    if (!messageId.isNull())
        aad += '|' + model::uuidToWire(messageId).toLatin1();
    return aad;
}

Result<QString, crypto::CryptoError> openText(
    const crypto::SecretBytes &key, const QByteArray &sealed, const QByteArray &aad)
{
    auto plain = crypto::Aead::open(key, sealed, aad);
    if (!plain)
        return plain.error();
    // Authenticated bytes are ours, but a decoder error is still refused, never shown.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(plain.value());
    if (decoder.hasError())
        return crypto::CryptoError::InvalidInput;
    return text;
}

constexpr const char *kContentLabel = "vytalwatch/message/v1";
constexpr const char *kMetadataLabel = "vytalwatch/message-metadata/v1";
constexpr const char *kPreviewLabel = "vytalwatch/preview/v1";
constexpr const char *kTitleLabel = "vytalwatch/title/v1";

} // namespace

Result<QByteArray, crypto::CryptoError> ContentCipher::sealContent(const crypto::SecretBytes &messageKey,
    const QUuid &conversationId, const QUuid &messageId, const QString &content)
{
    return crypto::Aead::seal(messageKey, content.toUtf8(), rowAad(kContentLabel, conversationId, messageId));
}

Result<QString, crypto::CryptoError> ContentCipher::openContent(const crypto::SecretBytes &messageKey,
    const QUuid &conversationId, const QUuid &messageId, const QByteArray &sealed)
{
    return openText(messageKey, sealed, rowAad(kContentLabel, conversationId, messageId));
}

Result<QByteArray, crypto::CryptoError> ContentCipher::sealMetadata(const crypto::SecretBytes &messageKey,
    const QUuid &conversationId, const QUuid &messageId, const QJsonObject &metadata)
{
    return crypto::Aead::seal(messageKey, QJsonDocument(metadata).toJson(QJsonDocument::Compact),
        rowAad(kMetadataLabel, conversationId, messageId));
}

Result<QJsonObject, crypto::CryptoError> ContentCipher::openMetadata(const crypto::SecretBytes &messageKey,
    const QUuid &conversationId, const QUuid &messageId, const QByteArray &sealed)
{
    auto plain = crypto::Aead::open(messageKey, sealed, rowAad(kMetadataLabel, conversationId, messageId));
    if (!plain)
        return plain.error();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(plain.value(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return crypto::CryptoError::InvalidInput;
    return document.object();
}

Result<QByteArray, crypto::CryptoError> ContentCipher::sealPreview(
    const crypto::SecretBytes &messageKey, const QUuid &conversationId, const QString &preview)
{
    return crypto::Aead::seal(messageKey, preview.toUtf8(), rowAad(kPreviewLabel, conversationId));
}

Result<QString, crypto::CryptoError> ContentCipher::openPreview(
    const crypto::SecretBytes &messageKey, const QUuid &conversationId, const QByteArray &sealed)
{
    return openText(messageKey, sealed, rowAad(kPreviewLabel, conversationId));
}

Result<QByteArray, crypto::CryptoError> ContentCipher::sealTitle(
    const crypto::SecretBytes &messageKey, const QUuid &conversationId, const QString &title)
{
    return crypto::Aead::seal(messageKey, title.toUtf8(), rowAad(kTitleLabel, conversationId));
}

Result<QString, crypto::CryptoError> ContentCipher::openTitle(
    const crypto::SecretBytes &messageKey, const QUuid &conversationId, const QByteArray &sealed)
{
    return openText(messageKey, sealed, rowAad(kTitleLabel, conversationId));
}

} // namespace vw::server::messaging
