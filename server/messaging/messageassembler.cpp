#include "server/messaging/messageassembler.h"

#include "server/messaging/attachmentcipher.h"
#include "server/messaging/attachmentrepository.h"
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

Result<model::Message, ServiceError> MessageAssembler::assembleText(const MessageRecord &record)
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

Result<model::Message, ServiceError> MessageAssembler::assemble(const MessageRecord &record)
{
    auto all = assembleAll({record});
    if (!all)
        return all.error();
    return std::move(all.value().first());
}

Result<QList<model::Message>, ServiceError> MessageAssembler::assembleAll(const QList<MessageRecord> &records)
{
    QList<model::Message> messages;
    messages.reserve(records.size());
    for (const MessageRecord &record : records) {
        auto message = assembleText(record);
        if (!message)
            return message.error();
        messages.append(std::move(message).value());
    }
    if (auto added = addAttachments(messages); !added)
        return added.error();
    return messages;
}

Status<ServiceError> MessageAssembler::addAttachments(QList<model::Message> &messages)
{
    QList<QUuid> ids;
    for (const model::Message &message : messages) {
        const bool carriesFiles
            = message.type == model::MessageType::Image || message.type == model::MessageType::File;
        if (carriesFiles && !message.deletedAt)
            ids.append(message.id);
    }
    if (ids.isEmpty())
        return {};
    auto found = AttachmentRepository(m_database).forMessages(ids);
    if (!found)
        return storeFailed(found.error());
    for (model::Message &message : messages) {
        for (const AttachmentRecord &record : found.value().value(message.id)) {
            auto keys = m_keyring.keys(record.conversationId);
            if (!keys)
                return keyFailed(keys.error(), record.conversationId);
            auto meta = AttachmentCipher::openMeta(
                keys.value()->attachmentKey(), record.conversationId, record.id, record.metaEnc);
            if (!meta)
                return decryptFailed(record.conversationId, record.id);
            message.attachments.append(toModel(record, meta.value()));
        }
    }
    return {};
}

model::Attachment toModel(const AttachmentRecord &record, const AttachmentMeta &meta)
{
    return model::Attachment {
        record.id, meta.fileName, record.mimeType, record.size, meta.sha256, record.scanStatus};
}

} // namespace vw::server::messaging
