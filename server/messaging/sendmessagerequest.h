#pragma once

#include "common/core/result.h"
#include "common/model/enums.h"
#include "common/model/limits.h"
#include "server/core/serviceerror.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::messaging {

// The body of a send (REST POST .../messages and the realtime `message:send`), validated.
struct SendMessageRequest
{
    static constexpr qsizetype kMaxClientMessageIdLength = 64;
    static constexpr qsizetype kMaxAttachments = 10;

    QString content;
    model::MessageType type = model::MessageType::Text;
    std::optional<QUuid> replyToId;
    QList<QUuid> attachmentIds;
    model::MessagePriority priority = model::MessagePriority::Normal;
    QString clientMessageId; // empty: none given

    // 400 naming the first bad field: content 1..maxContentLength UTF-16 units (may be empty
    // with attachments), type text|image|file (the server sets it from the attachments:
    // image when all are images, else file; system messages come from the platform only),
    // replyToId a UUID, priority normal|urgent, clientMessageId 1..64 characters,
    // attachmentIds up to 10 distinct UUIDs.
    static Result<SendMessageRequest, ServiceError> parse(
        const QJsonObject &body, qsizetype maxContentLength = model::kDefaultMaxContentLength);
};

} // namespace vw::server::messaging
