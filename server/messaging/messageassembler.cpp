#include "server/messaging/messageassembler.h"

#include "server/messaging/contentcipher.h"
#include "server/messaging/conversationkeyring.h"
#include "server/messaging/messagingfailures.h"

namespace vw::server::messaging {

namespace {

std::optional<QDateTime> optionalTime(qint64 ms)
{
    if (ms == 0)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

Result<model::Message, ServiceError> MessageAssembler::assemble(const MessageRecord &record)
{
    model::Message message;
    message.id = record.id;
    message.conversationId = record.conversationId;
    message.senderId = record.senderId;
    message.type = record.type;
    message.status = record.status;
    message.priority = record.priority;
    message.replyToId = record.replyToId;
    message.createdAt = QDateTime::fromMSecsSinceEpoch(record.createdAtMs, Qt::UTC);
    message.deliveredAt = optionalTime(record.deliveredAtMs);
    message.readAt = optionalTime(record.readAtMs);
    message.deletedAt = optionalTime(record.deletedAtMs);
    if (!record.clientMessageId.isEmpty())
        message.clientMessageId = record.clientMessageId;
    if (record.deletedAtMs != 0)
        return message;

    auto keys = m_keyring.keys(record.conversationId);
    if (!keys)
        return keyFailed(keys.error(), record.conversationId);
    const crypto::SecretBytes &key = keys.value()->messageKey();
    auto content = ContentCipher::openContent(key, record.conversationId, record.id, record.contentEnc);
    if (!content)
        return decryptFailed(record.conversationId, record.id);
    message.content = content.value();
    if (!record.metadataEnc.isEmpty()) {
        auto metadata
            = ContentCipher::openMetadata(key, record.conversationId, record.id, record.metadataEnc);
        if (!metadata)
            return decryptFailed(record.conversationId, record.id);
        message.metadata = metadata.value();
    }
    return message;
}

Result<QList<model::Message>, ServiceError> MessageAssembler::assembleAll(const QList<MessageRecord> &records)
{
    QList<model::Message> messages;
    messages.reserve(records.size());
    for (const MessageRecord &record : records) {
        auto message = assemble(record);
        if (!message)
            return message.error();
        messages.append(std::move(message).value());
    }
    return messages;
}

} // namespace vw::server::messaging
