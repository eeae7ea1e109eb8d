#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// The search index's tables (SearchIndexFile, attached as `search_index`): message_search,
// an FTS5 table of the blind-index tokens (BlindIndex) of each message's words, one row per
// message keyed by the message's rowid in the store; and search_progress, how far the
// indexer got. The FTS5 table is contentless: it can say which rows hold a token but not
// which tokens a row holds.
class SearchTokenRepository
{
public:
    // An FTS5 query matching messages that hold every one of `tokens`; also the text of a
    // message's index row (the tokens in hex, side by side).
    static QString matchExpression(const QList<QByteArray> &tokens);

    // What search_progress records.
    struct Progress
    {
        qint64 indexedThrough = 0; // the store's rowid of the last message indexed
        QString indexedMessageId; // that message's id (empty at 0)
        qint64 removalsThrough = 0; // the last search_removals entry applied
    };

    explicit SearchTokenRepository(store::Database &database) : m_database(database) { }

    // `terms` is matchExpression(the message's tokens), not empty.
    Status<store::StoreError> add(qint64 messageRowid, const QString &terms);
    // The index keeps no copy of its text, so `terms` must be what the row was added with.
    Status<store::StoreError> remove(qint64 messageRowid, const QString &terms);
    // Empties the index (a rebuild from the store starts).
    Status<store::StoreError> clear();

    Result<Progress, store::StoreError> progress();
    Status<store::StoreError> saveProgress(const Progress &progress);

private:
    store::Database &m_database;
};

} // namespace vw::server::messaging
