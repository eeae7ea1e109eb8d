#pragma once

#include "common/core/result.h"
#include "common/model/decodeerror.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::model {

class JsonReader;

// A patient–provider pair or a care-team group, as seen by one participant: the wire
// object `Conversation` of API.md.
struct Conversation
{
    QUuid id;
    // Both set for a patient–provider pair; null in a care-team group without that pairing.
    std::optional<QUuid> patientId;
    std::optional<QUuid> providerId;
    // Everyone in the conversation, the pair included.
    QList<QUuid> participantIds;
    // Null: no title was given (a pair); clients show the other participants' names instead.
    std::optional<QString> title;
    // Null: there is no message yet. The server may shorten or blank it for deleted messages.
    std::optional<QString> lastMessagePreview;
    // Null: there is no message yet.
    std::optional<QDateTime> lastMessageAt;
    // The receiving user's own count of unread messages.
    qint64 unreadCount = 0;
    QDateTime createdAt;
    QJsonObject metadata;

    bool operator==(const Conversation &) const = default;
};

QJsonObject toJson(const Conversation &conversation);
Result<Conversation, DecodeError> conversationFromJson(const QJsonObject &object);
// For objects that embed Conversations (list replies): errors go to `reader`.
Conversation readConversation(JsonReader &reader);

} // namespace vw::model
