#pragma once

#include "common/model/enums.h"

#include <QByteArray>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::messaging {

// A row of the messages table: content and metadata are still sealed (ContentCipher).
// Times are ms since the epoch, 0 for "not yet".
struct MessageRecord
{
    QUuid id;
    QUuid conversationId;
    QUuid senderId;
    model::MessageType type = model::MessageType::Text;
    model::MessageStatus status = model::MessageStatus::Sent;
    model::MessagePriority priority = model::MessagePriority::Normal;
    std::optional<QUuid> replyToId;
    QString clientMessageId; // empty: none given
    QByteArray contentEnc; // empty once deleted
    QByteArray metadataEnc; // empty: no metadata
    qint64 createdAtMs = 0;
    qint64 deliveredAtMs = 0;
    qint64 readAtMs = 0;
    qint64 deletedAtMs = 0;
};

// A message's place in its conversation's order: (created_at, id).
struct MessagePosition
{
    qint64 createdAtMs = 0;
    QUuid id;
};

} // namespace vw::server::messaging
