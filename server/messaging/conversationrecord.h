#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::messaging {

// A row of the conversations table: title and preview are still sealed (ContentCipher).
struct ConversationRecord
{
    QUuid id;
    std::optional<QUuid> patientId;
    std::optional<QUuid> providerId;
    QString pairKey; // "patientId:providerId" for a pair, empty for a group
    QByteArray titleEnc; // empty: no title
    QByteArray previewEnc; // empty: no message yet
    std::optional<QDateTime> lastMessageAt;
    QUuid createdBy;
    QDateTime createdAt;
    QJsonObject metadata;

    // The time the conversation list is ordered by: its last message, or its creation.
    qint64 activityMs() const
    {
        return lastMessageAt ? lastMessageAt->toMSecsSinceEpoch() : createdAt.toMSecsSinceEpoch();
    }
};

// The pair key of a patient–provider conversation; unique in the table.
QString pairKeyOf(const QUuid &patientId, const QUuid &providerId);

} // namespace vw::server::messaging
