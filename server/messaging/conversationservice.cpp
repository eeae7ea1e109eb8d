#include "server/messaging/conversationservice.h"

#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/messaging/contentcipher.h"
#include "server/messaging/conversationcursor.h"
#include "server/messaging/conversationkeyrepository.h"
#include "server/messaging/conversationkeyring.h"
#include "server/messaging/conversationrepository.h"
#include "server/messaging/messagingevents.h"
#include "server/messaging/messagingfailures.h"
#include "server/messaging/participantrepository.h"
#include "server/store/writebehind.h"
#include "server/users/userrepository.h"

#include <QJsonArray>
#include <QSet>

namespace vw::server::messaging {

namespace {

ServiceError userNotFound()
{
    return ServiceError::notFound(QStringLiteral("User not found"));
}

} // namespace

ConversationService::ConversationService(const ServerContext &context, users::UserRepository &users,
    ConversationKeyring &keyring, MessagingEvents &events)
    : m_context(context),
      m_users(users),
      m_keyring(keyring),
      m_events(events),
      m_policy(context.database, context.audit),
      m_assembler(keyring)
{ }

Result<QList<users::UserRecord>, ServiceError> ConversationService::loadUsers(const QList<QUuid> &ids)
{
    auto found = m_users.findByIds(ids);
    if (!found)
        return storeFailed(found.error());
    QList<users::UserRecord> ordered;
    for (const QUuid &id : ids) {
        const auto it = std::find_if(found.value().cbegin(), found.value().cend(),
            [&](const users::UserRecord &user) { return user.id == id; });
        // A disabled account is as good as gone for starting a conversation.
        if (it == found.value().cend() || it->disabledAt)
            return userNotFound();
        ordered.append(*it);
    }
    return ordered;
}

Result<OpenedConversation, ServiceError> ConversationService::createPair(
    const Principal &caller, const ClientInfo &client, const QUuid &patientId, const QUuid &providerId)
{
    return store::answerAtOnce<Result<OpenedConversation, ServiceError>>([&](OpenCallback done) {
        createPairThrough(nullptr, caller, client, patientId, providerId, std::move(done));
    });
}

void ConversationService::createPairQueued(const Principal &caller, const ClientInfo &client,
    const QUuid &patientId, const QUuid &providerId, OpenCallback done)
{
    createPairThrough(m_context.committer, caller, client, patientId, providerId, std::move(done));
}

void ConversationService::createPairThrough(store::GroupCommitter *committer, const Principal &caller,
    const ClientInfo &client, const QUuid &patientId, const QUuid &providerId, OpenCallback done)
{
    if (auto may = AccessPolicy::checkMayParticipate(caller); !may)
        return done(may.error());
    if (patientId == providerId)
        return done(ServiceError::badRequest(QStringLiteral("providerId: must differ from patientId")));
    auto people = loadUsers({patientId, providerId});
    if (!people)
        return done(people.error());
    if (auto allowed = AccessPolicy::checkPair(caller, people.value().at(0), people.value().at(1)); !allowed)
        return done(allowed.error());
    // Opened with the caller as viewer, so the answer carries the caller's unread count.
    openPairThrough(committer, patientId, providerId, caller.userId, client, std::move(done));
}

Result<OpenedConversation, ServiceError> ConversationService::findPair(
    const QString &pairKey, const QUuid &viewerId)
{
    auto found = ConversationRepository(m_context.database).findByPairKey(pairKey);
    if (!found)
        return storeFailed(found.error());
    if (!found.value())
        return ServiceError::notFound(QStringLiteral("Conversation not found"));
    auto shown = view(*found.value(), viewerId);
    if (!shown)
        return shown.error();
    return OpenedConversation {std::move(shown).value(), false};
}

Result<OpenedConversation, ServiceError> ConversationService::openPair(
    const QUuid &patientId, const QUuid &providerId, const QUuid &actorId, const ClientInfo &client)
{
    return store::answerAtOnce<Result<OpenedConversation, ServiceError>>([&](OpenCallback done) {
        openPairThrough(nullptr, patientId, providerId, actorId, client, std::move(done));
    });
}

void ConversationService::openPairThrough(store::GroupCommitter *committer, const QUuid &patientId,
    const QUuid &providerId, const QUuid &actorId, const ClientInfo &client, OpenCallback done)
{
    const QString pairKey = pairKeyOf(patientId, providerId);
    auto existing = findPair(pairKey, actorId);
    if (existing || existing.error().kind != ServiceError::Kind::NotFound)
        return done(std::move(existing));
    ConversationRecord record;
    record.id = QUuid::createUuid();
    record.patientId = patientId;
    record.providerId = providerId;
    record.pairKey = pairKey;
    record.createdBy = actorId;
    insertThrough(committer, record, QString(), {patientId, providerId}, actorId, client,
        [this, pairKey, actorId, done = std::move(done)](Result<model::Conversation, ServiceError> created) {
            if (created)
                return done(OpenedConversation {std::move(created).value(), true});
            // Both sides opened the pair at the same moment: the unique pair key let one win.
            auto raced = findPair(pairKey, actorId);
            done(raced ? std::move(raced) : Result<OpenedConversation, ServiceError>(created.error()));
        });
}

Result<OpenedConversation, ServiceError> ConversationService::createGroup(const Principal &caller,
    const ClientInfo &client, const QList<QUuid> &participantIds, const QString &title)
{
    return store::answerAtOnce<Result<OpenedConversation, ServiceError>>([&](OpenCallback done) {
        createGroupThrough(nullptr, caller, client, participantIds, title, std::move(done));
    });
}

void ConversationService::createGroupQueued(const Principal &caller, const ClientInfo &client,
    const QList<QUuid> &participantIds, const QString &title, OpenCallback done)
{
    createGroupThrough(m_context.committer, caller, client, participantIds, title, std::move(done));
}

void ConversationService::createGroupThrough(store::GroupCommitter *committer, const Principal &caller,
    const ClientInfo &client, const QList<QUuid> &participantIds, const QString &title, OpenCallback done)
{
    if (auto may = AccessPolicy::checkMayParticipate(caller); !may)
        return done(may.error());
    QList<QUuid> memberIds {caller.userId};
    for (const QUuid &id : participantIds) {
        if (!memberIds.contains(id))
            memberIds.append(id);
    }
    if (memberIds.size() > AccessPolicy::kMaxGroupMembers)
        return done(ServiceError::badRequest(QStringLiteral("participantIds: a group has at most %1 members")
                                                 .arg(AccessPolicy::kMaxGroupMembers)));
    auto members = loadUsers(memberIds);
    if (!members)
        return done(members.error());
    if (auto allowed = AccessPolicy::checkGroup(caller, members.value()); !allowed)
        return done(allowed.error());
    ConversationRecord record;
    record.id = QUuid::createUuid();
    record.createdBy = caller.userId;
    QList<QUuid> patients;
    for (const users::UserRecord &member : members.value()) {
        if (member.role == model::UserRole::Patient)
            patients.append(member.id);
    }
    // A care team around one patient still names that patient.
    if (patients.size() == 1)
        record.patientId = patients.first();
    insertThrough(committer, record, title, memberIds, caller.userId, client,
        [done = std::move(done)](Result<model::Conversation, ServiceError> created) {
            if (!created)
                return done(created.error());
            done(OpenedConversation {std::move(created).value(), true});
        });
}

void ConversationService::insertThrough(store::GroupCommitter *committer, ConversationRecord record,
    const QString &title, const QList<QUuid> &memberIds, const QUuid &viewerId, const ClientInfo &client,
    std::function<void(Result<model::Conversation, ServiceError>)> done)
{
    record.createdAt = m_context.clock.nowUtc();
    const qint64 now = record.createdAt.toMSecsSinceEpoch();
    // The key and the sealed title are made here; the writer's job only stores rows.
    auto key = m_keyring.mint();
    if (!key)
        return done(keyFailed(key.error(), record.id));
    if (!title.isEmpty()) {
        auto sealed = ContentCipher::sealTitle(key.value().keys->messageKey(), record.id, title);
        if (!sealed)
            return done(keyFailed(KeyringError::CryptoFailed, record.id));
        record.titleEnc = sealed.value();
    }
    QJsonArray memberList;
    for (const QUuid &member : memberIds)
        memberList.append(model::uuidToWire(member));
    audit::AuditRecord entry;
    entry.action = audit::actions::kConversationCreate;
    entry.actorId = model::uuidToWire(viewerId);
    entry.targetType = QStringLiteral("conversation");
    entry.targetId = model::uuidToWire(record.id);
    entry.client = client;
    entry.details = QJsonObject {{QStringLiteral("participantIds"), memberList},
        {QStringLiteral("kind"),
            record.pairKey.isEmpty() ? QStringLiteral("group") : QStringLiteral("pair")}};
    store::writeQueued(
        committer, m_context.database,
        [record, wrappedKey = key.value().wrapped, memberIds, now, entry, &clock = m_context.clock](
            store::Database &database) -> Status<store::StoreError> {
            // The row goes in first: the key and participant rows refer to it.
            if (auto inserted = ConversationRepository(database).insert(record); !inserted)
                return inserted;
            if (auto keyed = ConversationKeyRepository(database).insert(record.id, wrappedKey, now); !keyed)
                return keyed;
            ParticipantRepository participants(database);
            for (const QUuid &member : memberIds) {
                if (auto added = participants.insert(record.id, member, now); !added)
                    return added;
            }
            return audit::AuditLog(database, clock).record(entry);
        },
        [this, record, memberIds, viewerId, now, done = std::move(done)](
            const Status<store::StoreError> &stored) {
            if (!stored) {
                if (stored.error().kind == store::StoreError::Kind::Conflict)
                    return done(ServiceError::conflict(QStringLiteral("The conversation already exists")));
                return done(storeFailed(stored.error()));
            }
            emit m_events.conversationUpdated(record.id, memberIds);
            QList<ParticipantRecord> rows;
            for (const QUuid &member : memberIds)
                rows.append(ParticipantRecord {record.id, member, now, 0, 0});
            done(m_assembler.assemble(record, rows, viewerId));
        });
}

Result<model::Conversation, ServiceError> ConversationService::view(
    const ConversationRecord &record, const QUuid &viewerId)
{
    auto members = ParticipantRepository(m_context.database).forConversations({record.id});
    if (!members)
        return storeFailed(members.error());
    return m_assembler.assemble(record, members.value(), viewerId);
}

Result<ConversationPage, ServiceError> ConversationService::list(
    const Principal &caller, int limit, const QString &cursor)
{
    std::optional<ConversationPosition> after;
    if (!cursor.isEmpty()) {
        after = ConversationCursor::decode(cursor);
        if (!after)
            return ServiceError::badRequest(QStringLiteral("cursor: not a cursor from a previous page"));
    }
    // One extra row tells whether there is a next page.
    auto records = ConversationRepository(m_context.database).listForUser(caller.userId, limit + 1, after);
    if (!records)
        return storeFailed(records.error());
    QList<ConversationRecord> rows = records.value();
    ConversationPage page;
    if (rows.size() > limit) {
        rows.resize(limit);
        page.nextCursor = ConversationCursor::encode({rows.last().activityMs(), rows.last().id});
    }
    QList<QUuid> ids;
    for (const ConversationRecord &row : rows)
        ids.append(row.id);
    auto members = ParticipantRepository(m_context.database).forConversations(ids);
    if (!members)
        return storeFailed(members.error());
    for (const ConversationRecord &row : rows) {
        auto conversation = m_assembler.assemble(row, members.value(), caller.userId);
        if (!conversation)
            return conversation.error();
        page.conversations.append(std::move(conversation).value());
    }
    return page;
}

Result<model::Conversation, ServiceError> ConversationService::get(
    const Principal &caller, const ClientInfo &client, const QUuid &id)
{
    auto record = m_policy.requireParticipant(caller, client, id);
    if (!record)
        return record.error();
    return view(record.value(), caller.userId);
}

Result<UnreadCounts, ServiceError> ConversationService::unreadCounts(const Principal &caller)
{
    auto rows = ParticipantRepository(m_context.database).forUser(caller.userId);
    if (!rows)
        return storeFailed(rows.error());
    UnreadCounts counts;
    for (const ParticipantRecord &row : rows.value()) {
        if (row.unreadCount <= 0)
            continue;
        counts.total += row.unreadCount;
        counts.byConversation.append({row.conversationId, row.unreadCount});
    }
    return counts;
}

Status<ServiceError> ConversationService::typing(
    const Principal &caller, const ClientInfo &client, const QUuid &id, bool isTyping)
{
    auto record = m_policy.requireParticipant(caller, client, id);
    if (!record)
        return record.error();
    emit m_events.typing(id, caller.userId, isTyping);
    return {};
}

} // namespace vw::server::messaging
