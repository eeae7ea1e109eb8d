#pragma once

#include "common/core/result.h"
#include "common/crypto/cryptoerror.h"
#include "common/crypto/secretbytes.h"

#include <QByteArray>
#include <QString>
#include <QUuid>

namespace vw::server::messaging {

// What of an attachment is sealed in its row: the client's file name (it often names the
// patient or the condition) and the SHA-256 of the plaintext (which would confirm a guess).
struct AttachmentMeta
{
    QString fileName;
    QString sha256; // lower-case hex
};

// Seals attachments under the conversation's attachment key (HKDF from its data key). Every
// AAD names the conversation and the attachment, so neither a row's metadata nor a blob can
// be moved to another attachment:
//   metadata   "vytalwatch/attachment-meta/v1|<conversationId>|<attachmentId>"
//   blob       "vytalwatch/attachment/v1|<conversationId>|<attachmentId>"       (stream format)
//   thumbnail  "vytalwatch/attachment-thumbnail/v1|<conversationId>|<attachmentId>"
class AttachmentCipher
{
public:
    AttachmentCipher() = delete;

    static Result<QByteArray, crypto::CryptoError> sealMeta(const crypto::SecretBytes &attachmentKey,
        const QUuid &conversationId, const QUuid &attachmentId, const AttachmentMeta &meta);
    static Result<AttachmentMeta, crypto::CryptoError> openMeta(const crypto::SecretBytes &attachmentKey,
        const QUuid &conversationId, const QUuid &attachmentId, const QByteArray &sealed);

    static QByteArray blobAad(const QUuid &conversationId, const QUuid &attachmentId);
    static QByteArray thumbnailAad(const QUuid &conversationId, const QUuid &attachmentId);
};

} // namespace vw::server::messaging
