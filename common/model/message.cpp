#include "common/model/message.h"

#include "common/model/jsonreader.h"
#include "common/model/jsontextwriter.h"
#include "common/model/wire.h"

#include <QJsonArray>
#include <QJsonDocument>

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

QByteArray toJsonText(const Message &message)
{
    JsonTextWriter json(message.content.size() + 512);
    const auto optionalTime = [&json](const std::optional<QDateTime> &time) {
        if (time && time->isValid())
            json.plainString(timeToWireLatin1(*time));
        else
            json.null();
    };
    // QJsonObject's order: keys sorted.
    json.beginObject();
    json.key(QLatin1StringView("attachments"));
    if (message.attachments.isEmpty()) {
        json.raw("[]");
    } else {
        QJsonArray attachments;
        for (const Attachment &attachment : message.attachments)
            attachments.append(toJson(attachment));
        json.raw(QJsonDocument(attachments).toJson(QJsonDocument::Compact));
    }
    json.key(QLatin1StringView("clientMessageId"));
    if (message.clientMessageId)
        json.string(*message.clientMessageId);
    else
        json.null();
    json.key(QLatin1StringView("content"));
    json.string(message.content);
    json.key(QLatin1StringView("conversationId"));
    json.plainString(uuidToWireLatin1(message.conversationId));
    json.key(QLatin1StringView("createdAt"));
    optionalTime(message.createdAt);
    json.key(QLatin1StringView("deletedAt"));
    optionalTime(message.deletedAt);
    json.key(QLatin1StringView("deliveredAt"));
    optionalTime(message.deliveredAt);
    json.key(QLatin1StringView("id"));
    json.plainString(uuidToWireLatin1(message.id));
    json.key(QLatin1StringView("metadata"));
    if (message.metadata.isEmpty())
        json.raw("{}");
    else
        json.raw(QJsonDocument(message.metadata).toJson(QJsonDocument::Compact));
    json.key(QLatin1StringView("priority"));
    json.plainString(toWire(message.priority).toLatin1());
    json.key(QLatin1StringView("readAt"));
    optionalTime(message.readAt);
    json.key(QLatin1StringView("replyToId"));
    if (message.replyToId)
        json.plainString(uuidToWireLatin1(*message.replyToId));
    else
        json.null();
    json.key(QLatin1StringView("senderId"));
    json.plainString(uuidToWireLatin1(message.senderId));
    json.key(QLatin1StringView("status"));
    json.plainString(toWire(message.status).toLatin1());
    json.key(QLatin1StringView("type"));
    json.plainString(toWire(message.type).toLatin1());
    json.endObject();
    return json.take();
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
