#include "common/model/message.h"

#include "common/model/jsonreader.h"
#include "common/model/wire.h"

#include <QJsonArray>

namespace vw::model {

QJsonObject toJson(const Message &message)
{
    QJsonArray attachments;
    for (const Attachment &attachment : message.attachments)
        attachments.append(toJson(attachment));
    return QJsonObject {
        {QStringLiteral("id"), uuidToWire(message.id)},
        {QStringLiteral("conversationId"), uuidToWire(message.conversationId)},
        {QStringLiteral("senderId"), uuidToWire(message.senderId)},
        {QStringLiteral("type"), toWire(message.type)},
        {QStringLiteral("content"), message.content},
        {QStringLiteral("status"), toWire(message.status)},
        {QStringLiteral("priority"), toWire(message.priority)},
        {QStringLiteral("replyToId"), uuidToJson(message.replyToId)},
        {QStringLiteral("attachments"), attachments},
        {QStringLiteral("createdAt"), timeToJson(message.createdAt)},
        {QStringLiteral("deliveredAt"), timeToJson(message.deliveredAt)},
        {QStringLiteral("readAt"), timeToJson(message.readAt)},
        {QStringLiteral("deletedAt"), timeToJson(message.deletedAt)},
        {QStringLiteral("clientMessageId"), stringToJson(message.clientMessageId)},
        {QStringLiteral("metadata"), message.metadata},
    };
}

Message readMessage(JsonReader &reader)
{
    Message message;
    message.id = reader.requireUuid(u"id");
    message.conversationId = reader.requireUuid(u"conversationId");
    message.senderId = reader.requireUuid(u"senderId");
    message.type = reader.requireEnum<MessageType>(u"type");
    message.content = reader.requireString(u"content");
    message.status = reader.requireEnum<MessageStatus>(u"status");
    message.priority = reader.requireEnum<MessagePriority>(u"priority");
    message.replyToId = reader.optionalUuid(u"replyToId");
    reader.requireObjectArray(u"attachments", kMaxAttachmentsPerMessage,
        [&message](JsonReader &item) { message.attachments.append(readAttachment(item)); });
    message.createdAt = reader.requireTime(u"createdAt");
    message.deliveredAt = reader.optionalTime(u"deliveredAt");
    message.readAt = reader.optionalTime(u"readAt");
    message.deletedAt = reader.optionalTime(u"deletedAt");
    message.clientMessageId
        = reader.optionalString(u"clientMessageId", {.minLength = 1, .maxLength = kMaxClientMessageIdLength});
    message.metadata = reader.optionalObject(u"metadata").value_or(QJsonObject());
    return message;
}

Result<Message, DecodeError> messageFromJson(const QJsonObject &object)
{
    JsonReader reader(object);
    Message message = readMessage(reader);
    if (!reader.ok())
        return *reader.error();
    return message;
}

} // namespace vw::model
