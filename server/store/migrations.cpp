#include "server/store/migrations.h"

#include "server/store/database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace vw::server::store {

namespace {

// Times are stored as milliseconds since the epoch (UTC) in BIGINT columns: portable,
// compact, and ordered. Ciphertext goes in {BLOB} columns; no column holds plaintext
// message content, previews, titles or search words.
QList<Migration> buildMigrations()
{
    QList<Migration> migrations;
    migrations.append(Migration {1,
        QStringLiteral("users, sessions, conversations, participants, messages, keys, search, audit"),
        {
            QStringLiteral("CREATE TABLE users ("
                           " id TEXT PRIMARY KEY,"
                           " username TEXT NOT NULL UNIQUE,"
                           " display_name TEXT NOT NULL,"
                           " role TEXT NOT NULL,"
                           " password_hash TEXT NOT NULL,"
                           " created_at {BIGINT} NOT NULL,"
                           " last_seen_at {BIGINT},"
                           " disabled_at {BIGINT})"),
            QStringLiteral("CREATE TABLE sessions ("
                           " id TEXT PRIMARY KEY,"
                           " user_id TEXT NOT NULL REFERENCES users(id),"
                           " created_at {BIGINT} NOT NULL,"
                           " last_used_at {BIGINT} NOT NULL,"
                           " expires_at {BIGINT} NOT NULL,"
                           " revoked_at {BIGINT},"
                           " revoke_reason TEXT,"
                           " ip TEXT,"
                           " user_agent TEXT)"),
            QStringLiteral("CREATE INDEX sessions_by_user ON sessions(user_id)"),
            // Only hashes of refresh tokens are kept; a used one stays so reuse is detected.
            QStringLiteral("CREATE TABLE refresh_tokens ("
                           " token_hash TEXT PRIMARY KEY,"
                           " session_id TEXT NOT NULL REFERENCES sessions(id),"
                           " issued_at {BIGINT} NOT NULL,"
                           " used_at {BIGINT})"),
            QStringLiteral("CREATE INDEX refresh_tokens_by_session ON refresh_tokens(session_id)"),
            QStringLiteral("CREATE TABLE conversations ("
                           " id TEXT PRIMARY KEY,"
                           " patient_id TEXT REFERENCES users(id),"
                           " provider_id TEXT REFERENCES users(id),"
                           " pair_key TEXT UNIQUE,"
                           " title_enc {BLOB},"
                           " preview_enc {BLOB},"
                           " last_message_at {BIGINT},"
                           " created_by TEXT NOT NULL REFERENCES users(id),"
                           " created_at {BIGINT} NOT NULL,"
                           " metadata TEXT NOT NULL DEFAULT '{}')"),
            QStringLiteral("CREATE INDEX conversations_by_pair ON conversations(patient_id, provider_id)"),
            QStringLiteral("CREATE TABLE participants ("
                           " conversation_id TEXT NOT NULL REFERENCES conversations(id),"
                           " user_id TEXT NOT NULL REFERENCES users(id),"
                           " joined_at {BIGINT} NOT NULL,"
                           " last_read_at {BIGINT},"
                           " unread_count INTEGER NOT NULL DEFAULT 0,"
                           " PRIMARY KEY (conversation_id, user_id))"),
            QStringLiteral("CREATE INDEX participants_by_user ON participants(user_id, unread_count)"),
            QStringLiteral("CREATE TABLE conversation_keys ("
                           " conversation_id TEXT PRIMARY KEY REFERENCES conversations(id),"
                           " wrapped_key TEXT NOT NULL,"
                           " created_at {BIGINT} NOT NULL)"),
            QStringLiteral("CREATE TABLE messages ("
                           " id TEXT PRIMARY KEY,"
                           " conversation_id TEXT NOT NULL REFERENCES conversations(id),"
                           " sender_id TEXT NOT NULL REFERENCES users(id),"
                           " type TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " priority TEXT NOT NULL,"
                           " reply_to_id TEXT,"
                           " client_message_id TEXT,"
                           " content_enc {BLOB} NOT NULL,"
                           " metadata_enc {BLOB},"
                           " created_at {BIGINT} NOT NULL,"
                           " delivered_at {BIGINT},"
                           " read_at {BIGINT},"
                           " deleted_at {BIGINT})"),
            QStringLiteral("CREATE INDEX messages_page ON messages(conversation_id, created_at, id)"),
            QStringLiteral(
                "CREATE INDEX messages_unread ON messages(conversation_id, sender_id, status, created_at)"),
            QStringLiteral(
                "CREATE UNIQUE INDEX messages_client_id ON messages(sender_id, client_message_id)"),
            // Blind index: HMAC tokens of normalised words under a per-conversation key.
            QStringLiteral("CREATE TABLE search_tokens ("
                           " conversation_id TEXT NOT NULL REFERENCES conversations(id),"
                           " token {BLOB} NOT NULL,"
                           " message_id TEXT NOT NULL REFERENCES messages(id),"
                           " PRIMARY KEY (conversation_id, token, message_id))"),
            QStringLiteral("CREATE INDEX search_tokens_by_message ON search_tokens(message_id)"),
            // Append-only and hash-chained: each row's hash covers its fields and the previous hash.
            QStringLiteral("CREATE TABLE audit_log ("
                           " seq {BIGINT} PRIMARY KEY,"
                           " id TEXT NOT NULL UNIQUE,"
                           " at {BIGINT} NOT NULL,"
                           " actor_id TEXT,"
                           " action TEXT NOT NULL,"
                           " target_type TEXT,"
                           " target_id TEXT,"
                           " outcome TEXT NOT NULL,"
                           " ip TEXT,"
                           " user_agent TEXT,"
                           " details TEXT NOT NULL DEFAULT '{}',"
                           " prev_hash TEXT NOT NULL,"
                           " hash TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX audit_by_time ON audit_log(at)"),
            QStringLiteral("CREATE INDEX audit_by_actor ON audit_log(actor_id, at)"),
        }});
    // Attachments: the file name and digest are sealed (names carry health information); the
    // bytes live encrypted in the data dir's blob store under names that reveal nothing.
    // message_id stays NULL until a message claims the upload; unclaimed rows are collected.
    migrations.append(Migration {2, QStringLiteral("attachments"),
        {
            QStringLiteral("CREATE TABLE attachments ("
                           " id TEXT PRIMARY KEY,"
                           " conversation_id TEXT NOT NULL REFERENCES conversations(id),"
                           " uploader_id TEXT NOT NULL REFERENCES users(id),"
                           " message_id TEXT REFERENCES messages(id),"
                           " meta_enc {BLOB} NOT NULL,"
                           " mime_type TEXT NOT NULL,"
                           " size {BIGINT} NOT NULL,"
                           " scan_status TEXT NOT NULL,"
                           " blob_name TEXT NOT NULL,"
                           " thumbnail_blob TEXT,"
                           " created_at {BIGINT} NOT NULL,"
                           " deleted_at {BIGINT})"),
            QStringLiteral("CREATE INDEX attachments_by_message ON attachments(message_id)"),
            QStringLiteral(
                "CREATE INDEX attachments_unclaimed ON attachments(created_at) WHERE message_id IS NULL"),
        }});
    // The blind index moves to an FTS5 table: one row per message holding its tokens in hex.
    // search_tokens had a row per word in two randomly ordered B-trees, so every message
    // dirtied ~60 scattered pages (measured: WAL writes were most of the server's CPU under
    // load); FTS5 appends segments and merges them in bulk. search_rowid links a message to its
    // row (messages' own rowids may be renumbered by VACUUM; FTS5's are stored keys).
    migrations.append(Migration {3, QStringLiteral("search index in FTS5"),
        {
            QStringLiteral("CREATE VIRTUAL TABLE message_search USING fts5("
                           "tokens, message_id UNINDEXED, detail=none, tokenize='ascii')"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN search_rowid INTEGER"),
            QStringLiteral(
                "INSERT INTO message_search (rowid, tokens, message_id) "
                "SELECT m.rowid, group_concat(lower(hex(t.token)), ' '), m.id "
                "FROM messages m JOIN search_tokens t ON t.message_id = m.id GROUP BY m.rowid, m.id"),
            QStringLiteral("UPDATE messages SET search_rowid = rowid "
                           "WHERE id IN (SELECT DISTINCT message_id FROM search_tokens)"),
            QStringLiteral("DROP TABLE search_tokens"),
        }});
    // The search index keeps no copy of its text (FTS5 "contentless"): the copy was a third of
    // every byte the server wrote per message. Rows are found through messages.search_rowid
    // (indexed), and a deleted message's tokens are recomputed from its text to take them out.
    migrations.append(Migration {4, QStringLiteral("contentless search index"),
        {
            QStringLiteral("CREATE VIRTUAL TABLE message_search_v4 USING fts5("
                           "tokens, content='', detail=none, tokenize='ascii')"),
            QStringLiteral(
                "INSERT INTO message_search_v4 (rowid, tokens) SELECT rowid, tokens FROM message_search"),
            QStringLiteral("DROP TABLE message_search"),
            QStringLiteral("ALTER TABLE message_search_v4 RENAME TO message_search"),
            QStringLiteral("CREATE INDEX messages_by_search_row ON messages(search_rowid)"),
        }});
    // Mark-read walks messages_page from the reader's last read point (MessageService::
    // persistRead), so this index only cost every insert, receipt and read its upkeep: a leaf
    // per conversation dirtied per commit (measured: ~13 % fewer bytes written at half peak).
    migrations.append(Migration {5, QStringLiteral("drop messages_unread"),
        {
            QStringLiteral("DROP INDEX messages_unread"),
        }});
    // The audit log keyed by its sequence: in SQLite only INTEGER PRIMARY KEY is the rowid,
    // and BIGINT PRIMARY KEY kept a separate index of seq beside the table (an extra B-tree
    // written for every audit row). Same columns, rows and chain; PostgreSQL keeps BIGINT.
    migrations.append(Migration {6, QStringLiteral("audit log keyed by its sequence"),
        {
            QStringLiteral("CREATE TABLE audit_log_v6 ("
                           " seq {ROWID} PRIMARY KEY,"
                           " id TEXT NOT NULL UNIQUE,"
                           " at {BIGINT} NOT NULL,"
                           " actor_id TEXT,"
                           " action TEXT NOT NULL,"
                           " target_type TEXT,"
                           " target_id TEXT,"
                           " outcome TEXT NOT NULL,"
                           " ip TEXT,"
                           " user_agent TEXT,"
                           " details TEXT NOT NULL DEFAULT '{}',"
                           " prev_hash TEXT NOT NULL,"
                           " hash TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO audit_log_v6 (seq, id, at, actor_id, action, target_type, target_id, "
                           "outcome, ip, user_agent, details, prev_hash, hash) "
                           "SELECT seq, id, at, actor_id, action, target_type, target_id, outcome, ip, "
                           "user_agent, details, prev_hash, hash FROM audit_log ORDER BY seq"),
            QStringLiteral("DROP TABLE audit_log"),
            QStringLiteral("ALTER TABLE audit_log_v6 RENAME TO audit_log"),
            QStringLiteral("CREATE INDEX audit_by_time ON audit_log(at)"),
            QStringLiteral("CREATE INDEX audit_by_actor ON audit_log(actor_id, at)"),
        }});
    // The search index leaves the store for a file of its own that a background indexer
    // fills in large batches (messaging::SearchIndexer): written per message inside the
    // group commit, FTS5 made a segment per batch and merged them inside commits that
    // acknowledged messages (the p99 at half of peak load). Its rows are keyed by the
    // message's rowid, which SQLite hands out in commit order, so the link column and its
    // index go. A deleted message's tokens wait in search_removals until the indexer has
    // taken its row out. The new index starts empty and is rebuilt from the sealed text.
    migrations.append(Migration {7, QStringLiteral("search index in a file of its own"),
        {
            QStringLiteral("DROP TABLE message_search"),
            QStringLiteral("DROP INDEX messages_by_search_row"),
            QStringLiteral("ALTER TABLE messages DROP COLUMN search_rowid"),
            QStringLiteral("CREATE TABLE search_removals ("
                           " seq {SERIAL_KEY},"
                           " message_rowid {BIGINT} NOT NULL,"
                           " tokens TEXT NOT NULL)"),
        }});
    return migrations;
}

} // namespace

const QList<Migration> &allMigrations()
{
    static const QList<Migration> migrations = buildMigrations();
    return migrations;
}

Result<int, StoreError> Migrator::currentVersion()
{
    if (auto created = m_database.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                                      " version INTEGER PRIMARY KEY,"
                                                      " description TEXT NOT NULL,"
                                                      " applied_at BIGINT NOT NULL)"));
        !created) {
        return StoreError {StoreError::Kind::MigrationFailed, created.error().detail};
    }
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
        || !query.next())
        return StoreError {StoreError::Kind::MigrationFailed, query.lastError().text()};
    return query.value(0).toInt();
}

