#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace vw::server::messaging {

// Seals the text a conversation stores (message content and metadata, the conversation's
// title and last-message preview) with AES-256-GCM under the conversation's message key.
// The AAD names the row each ciphertext belongs to, so a ciphertext copied into another
// row, column or conversation fails to open instead of showing the wrong text:
//   content   "vytalwatch/message/v1|<conversationId>|<messageId>"
//   metadata  "vytalwatch/message-metadata/v1|<conversationId>|<messageId>"
//   preview   "vytalwatch/preview/v1|<conversationId>"
//   title     "vytalwatch/title/v1|<conversationId>"
class ContentCipher
{
public:
    ContentCipher() = delete;

    static Result<QByteArray, crypto::CryptoError> sealContent(const crypto::SecretBytes &messageKey,
        const QUuid &conversationId, const QUuid &messageId, const QString &content);
    static Result<QString, crypto::CryptoError> openContent(const crypto::SecretBytes &messageKey,
        const QUuid &conversationId, const QUuid &messageId, const QByteArray &sealed);

    static Result<QByteArray, crypto::CryptoError> sealMetadata(const crypto::SecretBytes &messageKey,
        const QUuid &conversationId, const QUuid &messageId, const QJsonObject &metadata);
    static Result<QJsonObject, crypto::CryptoError> openMetadata(const crypto::SecretBytes &messageKey,
        const QUuid &conversationId, const QUuid &messageId, const QByteArray &sealed);

    static Result<QByteArray, crypto::CryptoError> sealPreview(
        const crypto::SecretBytes &messageKey, const QUuid &conversationId, const QString &preview);
    static Result<QString, crypto::CryptoError> openPreview(
        const crypto::SecretBytes &messageKey, const QUuid &conversationId, const QByteArray &sealed);

    static Result<QByteArray, crypto::CryptoError> sealTitle(
        const crypto::SecretBytes &messageKey, const QUuid &conversationId, const QString &title);
    static Result<QString, crypto::CryptoError> openTitle(
        const crypto::SecretBytes &messageKey, const QUuid &conversationId, const QByteArray &sealed);
};

} // namespace vw::server::messaging
