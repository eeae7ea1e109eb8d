#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/store/database.h"
#include "server/store/migrations.h"
#include "tests/support/manualclock.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace vw::server::store;

// The SQLite store: durable settings and the versioned schema history.
class TestMigrations : public QObject
{
    Q_OBJECT
private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void opensWithWalAndFullSync()
    {
        auto db = Database::openSqlite(m_dir.filePath(QStringLiteral("a.db")), QStringLiteral("t1"));
        QVERIFY(db.ok());
        QCOMPARE(pragma(*db.value(), "journal_mode"), QStringLiteral("wal"));
        QCOMPARE(pragma(*db.value(), "synchronous"), QStringLiteral("2")); // FULL
        QCOMPARE(pragma(*db.value(), "foreign_keys"), QStringLiteral("1"));
    }

    void migratesToNewestAndIsIdempotent()
    {
        const QString path = m_dir.filePath(QStringLiteral("b.db"));
        const int newest = allMigrations().last().version;
        {
            auto db = Database::openSqlite(path, QStringLiteral("t2"));
            QVERIFY(db.ok());
            Migrator migrator(*db.value());
            const auto migrated = migrator.migrate();
            QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().detail));
            QCOMPARE(migrated.value(), newest);
            for (const char *table : {"users", "sessions", "refresh_tokens", "conversations", "participants",
                     "conversation_keys", "messages", "search_removals", "audit_log"}) {
                QVERIFY2(tableExists(*db.value(), QString::fromLatin1(table)), table);
            }
        }
        // A second start on the same file applies nothing and keeps the recorded history.
        auto db = Database::openSqlite(path, QStringLiteral("t3"));
        QVERIFY(db.ok());
        Migrator migrator(*db.value());
        const auto again = migrator.migrate();
        QVERIFY(again.ok());
        QCOMPARE(again.value(), newest);
        QSqlQuery count(db.value()->connection());
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")) && count.next());
        QCOMPARE(count.value(0).toInt(), int(allMigrations().size()));
    }

    void searchTokensMoveIntoTheFtsIndex()
    {
        // A version-2 store with a message indexed the old way (a row per word).
        const QString path = m_dir.filePath(QStringLiteral("v2.db"));
        auto db = Database::openSqlite(path, QStringLiteral("t-fts"));
        QVERIFY(db.ok());
        Migrator migrator(*db.value());
        QCOMPARE(migrator.migrate(allMigrations().mid(0, 2)).value(), 2);
        QVERIFY(db.value()->exec(QStringLiteral("PRAGMA foreign_keys=OFF")).ok());
        QVERIFY(db.value()
                    ->exec(QStringLiteral("INSERT INTO messages (id, conversation_id, sender_id, type, "
                                          "status, priority, content_enc, created_at) "
                                          "VALUES ('m1', 'c1', 'u1', 'text', 'sent', 'normal', x'00', 1)"))
                    .ok());
        for (const char *token : {"00112233445566778899aabbccddeeff", "ffeeddccbbaa99887766554433221100"}) {
            QVERIFY(db.value()
                        ->exec(QStringLiteral("INSERT INTO search_tokens VALUES ('c1', x'%1', 'm1')")
                                   .arg(QString::fromLatin1(token)))
                        .ok());
        }

        QCOMPARE(migrator.migrate(allMigrations().mid(0, 6)).value(), 6);
        QVERIFY(!tableExists(*db.value(), QStringLiteral("search_tokens")));
        // Contentless since version 4: FTS5 keeps no shadow copy of the tokens.
        QVERIFY(tableExists(*db.value(), QStringLiteral("message_search_data")));
        QVERIFY(!tableExists(*db.value(), QStringLiteral("message_search_content")));
        // Version 5: mark-read walks messages_page, so messages_unread is gone.
        QSqlQuery unreadIndex(db.value()->connection());
        QVERIFY(unreadIndex.exec(
            QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'messages_unread'")));
        QVERIFY(!unreadIndex.next());
        QSqlQuery found(db.value()->connection());
        QVERIFY(found.exec(QStringLiteral("SELECT messages.id FROM message_search JOIN messages "
                                          "ON messages.search_rowid = message_search.rowid "
                                          "WHERE message_search MATCH 'ffeeddccbbaa99887766554433221100 "
                                          "00112233445566778899aabbccddeeff'")));
        QVERIFY(found.next());
        QCOMPARE(found.value(0).toString(), QStringLiteral("m1"));
        QSqlQuery missing(db.value()->connection());
        QVERIFY(missing.exec(QStringLiteral("SELECT COUNT(*) FROM message_search WHERE message_search MATCH "
                                            "'0123456789abcdef0123456789abcdef'")));
        QVERIFY(missing.next());
        QCOMPARE(missing.value(0).toInt(), 0);
    }

    // Version 7 moves the search index out of the store (SearchIndexFile, rebuilt from the
    // sealed text): the FTS5 table, the link column and its index go, messages stay, and
    // deletions get their queue of tokens to take out.
    void searchIndexLeavesTheStore()
    {
        auto db = Database::openSqlite(m_dir.filePath(QStringLiteral("v6.db")), QStringLiteral("t-v7"));
        QVERIFY(db.ok());
        Migrator migrator(*db.value());
        QCOMPARE(migrator.migrate(allMigrations().mid(0, 6)).value(), 6);
        QVERIFY(db.value()->exec(QStringLiteral("PRAGMA foreign_keys=OFF")).ok());
        QVERIFY(db.value()
                    ->exec(QStringLiteral("INSERT INTO message_search (rowid, tokens) VALUES (1, 'aa')"))
                    .ok());
        QVERIFY(
            db.value()
                ->exec(QStringLiteral("INSERT INTO messages (id, conversation_id, sender_id, type, status, "
                                      "priority, content_enc, created_at, search_rowid) "
                                      "VALUES ('m1', 'c1', 'u1', 'text', 'sent', 'normal', x'00', 1, 1)"))
                .ok());

        QCOMPARE(migrator.migrate(allMigrations().mid(0, 7)).value(), 7);
        QVERIFY(!tableExists(*db.value(), QStringLiteral("message_search")));
        QVERIFY(!tableExists(*db.value(), QStringLiteral("message_search_data")));
        QVERIFY(tableExists(*db.value(), QStringLiteral("search_removals")));
        QSqlQuery columns(db.value()->connection());
        QVERIFY(columns.exec(QStringLiteral("SELECT name FROM pragma_table_info('messages')")));
        QStringList names;
        while (columns.next())
            names.append(columns.value(0).toString());
        QVERIFY(names.contains(QStringLiteral("content_enc")));
        QVERIFY(!names.contains(QStringLiteral("search_rowid")));
        QSqlQuery kept(db.value()->connection());
        QVERIFY(kept.exec(QStringLiteral("SELECT id FROM messages")) && kept.next());
        QCOMPARE(kept.value(0).toString(), QStringLiteral("m1"));
        // Removal numbers are never handed out twice, even after the queue was emptied.
        for (int i = 0; i < 2; ++i) {
            QVERIFY(db.value()
                        ->exec(QStringLiteral(
                            "INSERT INTO search_removals (message_rowid, tokens) VALUES (1, 'aa')"))
                        .ok());
        }
        QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM search_removals")).ok());
        QVERIFY(
            db.value()
                ->exec(QStringLiteral("INSERT INTO search_removals (message_rowid, tokens) VALUES (1, 'aa')"))
                .ok());
        QSqlQuery seq(db.value()->connection());
        QVERIFY(seq.exec(QStringLiteral("SELECT seq FROM search_removals")) && seq.next());
        QCOMPARE(seq.value(0).toInt(), 3);
    }

    // Version 6 rebuilds audit_log with seq as SQLite's rowid: every row and the hash chain
    // survive, one index fewer is written, and the log goes on from where it was.
    void auditLogKeyedBySequenceKeepsItsRowsAndChain()
    {
        using namespace vw::server::audit;
        auto db = Database::openSqlite(m_dir.filePath(QStringLiteral("v5.db")), QStringLiteral("t-audit"));
        QVERIFY(db.ok());
        Migrator migrator(*db.value());
        QCOMPARE(migrator.migrate(allMigrations().mid(0, 5)).value(), 5);
        QCOMPARE(auditIndexes(*db.value()).size(), 4); // seq's own index among them
        vw::test::ManualClock clock;
        AuditLog log(*db.value(), clock);
        for (const QString &actor : {QStringLiteral("a-1"), QStringLiteral("a-2"), QString()}) {
            QVERIFY(log.record(AuditRecord {actions::kMessageSend, AuditOutcome::Success, actor,
                                   QStringLiteral("message"), QStringLiteral("m-1"), {}, {}, {}})
                        .ok());
        }
        const QList<QStringList> before = auditRows(*db.value());
        QCOMPARE(before.size(), 3);

        QCOMPARE(migrator.migrate().value(), allMigrations().last().version);
        QCOMPARE(auditRows(*db.value()), before);
        QCOMPARE(auditIndexes(*db.value()).size(), 3);
        QSqlQuery rowid(db.value()->connection());
        QVERIFY(
            rowid.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE rowid = seq")) && rowid.next());
        QCOMPARE(rowid.value(0).toInt(), 3);
        QVERIFY(log.record(AuditRecord {actions::kMessageSend, AuditOutcome::Failure, QStringLiteral("a-3"),
                               {}, {}, {}, {}, {}})
                    .ok());
        const auto verified = log.verify();
        QVERIFY(verified.ok());
        QVERIFY(verified.value().ok);
        QCOMPARE(verified.value().entries, 4);
    }

    void failedStepLeavesNothingBehind()
    {
        auto db = Database::openSqlite(m_dir.filePath(QStringLiteral("c.db")), QStringLiteral("t4"));
        QVERIFY(db.ok());
        const QList<Migration> broken {
            {1, QStringLiteral("good"), {QStringLiteral("CREATE TABLE first_table (id TEXT)")}},
            {2, QStringLiteral("half good"),
                {QStringLiteral("CREATE TABLE second_table (id TEXT)"), QStringLiteral("THIS IS NOT SQL")}}};
        Migrator migrator(*db.value());
        const auto migrated = migrator.migrate(broken);
        QVERIFY(!migrated.ok());
        QCOMPARE(migrated.error().kind, StoreError::Kind::MigrationFailed);
        QVERIFY(migrated.error().detail.contains(QStringLiteral("migration 2")));
        QVERIFY(tableExists(*db.value(), QStringLiteral("first_table")));
        QVERIFY(!tableExists(*db.value(), QStringLiteral("second_table")));
        QCOMPARE(migrator.currentVersion().value(), 1);
    }

    void refusesNewerStore()
    {
        auto db = Database::openSqlite(m_dir.filePath(QStringLiteral("d.db")), QStringLiteral("t5"));
        QVERIFY(db.ok());
        Migrator migrator(*db.value());
        QVERIFY(migrator.migrate().ok());
        QVERIFY(
            db.value()->exec(QStringLiteral("INSERT INTO schema_migrations VALUES (999, 'future', 0)")).ok());
        const auto migrated = migrator.migrate();
        QVERIFY(!migrated.ok());
        QVERIFY(migrated.error().detail.contains(QStringLiteral("999")));
    }

    void unopenablePathIsAnError()
    {
        auto db
            = Database::openSqlite(m_dir.filePath(QStringLiteral("no/such/dir/e.db")), QStringLiteral("t6"));
        QVERIFY(!db.ok());
        QCOMPARE(db.error().kind, StoreError::Kind::OpenFailed);
    }

private:
    static QStringList auditIndexes(Database &db)
    {
        QSqlQuery query(db.connection());
        QStringList names;
        if (query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = "
                                      "'audit_log' ORDER BY name"))) {
            while (query.next())
                names.append(query.value(0).toString());
        }
        return names;
    }

    static QList<QStringList> auditRows(Database &db)
    {
        QSqlQuery query(db.connection());
        QList<QStringList> rows;
        if (!query.exec(QStringLiteral("SELECT * FROM audit_log ORDER BY seq")))
            return rows;
        while (query.next()) {
            QStringList row;
            for (int column = 0; column < 13; ++column)
                row.append(query.value(column).toString());
            rows.append(row);
        }
        return rows;
    }

    static QString pragma(Database &db, const char *name)
    {
        QSqlQuery query(db.connection());
        if (!query.exec(QStringLiteral("PRAGMA %1").arg(QString::fromLatin1(name))) || !query.next())
            return {};
        return query.value(0).toString();
    }

    static bool tableExists(Database &db, const QString &table)
    {
        QSqlQuery query(db.connection());
        query.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
        query.addBindValue(table);
        return query.exec() && query.next();
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