Result<int, StoreError> Migrator::migrate(const QList<Migration> &migrations)
{
    const auto current = currentVersion();
    if (!current)
        return current.error();
    int version = current.value();
    const int newest = migrations.isEmpty() ? 0 : migrations.last().version;
    if (version > newest) {
        return StoreError {StoreError::Kind::MigrationFailed,
            QStringLiteral("the store is at schema version %1 but this program knows only up to %2; "
                           "use a newer vytalwatch-server")
                .arg(version)
                .arg(newest)};
    }
    for (const Migration &migration : migrations) {
        if (migration.version <= version)
            continue;
        if (auto applied = apply(migration); !applied)
            return applied.error();
        version = migration.version;
    }
    return version;
}

Status<StoreError> Migrator::apply(const Migration &migration)
{
    QSqlDatabase &db = m_database.connection();
    if (!db.transaction())
        return StoreError {StoreError::Kind::MigrationFailed, db.lastError().text()};
    const auto fail = [&](const QString &detail) {
        db.rollback();
        return StoreError {StoreError::Kind::MigrationFailed,
            QStringLiteral("migration %1 (%2): %3")
                .arg(migration.version)
                .arg(migration.description, detail)};
    };
    for (const QString &statement : migration.statements) {
        QSqlQuery query(db);
        if (!query.exec(renderForDialect(statement, m_database.dialect())))
            return fail(query.lastError().text());
    }
    QSqlQuery record(db);
    record.prepare(
        QStringLiteral("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"));
    record.addBindValue(migration.version);
    record.addBindValue(migration.description);
    record.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!record.exec())
        return fail(record.lastError().text());
    if (!db.commit())
        return fail(db.lastError().text());
    return {};
}

} // namespace vw::server::store
