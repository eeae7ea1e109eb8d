#include "server/messaging/messagesearch.h"

#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/messaging/blindindex.h"
#include "server/messaging/conversationkeyring.h"
#include "server/messaging/messagerepository.h"
#include "server/messaging/messagingfailures.h"
#include "server/messaging/participantrepository.h"
#include "server/messaging/searchindexer.h"
#include "server/messaging/searchindexround.h"

#include <algorithm>

namespace vw::server::messaging {

namespace {

ServiceError noWords()
{
    return ServiceError::badRequest(QStringLiteral("q: must contain at least one word"));
}

} // namespace

MessageSearch::MessageSearch(
    const ServerContext &context, ConversationKeyring &keyring, store::Database *indexReader)
    : m_context(context),
      m_keyring(keyring),
      m_indexReader(indexReader),
      m_policy(context.database, context.audit),
      m_assembler(context.database, keyring)
{ }

void MessageSearch::searchQueued(const Principal &caller, const ClientInfo &client, const QString &query,
    const std::optional<QUuid> &conversationId, int limit, std::function<void(Found)> done)
{
    if (!m_indexer) {
        done(search(caller, client, query, conversationId, limit));
        return;
    }
    if (BlindIndex::words(query, kMaxQueryWords).isEmpty()) {
        done(noWords());
        return;
    }
    m_indexer->whenCaughtUp(
        [this, caller, client, query, conversationId, limit, done = std::move(done)](bool caughtUp) {
            if (!caughtUp) {
                done(ServiceError {ServiceError::Kind::ServiceUnavailable,
                    QStringLiteral("search is catching up with stored messages; try again shortly")});
                return;
            }
            done(search(caller, client, query, conversationId, limit));
        });
}

MessageSearch::Found MessageSearch::search(const Principal &caller, const ClientInfo &client,
    const QString &query, const std::optional<QUuid> &conversationId, int limit)
{
    const QStringList words = BlindIndex::words(query, kMaxQueryWords);
    if (words.isEmpty())
        return noWords();
    limit = qBound(1, limit, kMaxLimit);
    if (!m_indexReader) {
        return storeFailed(store::StoreError {
            store::StoreError::Kind::OpenFailed, QStringLiteral("the search index is not open")});
    }
    if (!m_indexer) {
        if (auto caughtUp = SearchIndexRound(*m_indexReader, m_keyring).catchUp(kCatchUpRoundMessages);
            !caughtUp)
            return storeFailed(caughtUp.error());
    }

    QList<QUuid> scope;
    if (conversationId) {
        if (auto member = m_policy.requireParticipant(caller, client, *conversationId); !member)
            return member.error();
        scope.append(*conversationId);
    } else {
        auto rows = ParticipantRepository(m_context.database).forUser(caller.userId);
        if (!rows)
            return storeFailed(rows.error());
        for (const ParticipantRecord &row : rows.value())
            scope.append(row.conversationId);
    }

    // Tokens differ per conversation (per-conversation search key), so each is asked on its
    // own; the newest `limit` of each are enough to find the newest `limit` of all.
    MessageRepository messages(*m_indexReader);
    QList<MessageRecord> found;
    for (const QUuid &id : scope) {
        auto keys = m_keyring.keys(id);
        if (!keys)
            return keyFailed(keys.error(), id);
        auto tokens = BlindIndex::tokensOfWords(keys.value()->searchKey(), words);
        if (!tokens)
            return keyFailed(KeyringError::CryptoFailed, id);
        auto hits = messages.findByAllTokens(id, tokens.value(), limit);
        if (!hits)
            return storeFailed(hits.error());
        found.append(hits.value());
    }
    std::sort(found.begin(), found.end(), [](const MessageRecord &a, const MessageRecord &b) {
        if (a.createdAtMs != b.createdAtMs)
            return a.createdAtMs > b.createdAtMs;
        return model::uuidToWire(a.id) > model::uuidToWire(b.id);
    });
    if (found.size() > limit)
        found.resize(limit);

    audit::AuditRecord entry;
    entry.action = audit::actions::kMessageSearch;
    entry.actorId = model::uuidToWire(caller.userId);
    entry.targetType = QStringLiteral("conversation");
    if (conversationId)
        entry.targetId = model::uuidToWire(*conversationId);
    entry.client = client;
    entry.details
        = QJsonObject {{QStringLiteral("words"), words.size()}, {QStringLiteral("results"), found.size()}};
    if (auto audited = m_context.audit.record(entry); !audited)
        return storeFailed(audited.error());
    return m_assembler.assembleAll(found);
}

} // namespace vw::server::messaging
