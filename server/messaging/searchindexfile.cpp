#include "server/messaging/searchindexfile.h"

#include "server/store/database.h"
#include "server/store/sqlquery.h"

#include <QDir>
#include <QFileInfo>

namespace vw::server::messaging {

QString SearchIndexFile::pathFor(const QString &storePath)
{
    const QFileInfo store(storePath);
    return store.dir().filePath(store.completeBaseName() + QStringLiteral("-search.db"));
}

namespace {

bool isAttached(store::Database &database)
{
    store::SqlQuery list(
        database, QStringLiteral("SELECT 1 FROM pragma_database_list WHERE name = 'search_index'"));
    return list.exec().ok() && list.next();
}

} // namespace

Status<store::StoreError> SearchIndexFile::attach(store::Database &database)
{
    if (isAttached(database))
        return {};
    store::SqlQuery attach(database, QStringLiteral("ATTACH DATABASE ? AS search_index"));
    if (auto attached = attach.exec({pathFor(database.filePath())}); !attached)
        return attached;
    // WAL like the store, removed rows overwritten; NORMAL: see the class comment.
    for (const char *statement : {
             "PRAGMA search_index.journal_mode=WAL",
             "PRAGMA search_index.synchronous=NORMAL",
             "PRAGMA search_index.secure_delete=ON",
             "PRAGMA search_index.cache_size=-16384",
             "CREATE VIRTUAL TABLE IF NOT EXISTS search_index.message_search USING fts5("
             "tokens, content='', detail=none, tokenize='ascii')",
             // One row: the store's rowid indexed last (and that message's id, to notice a store
             // whose rows were renumbered, such as a restored VACUUM copy), and the last
             // search_removals entry applied.
             "CREATE TABLE IF NOT EXISTS search_index.search_progress ("
             " id INTEGER PRIMARY KEY CHECK (id = 1),"
             " indexed_through INTEGER NOT NULL,"
             " indexed_message_id TEXT,"
             " removals_through INTEGER NOT NULL)",
             "INSERT OR IGNORE INTO search_index.search_progress VALUES (1, 0, NULL, 0)",
         }) {
        if (auto done = database.exec(QString::fromLatin1(statement)); !done)
            return done;
    }
    return {};
}

} // namespace vw::server::messaging
