#include "server/messaging/searchindexround.h"

#include "common/model/wire.h"
#include "server/messaging/blindindex.h"
#include "server/messaging/contentcipher.h"
#include "server/messaging/conversationkeyring.h"
#include "server/messaging/conversationkeys.h"
#include "server/messaging/searchremovalrepository.h"
#include "server/messaging/searchtokenrepository.h"
#include "server/store/database.h"
#include "server/store/sqlquery.h"
#include "server/store/transaction.h"

#include <QLoggingCategory>

#include <vector>

namespace vw::server::messaging {

namespace {
Q_LOGGING_CATEGORY(lcSearchIndex, "vw.messaging.search")
}

struct SearchIndexRound::StoredText
{
    qint64 rowid = 0;
    QUuid id;
    QUuid conversationId;
    QByteArray contentEnc;
    bool deleted = false;
};

Result<SearchIndexRound::Outcome, store::StoreError> SearchIndexRound::run(int maxMessages)
{
    // Rounds are not synced to disk: a power cut loses at most the last ones, which the next
    // start indexes again (their progress is lost with them). Except a round that takes rows
    // out: once it committed, the store forgets the tokens those rows need (forgetAppliedRemovals).
    auto removing = removalsWaiting();
    if (!removing)
        return removing.error();
    if (auto synced
        = m_database.exec(removing.value() ? QStringLiteral("PRAGMA search_index.synchronous=FULL")
                                           : QStringLiteral("PRAGMA search_index.synchronous=NORMAL"));
        !synced)
        return synced.error();
    // Deferred: the store is only read (its writer is never kept waiting), and only the index
    // file is written, so only the index file's write lock is taken.
    if (auto begun = m_database.exec(QStringLiteral("BEGIN")); !begun)
        return begun.error();
    auto outcome = runInTransaction(maxMessages);
    if (outcome) {
        outcome.value().synced = removing.value();
        if (auto committed = m_database.exec(QStringLiteral("COMMIT")); !committed)
            outcome = committed.error();
    }
    if (!outcome) {
        // The error returned is the first one; a failed ROLLBACK leaves nothing behind either.
        [[maybe_unused]] const auto rolledBack = m_database.exec(QStringLiteral("ROLLBACK"));
    }
    return outcome;
}

Status<store::StoreError> SearchIndexRound::catchUp(int maxMessagesPerRound)
{
    for (;;) {
        auto round = run(maxMessagesPerRound);
        if (!round)
            return round.error();
        if (auto forgotten = forgetAppliedRemovals(round.value()); !forgotten)
            return forgotten;
        if (round.value().caughtUp)
            return {};
    }
}

Status<store::StoreError> SearchIndexRound::forgetAppliedRemovals(const Outcome &round)
{
    if (!round.synced || round.removalsConsumed == 0)
        return {};
    return store::inTransaction(m_database, [through = round.removalsThrough](store::Database &database) {
        return SearchRemovalRepository(database).forgetThrough(through);
    });
}

Result<SearchIndexRound::Outcome, store::StoreError> SearchIndexRound::runInTransaction(int maxMessages)
{
    SearchTokenRepository index(m_database);
    auto recorded = index.progress();
    if (!recorded)
        return recorded.error();
    SearchTokenRepository::Progress progress = recorded.value();
    Outcome outcome;
    outcome.removalsThrough = progress.removalsThrough;
    if (progress.indexedThrough > 0 || progress.removalsThrough > 0) {
        auto belongs = progressBelongsToStore(progress);
        if (!belongs)
            return belongs.error();
        if (!belongs.value()) {
            qCWarning(lcSearchIndex) << "the search index does not match this store (it is ahead of the "
                                        "store's messages or deletions): rebuilding it";
            if (auto cleared = index.clear(); !cleared)
                return cleared.error();
            progress = SearchTokenRepository::Progress {};
        }
    }
    const qint64 indexedBefore = progress.indexedThrough;

    std::vector<StoredText> stored;
    {
        store::SqlQuery rows(m_database,
            QStringLiteral("SELECT rowid, id, conversation_id, content_enc, deleted_at IS NOT NULL "
                           "FROM messages WHERE rowid > ? ORDER BY rowid LIMIT ?"));
        if (auto ran = rows.exec({progress.indexedThrough, maxMessages}); !ran)
            return ran.error();
        while (rows.next()) {
            stored.push_back(StoredText {rows.value(0).toLongLong(),
                QUuid::fromString(rows.value(1).toString()), QUuid::fromString(rows.value(2).toString()),
                rows.value(3).toByteArray(), rows.value(4).toBool()});
        }
    }
    for (const StoredText &message : stored) {
        if (message.deleted)
            continue;
        const QString terms = termsOrNothing(message);
        if (terms.isEmpty())
            continue;
        if (auto added = index.add(message.rowid, terms); !added)
            return added.error();
        ++outcome.indexed;
    }
    if (!stored.empty()) {
        progress.indexedThrough = stored.back().rowid;
        progress.indexedMessageId = model::uuidToWire(stored.back().id);
    }
    outcome.caughtUp = int(stored.size()) < maxMessages;

    // Rows indexed in an earlier round come out; a removal of a message this round skipped as
    // deleted, or has not reached yet (then it is deleted when reached), has nothing to take out.
    auto removals = SearchRemovalRepository(m_database).after(progress.removalsThrough);
    if (!removals)
        return removals.error();
    for (const SearchRemovalRepository::Removal &removal : removals.value()) {
        if (removal.messageRowid <= indexedBefore) {
            if (auto removed = index.remove(removal.messageRowid, removal.terms); !removed)
                return removed.error();
            ++outcome.removed;
        }
        progress.removalsThrough = removal.seq;
        ++outcome.removalsConsumed;
    }
    outcome.removalsThrough = progress.removalsThrough;
    if (auto saved = index.saveProgress(progress); !saved)
        return saved.error();
    return outcome;
}

Result<bool, store::StoreError> SearchIndexRound::removalsWaiting()
{
    auto progress = SearchTokenRepository(m_database).progress();
    if (!progress)
        return progress.error();
    return SearchRemovalRepository(m_database).anyAfter(progress.value().removalsThrough);
}

Result<bool, store::StoreError> SearchIndexRound::progressBelongsToStore(
    const SearchTokenRepository::Progress &progress)
{
    // Removals applied beyond the store's numbering: the store is an older copy, and its next
    // deletions would be numbered as if already applied.
    auto queuedEver = SearchRemovalRepository(m_database).highestEverQueued();
    if (!queuedEver)
        return queuedEver.error();
    if (progress.removalsThrough > queuedEver.value())
        return false;
    if (progress.indexedThrough == 0)
        return true;
    store::SqlQuery row(m_database, QStringLiteral("SELECT id FROM messages WHERE rowid = ?"));
    if (auto ran = row.exec({progress.indexedThrough}); !ran)
        return ran.error();
    return row.next() && row.value(0).toString() == progress.indexedMessageId;
}

Result<QString, crypto::CryptoError> SearchIndexRound::termsOf(const ConversationKeys &keys,
    const QUuid &conversationId, const QUuid &messageId, const QByteArray &contentEnc)
{
    auto text = ContentCipher::openContent(keys.messageKey(), conversationId, messageId, contentEnc);
    if (!text)
        return text.error();
    auto tokens = BlindIndex::tokens(keys.searchKey(), text.value());
    if (!tokens)
        return tokens.error();
    return SearchTokenRepository::matchExpression(tokens.value());
}

QString SearchIndexRound::termsOrNothing(const StoredText &message)
{
    auto keys = m_keyring.keys(message.conversationId);
    if (!keys) {
        qCWarning(lcSearchIndex) << "message" << message.id << "is not searchable: conversation"
                                 << message.conversationId << "key:" << errorString(keys.error());
        return {};
    }
    auto terms = termsOf(*keys.value(), message.conversationId, message.id, message.contentEnc);
    if (!terms) {
        qCWarning(lcSearchIndex) << "message" << message.id
                                 << "is not searchable:" << crypto::errorString(terms.error());
        return {};
    }
    return terms.value();
}

} // namespace vw::server::messaging
