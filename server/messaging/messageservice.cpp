#include "server/messaging/messageservice.h"

#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/messaging/attachmentrepository.h"
#include "server/messaging/contentcipher.h"
#include "server/messaging/conversationkeyring.h"
#include "server/messaging/conversationkeys.h"
#include "server/messaging/conversationrepository.h"
#include "server/messaging/messagerepository.h"
#include "server/messaging/messagingevents.h"
#include "server/messaging/messagingfailures.h"
#include "server/messaging/participantrepository.h"
#include "server/messaging/ratelimiter.h"
#include "server/messaging/searchindexround.h"
#include "server/messaging/searchremovalrepository.h"
#include "server/messaging/sendmessagerequest.h"
#include "server/store/groupcommitter.h"
#include "server/store/transaction.h"
#include "server/store/writebehind.h"

#include <QLoggingCategory>

namespace vw::server::messaging {

namespace {

Q_LOGGING_CATEGORY(lcMessages, "vw.messaging.messages")

ServiceError messageNotFound()
{
    return ServiceError::notFound(QStringLiteral("Message not found"));
}

audit::AuditRecord messageAudit(
    const QString &action, const Principal &caller, const ClientInfo &client, const MessageRecord &message)
{
    audit::AuditRecord entry;
    entry.action = action;
    entry.actorId = model::uuidToWire(caller.userId);
    entry.targetType = QStringLiteral("message");
    entry.targetId = model::uuidToWire(message.id);
    entry.client = client;
    entry.details
        = QJsonObject {{QStringLiteral("conversationId"), model::uuidToWire(message.conversationId)}};
    return entry;
}

// The text of `message`'s search-index row, recomputed from its text (the index keeps no
// copy). Empty when the text cannot be opened: the row then stays in the index, where search
// no longer returns it (it skips deleted messages).
QString indexedTerms(const ConversationKeys &keys, const MessageRecord &message)
{
    auto terms = SearchIndexRound::termsOf(keys, message.conversationId, message.id, message.contentEnc);
    if (!terms) {
        qCWarning(lcMessages) << "message" << message.id
                              << "stays in the search index (hidden, it is deleted):"
                              << crypto::errorString(terms.error());
        return {};
    }
    return terms.value();
}

} // namespace

MessageService::MessageService(const ServerContext &context, ConversationKeyring &keyring,
    MessagingEvents &events, RateLimiter &rateLimiter)
    : m_context(context),
      m_keyring(keyring),
      m_events(events),
      m_rateLimiter(rateLimiter),
      m_policy(context.database, context.audit),
      m_assembler(context.database, keyring),
      m_writer(context, keyring, events)
{ }

Result<NewMessage, ServiceError> MessageService::admit(
    const Principal &caller, const ClientInfo &client, const QUuid &conversationId, const QJsonObject &body)
{
    auto request = SendMessageRequest::parse(body);
    if (!request)
        return request.error();
    if (auto member = m_policy.requireMembership(caller, client, conversationId); !member)
        return member.error();
    if (auto allowed = m_rateLimiter.acquire(caller.userId); !allowed)
        return allowed.error();
    NewMessage message;
    message.conversationId = conversationId;
    message.senderId = caller.userId;
    message.type = request.value().type;
    message.content = request.value().content;
    message.priority = request.value().priority;
    message.replyToId = request.value().replyToId;
    message.clientMessageId = request.value().clientMessageId;
    message.attachmentIds = request.value().attachmentIds;
    return message;
}

Result<SendOutcome, ServiceError> MessageService::send(
    const Principal &caller, const ClientInfo &client, const QUuid &conversationId, const QJsonObject &body)
{
    auto message = admit(caller, client, conversationId, body);
    if (!message)
        return message.error();
    return m_writer.write(message.value(), client);
}

void MessageService::sendQueued(const Principal &caller, const ClientInfo &client,
    const QUuid &conversationId, const QJsonObject &body, SendCallback done)
{
    auto message = admit(caller, client, conversationId, body);
    if (!message) {
        done(message.error());
        return;
    }
    m_writer.writeQueued(message.value(), client, std::move(done));
}

Result<MessagePosition, ServiceError> MessageService::positionIn(
    const QUuid &conversationId, const QUuid &messageId, const QString &field)
{
    auto found = MessageRepository(m_context.database).findById(messageId);
    if (!found)
        return storeFailed(found.error());
    if (!found.value() || found.value()->conversationId != conversationId)
        return ServiceError::badRequest(QStringLiteral("%1: not a message of this conversation").arg(field));
    return MessagePosition {found.value()->createdAtMs, found.value()->id};
}

Result<MessagePage, ServiceError> MessageService::list(const Principal &caller, const ClientInfo &client,
    const QUuid &conversationId, const PageRequest &request)
{
    if (request.before && request.after)
        return ServiceError::badRequest(QStringLiteral("before: give either before or after, not both"));
    if (auto member = m_policy.requireParticipant(caller, client, conversationId); !member)
        return member.error();
    const int limit = qBound(1, request.limit, kMaxPageSize);
    MessageRepository messages(m_context.database);
    MessagePage page;
    QList<MessageRecord> rows;
    if (request.after) {
        auto after = positionIn(conversationId, *request.after, QStringLiteral("after"));
        if (!after)
            return after.error();
        auto found = messages.pageAfter(conversationId, limit, after.value());
        if (!found)
            return storeFailed(found.error());
        rows = found.value();
        if (!rows.isEmpty()) {
            auto more = messages.existsAfter(conversationId, {rows.first().createdAtMs, rows.first().id});
            if (!more)
                return storeFailed(more.error());
            if (more.value())
                page.nextCursor = rows.first().id;
        }
    } else {
        std::optional<MessagePosition> before;
        if (request.before) {
            auto position = positionIn(conversationId, *request.before, QStringLiteral("before"));
            if (!position)
                return position.error();
            before = position.value();
        }
        auto found = messages.pageBefore(conversationId, limit, before);
        if (!found)
            return storeFailed(found.error());
        rows = found.value();
        if (!rows.isEmpty()) {
            auto more = messages.existsBefore(conversationId, {rows.last().createdAtMs, rows.last().id});
            if (!more)
                return storeFailed(more.error());
            if (more.value())
                page.nextCursor = rows.last().id;
        }
    }
    auto assembled = m_assembler.assembleAll(rows);
    if (!assembled)
        return assembled.error();
    page.messages = std::move(assembled).value();
    return page;
}

Result<MessageRecord, ServiceError> MessageService::visibleMessage(
    const Principal &caller, const ClientInfo &client, const QUuid &messageId)
{
    auto found = MessageRepository(m_context.database).findById(messageId);
    if (!found)
        return storeFailed(found.error());
    if (!found.value()) {
        m_policy.recordDenied(
            caller, client, QStringLiteral("message"), messageId, QStringLiteral("unknown"));
        return messageNotFound();
    }
    if (auto member = m_policy.requireParticipant(caller, client, found.value()->conversationId); !member)
        return messageNotFound();
    return *found.value();
}

Result<model::Message, ServiceError> MessageService::markRead(
    const Principal &caller, const ClientInfo &client, const QUuid &messageId)
{
    auto message = visibleMessage(caller, client, messageId);
    if (!message)
        return message.error();
    const QDateTime now = m_context.clock.nowUtc();
    const auto persisted = store::inTransaction(m_context.database, [&](store::Database &database) {
        return persistRead(
            database, m_context.clock, caller, client, message.value(), now.toMSecsSinceEpoch());
    });
    if (!persisted)
        return storeFailed(persisted.error());
    return announceRead(caller, messageId, message.value().conversationId, now);
}

void MessageService::markReadQueued(const Principal &caller, const ClientInfo &client, const QUuid &messageId,
    std::function<void(Result<model::Message, ServiceError>)> done)
{
    if (!m_context.committer) {
        done(markRead(caller, client, messageId));
        return;
    }
    auto message = visibleMessage(caller, client, messageId);
    if (!message) {
        done(message.error());
        return;
    }
    const QDateTime now = m_context.clock.nowUtc();
    const Clock &clock = m_context.clock;
    m_context.committer->submit(
        [&clock, caller, client, record = message.value(), nowMs = now.toMSecsSinceEpoch()](
            store::Database &database) {
            return persistRead(database, clock, caller, client, record, nowMs);
        },
        [this, caller, messageId, conversationId = message.value().conversationId, now,
            done = std::move(done)](const Status<store::StoreError> &stored) {
            if (!stored)
                done(storeFailed(stored.error()));
            else
                done(announceRead(caller, messageId, conversationId, now));
        });
}

Result<model::Message, ServiceError> MessageService::announceRead(
    const Principal &caller, const QUuid &messageId, const QUuid &conversationId, const QDateTime &at)
{
    emit m_events.messagesRead(conversationId, caller.userId, messageId, at);
    auto reread = MessageRepository(m_context.database).findById(messageId);
    if (!reread || !reread.value())
        return reread ? messageNotFound() : storeFailed(reread.error());
    return m_assembler.assemble(*reread.value());
}

Status<store::StoreError> MessageService::persistRead(store::Database &db, const Clock &clock,
    const Principal &caller, const ClientInfo &client, const MessageRecord &message, qint64 nowMs)
{
    const MessagePosition upTo {message.createdAtMs, message.id};
    MessageRepository messages(db);
    ParticipantRepository participants(db);
    auto self = participants.find(message.conversationId, caller.userId);
    if (!self)
        return self.error();
    if (!self.value())
        return store::StoreError {
            store::StoreError::Kind::NotFound, QStringLiteral("participant row missing")};
    // Everything from others up to the reader's last read point was marked read by that read,
    // so only what came after it is looked at (with a minute's slack for a clock stepped back
    // between two messages): a mark-read costs the unread messages, not the conversation.
    const qint64 since = qMax<qint64>(0, self.value()->lastReadAtMs - kReadClockSlackMs);
    if (auto marked = messages.markReadUpTo(message.conversationId, caller.userId, since, upTo, nowMs);
        !marked)
        return marked;
    auto remaining = messages.countFromOthersAfter(message.conversationId, caller.userId, upTo);
    if (!remaining)
        return remaining.error();
    // Reading an older message never brings back messages already read.
    const qint64 unread = qMin(self.value()->unreadCount, remaining.value());
    const qint64 lastRead = qMax(self.value()->lastReadAtMs, message.createdAtMs);
    if (auto updated = participants.updateReadState(message.conversationId, caller.userId, lastRead, unread);
        !updated)
        return updated;
    return audit::AuditLog(db, clock).record(
        messageAudit(audit::actions::kMessageRead, caller, client, message));
}

Result<bool, ServiceError> MessageService::markDelivered(
    const Principal &caller, const ClientInfo &client, const QUuid &messageId)
{
    auto message = visibleMessage(caller, client, messageId);
    if (!message)
        return message.error();
    return deliverNow(caller.userId, messageId, message.value().conversationId, message.value().senderId);
}

Result<bool, ServiceError> MessageService::deliverNow(
    const QUuid &recipientId, const QUuid &messageId, const QUuid &conversationId, const QUuid &senderId)
{
    const QDateTime now = m_context.clock.nowUtc();
    auto changed = MessageRepository(m_context.database)
                       .markDelivered(messageId, recipientId, now.toMSecsSinceEpoch());
    if (!changed)
        return storeFailed(changed.error());
    if (changed.value())
        emit m_events.messageDelivered(conversationId, messageId, senderId, now);
    return changed.value();
}

void MessageService::markDeliveredQueued(const Principal &caller, const ClientInfo &client,
    const QUuid &messageId, std::function<void(Result<bool, ServiceError>)> done)
{
    auto message = visibleMessage(caller, client, messageId);
    if (!message) {
        done(message.error());
        return;
    }
    queueDelivery(caller.userId, message.value().id, message.value().conversationId, message.value().senderId,
        std::move(done));
}

void MessageService::recordDelivery(const QUuid &recipientId, const QUuid &messageId,
    const QUuid &conversationId, const QUuid &senderId, std::function<void(Status<ServiceError>)> done)
{
    queueDelivery(recipientId, messageId, conversationId, senderId,
        [done = std::move(done)](const Result<bool, ServiceError> &marked) {
            done(marked ? Status<ServiceError>() : Status<ServiceError>(marked.error()));
        });
}

void MessageService::queueDelivery(const QUuid &recipientId, const QUuid &messageId,
    const QUuid &conversationId, const QUuid &senderId, std::function<void(Result<bool, ServiceError>)> done)
{
    if (!m_context.committer) {
        done(deliverNow(recipientId, messageId, conversationId, senderId));
        return;
    }
    const QDateTime now = m_context.clock.nowUtc();
    const auto apply = [messageId, recipientId, nowMs = now.toMSecsSinceEpoch()](
                           store::Database &database) -> Result<bool, store::StoreError> {
        return MessageRepository(database).markDelivered(messageId, recipientId, nowMs);
    };
    const auto announce = [this, messageId, conversationId, senderId, now, done = std::move(done)](
                              const Result<bool, store::StoreError> &marked) {
        if (!marked) {
            done(storeFailed(marked.error()));
            return;
        }
        if (marked.value())
            emit m_events.messageDelivered(conversationId, messageId, senderId, now);
        done(marked.value());
    };
    auto changed = std::make_shared<bool>(false);
    m_context.committer->submit(
        [apply, changed](store::Database &database) -> Status<store::StoreError> {
            auto marked = apply(database);
            if (!marked)
                return marked.error();
            *changed = marked.value();
            return {};
        },
        [announce, changed](const Status<store::StoreError> &stored) {
            if (!stored)
                announce(stored.error());
            else
                announce(*changed);
        },
        // A receipt touches its message row only: nothing a batch gathers.
        store::GroupCommitter::Deferral::Allowed);
}

Status<ServiceError> MessageService::remove(
    const Principal &caller, const ClientInfo &client, const QUuid &messageId)
{
    return store::answerAtOnce<Status<ServiceError>>([&](std::function<void(Status<ServiceError>)> done) {
        removeThrough(nullptr, caller, client, messageId, std::move(done));
    });
}

void MessageService::removeQueued(const Principal &caller, const ClientInfo &client, const QUuid &messageId,
    std::function<void(Status<ServiceError>)> done)
{
    removeThrough(m_context.committer, caller, client, messageId, std::move(done));
}

void MessageService::removeThrough(store::GroupCommitter *committer, const Principal &caller,
    const ClientInfo &client, const QUuid &messageId, std::function<void(Status<ServiceError>)> done)
{
    auto message = visibleMessage(caller, client, messageId);
    if (!message) {
        done(message.error());
        return;
    }
    if (auto allowed = m_policy.checkDelete(caller, client, message.value()); !allowed) {
        done(allowed);
        return;
    }
    // Deleting twice changes nothing and still succeeds.
    if (message.value().deletedAtMs != 0) {
        done({});
        return;
    }
    auto deletion = prepareDeletion(message.value());
    if (!deletion) {
        done(storeFailed(deletion.error()));
        return;
    }
    auto deletedNow = std::make_shared<bool>(false);
    store::writeQueued(
        committer, m_context.database,
        [deletion = std::move(deletion).value(), caller, client, deletedNow, &clock = m_context.clock](
            store::Database &database) {
            return persistDelete(database, clock, caller, client, deletion, *deletedNow);
        },
        [this, messageId, conversationId = message.value().conversationId, deletedNow,
            done = std::move(done)](const Status<store::StoreError> &stored) {
            if (!stored) {
                done(storeFailed(stored.error()));
                return;
            }
            if (*deletedNow) {
                auto members = ParticipantRepository(m_context.database).memberIds(conversationId);
                const QList<QUuid> participantIds = members ? members.value() : QList<QUuid>();
                emit m_events.messageDeleted(conversationId, messageId, participantIds);
                emit m_events.conversationUpdated(conversationId, participantIds);
            }
            done({});
        });
}

Result<MessageService::MessageDeletion, store::StoreError> MessageService::prepareDeletion(
    const MessageRecord &message)
{
    auto keys = m_keyring.keys(message.conversationId);
    if (!keys)
        return store::StoreError {store::StoreError::Kind::Corrupt, errorString(keys.error())};
    // Sealed in advance; used only if the message is still its conversation's newest.
    auto blankPreview
        = ContentCipher::sealPreview(keys.value()->messageKey(), message.conversationId, QString());
    if (!blankPreview)
        return store::StoreError {
            store::StoreError::Kind::Corrupt, crypto::errorString(blankPreview.error())};
    return MessageDeletion {message, m_context.clock.nowUtc().toMSecsSinceEpoch(), blankPreview.value(),
        indexedTerms(*keys.value(), message)};
}

Status<store::StoreError> MessageService::persistDelete(store::Database &db, const Clock &clock,
    const Principal &caller, const ClientInfo &client, const MessageDeletion &deletion, bool &deletedNow)
{
    const MessageRecord &message = deletion.message;
    MessageRepository messages(db);
    // A delete that raced another one of the same message: the first did it all.
    auto current = messages.findById(message.id);
    if (!current)
        return current.error();
    deletedNow = current.value() && current.value()->deletedAtMs == 0;
    if (!deletedNow)
        return {};
    // The preview of a conversation whose newest message goes becomes "" (sealed, like any preview).
    auto newest = messages.newestId(message.conversationId);
    if (!newest)
        return newest.error();
    const bool wasNewest = newest.value() == message.id;
    if (auto deleted = messages.softDelete(message.id, deletion.nowMs); !deleted)
        return deleted;
    // Its files go with it, for everyone (the encrypted blobs stay for retention).
    if (auto hidden = AttachmentRepository(db).hideForMessage(message.id, deletion.nowMs); !hidden)
        return hidden;
    // The indexer takes its row out on its next round (the text it needs is gone after this).
    if (!deletion.indexedTerms.isEmpty()) {
        if (auto queued = SearchRemovalRepository(db).queue(message.id, deletion.indexedTerms); !queued)
            return queued;
    }
    if (auto counted = ParticipantRepository(db).decrementUnreadSince(
            message.conversationId, message.senderId, message.createdAtMs);
        !counted)
        return counted;
    if (wasNewest) {
        if (auto blanked
            = ConversationRepository(db).updatePreview(message.conversationId, deletion.blankPreview);
            !blanked)
            return blanked;
    }
    return audit::AuditLog(db, clock).record(
        messageAudit(audit::actions::kMessageDelete, caller, client, message));
}

} // namespace vw::server::messaging
