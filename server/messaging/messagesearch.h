#pragma once

#include "common/core/result.h"
#include "common/model/message.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/accesspolicy.h"
#include "server/messaging/messageassembler.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <functional>
#include <optional>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

class ConversationKeyring;
class SearchIndexer;

// Whole-word, case-insensitive search over the blind index: messages having ALL the query's
// words, in the caller's conversations only (or the one given), newest first. The query
// itself is never stored or logged. The index is kept by SearchIndexer; a search waits until
// it holds every message stored before the search began.
class MessageSearch
{
public:
    using Found = Result<QList<model::Message>, ServiceError>;

    static constexpr int kDefaultLimit = 20;
    static constexpr int kMaxLimit = 100;
    static constexpr qsizetype kMaxQueryWords = 32;
    // Without an indexer, the catch-up before a search runs in transactions of this many messages.
    static constexpr int kCatchUpRoundMessages = 4096;

    // `indexReader`: a connection of this thread with the index attached (SearchIndexFile);
    // null when it could not be opened (searches then fail as a store error).
    MessageSearch(const ServerContext &context, ConversationKeyring &keyring, store::Database *indexReader);
    // Until given an indexer (maintenance commands, service-level tests), search() brings the
    // index up to date itself, on the context's connection.
    void useIndexer(SearchIndexer *indexer) { m_indexer = indexer; }

    // search(), once the indexer has caught up with what was stored before this call; a 503
    // when it cannot within its wait (a rebuild of a large index in progress). `done` may run
    // before this returns (a query without words).
    void searchQueued(const Principal &caller, const ClientInfo &client, const QString &query,
        const std::optional<QUuid> &conversationId, int limit, std::function<void(Found)> done);
    // The search over the index as it is now (brought up to date first without an indexer).
    Found search(const Principal &caller, const ClientInfo &client, const QString &query,
        const std::optional<QUuid> &conversationId, int limit);

private:
    const ServerContext &m_context;
    ConversationKeyring &m_keyring;
    store::Database *m_indexReader;
    SearchIndexer *m_indexer = nullptr;
    AccessPolicy m_policy;
    MessageAssembler m_assembler;
};

} // namespace vw::server::messaging
