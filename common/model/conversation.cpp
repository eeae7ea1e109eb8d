#include "common/model/conversation.h"

#include "common/model/jsonreader.h"
#include "common/model/wire.h"

#include <QJsonArray>

namespace vw::model {

QJsonObject toJson(const Conversation &conversation)
{
    QJsonArray participants;
    for (const QUuid &participant : conversation.participantIds)
        participants.append(uuidToWire(participant));
    return QJsonObject {
        {QStringLiteral("id"), uuidToWire(conversation.id)},
        {QStringLiteral("patientId"), uuidToJson(conversation.patientId)},
        {QStringLiteral("providerId"), uuidToJson(conversation.providerId)},
        {QStringLiteral("participantIds"), participants},
        {QStringLiteral("title"), stringToJson(conversation.title)},
        {QStringLiteral("lastMessagePreview"), stringToJson(conversation.lastMessagePreview)},
        {QStringLiteral("lastMessageAt"), timeToJson(conversation.lastMessageAt)},
        {QStringLiteral("unreadCount"), conversation.unreadCount},
        {QStringLiteral("createdAt"), timeToJson(conversation.createdAt)},
        {QStringLiteral("metadata"), conversation.metadata},
    };
}

Conversation readConversation(JsonReader &reader)
{
    Conversation conversation;
    conversation.id = reader.requireUuid(u"id");
    conversation.patientId = reader.optionalUuid(u"patientId");
    conversation.providerId = reader.optionalUuid(u"providerId");
    conversation.participantIds = reader.requireUuidArray(u"participantIds", kMaxParticipants);
    conversation.title = reader.optionalString(u"title", {.maxLength = kMaxConversationTitleLength});
    conversation.lastMessagePreview = reader.optionalString(u"lastMessagePreview");
    conversation.lastMessageAt = reader.optionalTime(u"lastMessageAt");
    conversation.unreadCount = reader.requireInt(u"unreadCount", 0, kMaxSafeInteger);
    conversation.createdAt = reader.requireTime(u"createdAt");
    conversation.metadata = reader.optionalObject(u"metadata").value_or(QJsonObject());
    return conversation;
}

Result<Conversation, DecodeError> conversationFromJson(const QJsonObject &object)
{
    JsonReader reader(object);
    Conversation conversation = readConversation(reader);
    if (!reader.ok())
        return *reader.error();
    return conversation;
}

} // namespace vw::model
