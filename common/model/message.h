#pragma once

#include "common/core/result.h"
#include "common/model/attachment.h"
#include "common/model/decodeerror.h"
#include "common/model/enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::model {

class JsonReader;

// One message of a conversation: the wire object `Message` of API.md. A soft-deleted
// message keeps its id but has empty content, no attachments and deletedAt set.
struct Message
{
    QUuid id;
    QUuid conversationId;
    QUuid senderId;
    MessageType type = MessageType::Text;
    QString content;
    MessageStatus status = MessageStatus::Sent;
    MessagePriority priority = MessagePriority::Normal;
    // Null: not a reply.
    std::optional<QUuid> replyToId;
    QList<Attachment> attachments;
    QDateTime createdAt;
    // Null: not delivered / not read / not deleted (yet).
    std::optional<QDateTime> deliveredAt;
    std::optional<QDateTime> readAt;
    std::optional<QDateTime> deletedAt;
    // The sender's idempotency key; null when the sender gave none.
    std::optional<QString> clientMessageId;
    QJsonObject metadata;

    bool operator==(const Message &) const = default;
};

QJsonObject toJson(const Message &message);
// QJsonDocument(toJson(message)).toJson(Compact), written directly (the send path's form).
QByteArray toJsonText(const Message &message);
Result<Message, DecodeError> messageFromJson(const QJsonObject &object);
// For objects that embed Messages (history replies, `message:new`): errors go to `reader`.
Message readMessage(JsonReader &reader);

} // namespace vw::model
