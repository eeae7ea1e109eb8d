#pragma once

#include "common/model/enums.h"

#include <QByteArray>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::messaging {

// A row of the attachments table: one uploaded file. The file name and SHA-256 are sealed in
// metaEnc (see AttachmentCipher); the bytes are an encrypted blob named blobName.
struct AttachmentRecord
{
    QUuid id;
    QUuid conversationId;
    QUuid uploaderId;
    std::optional<QUuid> messageId; // empty until a message claims it
    QByteArray metaEnc;
    QString mimeType;
    qint64 size = 0;
    model::ScanStatus scanStatus = model::ScanStatus::Skipped;
    QString blobName;
    QString thumbnailBlob; // empty: no thumbnail
    qint64 createdAtMs = 0;
    qint64 deletedAtMs = 0; // 0: visible

    bool isImage() const { return mimeType.startsWith(QLatin1StringView("image/")); }
};

} // namespace vw::server::messaging
