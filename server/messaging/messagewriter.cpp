#include "server/messaging/messagewriter.h"

#include "common/core/timeorderedid.h"
#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditchain.h"
#include "server/audit/auditlog.h"
#include "server/messaging/attachmentcipher.h"
#include "server/messaging/attachmentrepository.h"
#include "server/messaging/contentcipher.h"
#include "server/messaging/conversationactivity.h"
#include "server/messaging/conversationkeyring.h"
#include "server/messaging/messageassembler.h"
#include "server/messaging/messagerepository.h"
#include "server/messaging/messagingevents.h"
#include "server/messaging/messagingfailures.h"
#include "server/metrics/metrics.h"
#include "server/store/batchscope.h"
#include "server/store/database.h"
#include "server/store/groupcommitter.h"
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

// The message.send audit entry (ids, sizes, kinds; never content), with its details serialised
// here on the network thread rather than on the writer.
audit::AuditRecord sendAuditRecord(const PreparedMessage &message)
{
    const MessageRecord &record = message.record;
    audit::AuditRecord entry;
    entry.action = audit::actions::kMessageSend;
    entry.actorId = model::uuidToWire(record.senderId);
    entry.targetType = QStringLiteral("message");
    entry.targetId = model::uuidToWire(record.id);
    entry.client = message.client;
    entry.details = QJsonObject {{QStringLiteral("conversationId"), model::uuidToWire(record.conversationId)},
        {QStringLiteral("length"), message.contentLength},
        {QStringLiteral("type"), model::toWire(record.type)},
        {QStringLiteral("attachments"), message.attachmentIds.size()},
        {QStringLiteral("priority"), model::toWire(record.priority)}};
    entry.detailsText = audit::AuditChain::detailsText(entry.details);
    return entry;
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
    return std::optional<SendOutcome>(SendOutcome {std::move(original).value(), false, {}});
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

Result<MessageWriter::Prepared, ServiceError> MessageWriter::prepare(
    const NewMessage &message, const ClientInfo &client)
{
    // A repeated clientMessageId is caught by the unique index in the transaction, and finish()
    // answers with the original. Only a message with attachments looks first: its uploads are
    // already claimed by the original, which would otherwise be refused as a 400.
    if (!message.attachmentIds.isEmpty()) {
        auto repeated = existing(message);
        if (!repeated)
            return repeated.error();
        if (repeated.value())
            return Prepared {std::move(*repeated.value())};
    }
    if (auto reply = checkReplyTarget(message); !reply)
        return reply.error();
    auto keys = m_keyring.keys(message.conversationId);
    if (!keys)
        return keyFailed(keys.error(), message.conversationId);
    const crypto::SecretBytes &key = keys.value()->messageKey();
    auto attachments = claimableAttachments(message, keys.value()->attachmentKey());
    if (!attachments)
        return attachments.error();

    auto prepared = std::make_shared<PreparedMessage>();
    MessageRecord &record = prepared->record;
    record.createdAtMs = m_context.clock.nowUtc().toMSecsSinceEpoch();
    record.id = createTimeOrderedUuid(record.createdAtMs); // appended to the id index, not scattered
    record.conversationId = message.conversationId;
    record.senderId = message.senderId;
    record.type = typeFor(message.type, attachments.value());
    record.priority = message.priority;
    record.replyToId = message.replyToId;
    record.clientMessageId = message.clientMessageId;
    auto content = ContentCipher::sealContent(key, record.conversationId, record.id, message.content);
    auto preview
        = ContentCipher::sealPreview(key, record.conversationId, previewOf(message.content, kPreviewLength));
    if (!content || !preview)
        return keyFailed(KeyringError::CryptoFailed, record.conversationId);
    record.contentEnc = content.value();
    if (!message.metadata.isEmpty()) {
        auto metadata = ContentCipher::sealMetadata(key, record.conversationId, record.id, message.metadata);
        if (!metadata)
            return keyFailed(KeyringError::CryptoFailed, record.conversationId);
        record.metadataEnc = metadata.value();
    }
    prepared->previewEnc = preview.value();
    prepared->contentLength = message.content.size();
    prepared->attachmentIds = message.attachmentIds;
    prepared->client = client;
    prepared->audit = sendAuditRecord(*prepared);

    model::Message &answer = prepared->answer;
    answer.id = record.id;
    answer.conversationId = record.conversationId;
    answer.senderId = record.senderId;
    answer.type = record.type;
    answer.content = message.content;
    answer.priority = record.priority;
    answer.replyToId = record.replyToId;
    answer.createdAt = QDateTime::fromMSecsSinceEpoch(record.createdAtMs, Qt::UTC);
    if (!record.clientMessageId.isEmpty())
        answer.clientMessageId = record.clientMessageId;
    answer.metadata = message.metadata;
    answer.attachments = attachments.value();
    return Prepared {std::move(prepared)};
}

Result<SendOutcome, ServiceError> MessageWriter::finish(
    const NewMessage &message, const PreparedMessage &prepared, const Status<store::StoreError> &stored)
{
    if (!stored) {
        if (stored.error().kind != store::StoreError::Kind::Conflict)
            return storeFailed(stored.error());
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
    // The text serves the fan-out and the realtime ack; a REST answer builds its object on
    // demand (SendOutcome::wire()).
    QByteArray wireText = model::toJsonText(prepared.answer);
    emit m_events.messageCreated(prepared.answer, prepared.participantIds, wireText);
    return SendOutcome {prepared.answer, true, std::move(wireText)};
}

Result<SendOutcome, ServiceError> MessageWriter::write(const NewMessage &message, const ClientInfo &client)
{
    auto prepared = prepare(message, client);
    if (!prepared)
        return prepared.error();
    if (auto *repeated = std::get_if<SendOutcome>(&prepared.value()))
        return std::move(*repeated);
    PreparedMessage &pending = *std::get<std::shared_ptr<PreparedMessage>>(prepared.value());
    const auto stored = store::inTransaction(m_context.database,
        [&](store::Database &database) { return persist(database, m_context.clock, pending); });
    return finish(message, pending, stored);
}

void MessageWriter::writeQueued(const NewMessage &message, const ClientInfo &client, SendCallback done)
{
    if (!m_context.committer) {
        done(write(message, client));
        return;
    }
    auto prepared = prepare(message, client);
    if (!prepared) {
        done(prepared.error());
        return;
    }
    if (auto *repeated = std::get_if<SendOutcome>(&prepared.value())) {
        done(std::move(*repeated));
        return;
    }
    std::shared_ptr<PreparedMessage> pending = std::get<std::shared_ptr<PreparedMessage>>(prepared.value());
    const Clock &clock = m_context.clock;
    m_context.committer->submit(
        [pending, &clock](store::Database &database) { return persist(database, clock, *pending); },
        [this, message, pending, done = std::move(done)](
            const Status<store::StoreError> &stored) { done(finish(message, *pending, stored)); },
        store::GroupCommitter::Deferral::Allowed);
}

Status<store::StoreError> MessageWriter::persist(
    store::Database &db, const Clock &clock, PreparedMessage &message)
{
    const MessageRecord &record = message.record;
    // The search index follows on its own thread (SearchIndexer).
    if (auto inserted = MessageRepository(db).insert(record); !inserted)
        return inserted;
    auto claimed = AttachmentRepository(db).claim(
        message.attachmentIds, record.id, record.conversationId, record.senderId);
    if (!claimed)
        return claimed.error();
    if (claimed.value() != message.attachmentIds.size()) // another message took one since the check
        return store::StoreError {
            store::StoreError::Kind::Conflict, QStringLiteral("attachment already claimed")};
    // In a group-commit batch the counters and the preview are written once per conversation
    // at the batch's end; alone (the synchronous path, the careful path) right here.
    store::BatchScope *batch = db.batchScope();
    ConversationActivity alone;
    ConversationActivity &activity = batch ? batch->state<ConversationActivity>() : alone;
    auto members = activity.memberIds(db, record.conversationId);
    if (!members)
        return members.error();
    message.participantIds = std::move(members).value();
    activity.messageStored(record.conversationId, record.senderId, message.participantIds, record.createdAtMs,
        message.previewEnc);
    if (!batch) {
        if (auto flushed = alone.flush(db); !flushed)
            return flushed;
    }
    // The audit chain on this connection: the writer thread's own, inside the same transaction.
    return audit::AuditLog(db, clock).record(message.audit);
}

} // namespace vw::server::messaging
