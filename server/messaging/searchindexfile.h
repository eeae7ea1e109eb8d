#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QString>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// The search index's own SQLite file beside the store ("<store>-search.db"), attached to a
// connection as the schema `search_index`. It holds the FTS5 table of blind-index tokens
// (BlindIndex; one row per message, keyed by the message's rowid in the store) and how far
// the indexer got (search_progress). Kept apart from the store so that filling it never
// shares a transaction, a lock or an fsync with the messages being acknowledged
// (SearchIndexer). Everything in it can be rebuilt from the store, so its rounds are written
// with synchronous=NORMAL (no fsync of their own beside the writer's; a power cut loses at
// most the last rounds, indexed again at the next start), except the rounds that take deleted
// messages' rows out (SearchIndexRound::run).
class SearchIndexFile
{
public:
    SearchIndexFile() = delete;

    static QString pathFor(const QString &storePath);

    // Attaches the index to `database` (an SQLite connection to the store, outside a
    // transaction), creating the file and its tables when missing.
    // Attaching twice is a no-op.
    static Status<store::StoreError> attach(store::Database &database);
};

} // namespace vw::server::messaging
