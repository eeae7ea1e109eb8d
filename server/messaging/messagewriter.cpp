#include "server/messaging/messagewriter.h"

#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/messaging/attachmentcipher.h"
#include "server/messaging/attachmentrepository.h"
#include "server/messaging/blindindex.h"
#include "server/messaging/contentcipher.h"
#include "server/messaging/conversationkeyring.h"
#include "server/messaging/conversationrepository.h"
#include "server/messaging/messageassembler.h"
#include "server/messaging/messagerepository.h"
#include "server/messaging/messagingevents.h"
#include "server/messaging/messagingfailures.h"
#include "server/messaging/participantrepository.h"
#include "server/messaging/searchtokenrepository.h"
#include "server/metrics/metrics.h"
#include "server/store/transaction.h"

#include <algorithm>

namespace vw::server::messaging {

namespace {

// Files make the type: image when every attachment is an image, file otherwise.
model::MessageType typeFor(model::MessageType requested, const QList<model::Attachment> &attachments)
{
    if (attachments.isEmpty())
        return requested == model::MessageType::System ? requested : model::MessageType::Text;
    const bool allImages = std::all_of(attachments.cbegin(), attachments.cend(),
        [](const model::Attachment &a) { return a.mimeType.startsWith(QLatin1StringView("image/")); });
    return allImages ? model::MessageType::Image : model::MessageType::File;
}

} // namespace

QString previewOf(const QString &content, qsizetype length)
{
    QString preview = content.left(length);
    if (!preview.isEmpty() && preview.back().isHighSurrogate())
        preview.chop(1);
    return preview;
}

MessageWriter::MessageWriter(
    const ServerContext &context, ConversationKeyring &keyring, MessagingEvents &events)
    : m_context(context), m_keyring(keyring), m_events(events)
{ }

Result<std::optional<SendOutcome>, ServiceError> MessageWriter::existing(const NewMessage &message)
{
    if (message.clientMessageId.isEmpty())
        return std::optional<SendOutcome>();
    MessageRepository messages(m_context.database);
    auto found = messages.findByClientId(message.senderId, message.clientMessageId);
    if (!found)
        return storeFailed(found.error());
    if (!found.value())
        return std::optional<SendOutcome>();
    if (found.value()->conversationId != message.conversationId)
        return ServiceError::conflict(
            QStringLiteral("clientMessageId was already used in another conversation"));
    auto original = MessageAssembler(m_context.database, m_keyring).assemble(*found.value());
    if (!original)
        return original.error();
    return std::optional<SendOutcome>(SendOutcome {std::move(original).value(), false});
}

Status<ServiceError> MessageWriter::checkReplyTarget(const NewMessage &message)
{
    if (!message.replyToId)
        return {};
    auto target = MessageRepository(m_context.database).findById(*message.replyToId);
    if (!target)
        return storeFailed(target.error());
    if (!target.value() || target.value()->conversationId != message.conversationId)
        return ServiceError::badRequest(QStringLiteral("replyToId: not a message of this conversation"));
    return {};
}

Result<QList<model::Attachment>, ServiceError> MessageWriter::claimableAttachments(
    const NewMessage &message, const crypto::SecretBytes &attachmentKey)
{
    QList<model::Attachment> attachments;
    AttachmentRepository repository(m_context.database);
    for (const QUuid &id : message.attachmentIds) {
        auto found = repository.findById(id);
        if (!found)
            return storeFailed(found.error());
        const auto &record = found.value();
        if (!record || record->conversationId != message.conversationId
            || record->uploaderId != message.senderId || record->messageId || record->deletedAtMs != 0) {
            return ServiceError::badRequest(
                QStringLiteral("attachmentIds: %1 is not an unsent upload of yours in this conversation")
                    .arg(model::uuidToWire(id)));
        }
        auto meta
            = AttachmentCipher::openMeta(attachmentKey, record->conversationId, record->id, record->metaEnc);
        if (!meta)
            return decryptFailed(record->conversationId, record->id);
        attachments.append(toModel(*record, meta.value()));
    }
    return attachments;
}

Result<SendOutcome, ServiceError> MessageWriter::write(const NewMessage &message, const ClientInfo &client)
{
    auto repeated = existing(message);
    if (!repeated)
        return repeated.error();
    if (repeated.value())
        return std::move(*repeated.value());
    if (auto reply = checkReplyTarget(message); !reply)
        return reply.error();
    auto keys = m_keyring.keys(message.conversationId);
    if (!keys)
        return keyFailed(keys.error(), message.conversationId);
    const crypto::SecretBytes &key = keys.value()->messageKey();
    auto attachments = claimableAttachments(message, keys.value()->attachmentKey());
    if (!attachments)
        return attachments.error();

    MessageRecord record;
    record.id = QUuid::createUuid();
    record.conversationId = message.conversationId;
    record.senderId = message.senderId;
    record.type = typeFor(message.type, attachments.value());
    record.priority = message.priority;
    record.replyToId = message.replyToId;
    record.clientMessageId = message.clientMessageId;
    record.createdAtMs = m_context.clock.nowUtc().toMSecsSinceEpoch();
    auto content = ContentCipher::sealContent(key, record.conversationId, record.id, message.content);
    auto tokens = BlindIndex::tokens(keys.value()->searchKey(), message.content);
    auto preview
        = ContentCipher::sealPreview(key, record.conversationId, previewOf(message.content, kPreviewLength));
    if (!content || !tokens || !preview)
        return keyFailed(KeyringError::CryptoFailed, record.conversationId);
    record.contentEnc = content.value();
    if (!message.metadata.isEmpty()) {
        auto metadata = ContentCipher::sealMetadata(key, record.conversationId, record.id, message.metadata);
        if (!metadata)
            return keyFailed(KeyringError::CryptoFailed, record.conversationId);
        record.metadataEnc = metadata.value();
    }

    QList<QUuid> participantIds;
    if (auto persisted = persist(record, tokens.value(), preview.value(), message.content.size(),
            message.attachmentIds, client, participantIds);
        !persisted) {
        if (persisted.error().kind != store::StoreError::Kind::Conflict)
            return storeFailed(persisted.error());
        // A concurrent request with the same clientMessageId won: answer with its message.
        auto again = existing(message);
        if (!again)
            return again.error();
        if (!again.value()) // not the clientMessageId: an attachment was claimed meanwhile
            return ServiceError::conflict(
                QStringLiteral("attachmentIds: an attachment was sent with another message"));
        return std::move(*again.value());
    }

    m_context.metrics.addMessagesStored();
    model::Message stored;
    stored.id = record.id;
    stored.conversationId = record.conversationId;
    stored.senderId = record.senderId;
    stored.type = record.type;
    stored.content = message.content;
    stored.priority = record.priority;
    stored.replyToId = record.replyToId;
    stored.createdAt = QDateTime::fromMSecsSinceEpoch(record.createdAtMs, Qt::UTC);
    if (!record.clientMessageId.isEmpty())
        stored.clientMessageId = record.clientMessageId;
    stored.metadata = message.metadata;
    stored.attachments = attachments.value();
    emit m_events.messageCreated(stored, participantIds);
    return SendOutcome {stored, true};
}

Status<store::StoreError> MessageWriter::persist(const MessageRecord &record, const QList<QByteArray> &tokens,
    const QByteArray &previewEnc, qsizetype contentLength, const QList<QUuid> &attachmentIds,
    const ClientInfo &client, QList<QUuid> &participantIds)
{
    store::Database &db = m_context.database;
    store::Transaction transaction(db);
    if (!transaction.isActive())
        return store::StoreError {
            store::StoreError::Kind::QueryFailed, QStringLiteral("cannot begin a transaction")};
    if (auto inserted = MessageRepository(db).insert(record); !inserted)
        return inserted;
    if (auto indexed = SearchTokenRepository(db).insert(record.conversationId, record.id, tokens); !indexed)
        return indexed;
    auto claimed
        = AttachmentRepository(db).claim(attachmentIds, record.id, record.conversationId, record.senderId);
    if (!claimed)
        return claimed.error();
    if (claimed.value() != attachmentIds.size()) // another message took one since the check
        return store::StoreError {
            store::StoreError::Kind::Conflict, QStringLiteral("attachment already claimed")};
    if (auto counted = ParticipantRepository(db).incrementUnread(record.conversationId, record.senderId);
        !counted)
        return counted;
    if (auto updated
        = ConversationRepository(db).updateLastMessage(record.conversationId, record.createdAtMs, previewEnc);
        !updated)
        return updated;
    audit::AuditRecord entry;
    entry.action = audit::actions::kMessageSend;
    entry.actorId = model::uuidToWire(record.senderId);
    entry.targetType = QStringLiteral("message");
    entry.targetId = model::uuidToWire(record.id);
    entry.client = client;
    entry.details = QJsonObject {{QStringLiteral("conversationId"), model::uuidToWire(record.conversationId)},
        {QStringLiteral("length"), contentLength}, {QStringLiteral("type"), model::toWire(record.type)},
        {QStringLiteral("attachments"), attachmentIds.size()},
        {QStringLiteral("priority"), model::toWire(record.priority)}};
    if (auto audited = m_context.audit.record(entry); !audited)
        return audited;
    auto members = ParticipantRepository(db).forConversations({record.conversationId});
    if (!members)
        return members.error();
    participantIds.clear();
    for (const ParticipantRecord &member : members.value())
        participantIds.append(member.userId);
    return transaction.commit();
}

} // namespace vw::server::messaging
