#pragma once

#include "common/core/result.h"
#include "server/store/sqldialect.h"
#include "server/store/storeerror.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

struct sqlite3;

namespace vw::server::store {

class BatchScope;
class SqliteStatement;

// Prepared statements of one connection kept for reuse, by text. A statement is lent to one
// user at a time, so nested queries with the same text each get their own.
template <typename Statement>
class IdleStatements
{
public:
    std::optional<Statement> borrow(const QString &sql)
    {
        const auto idle = m_idle.find(sql);
        if (idle == m_idle.end() || idle->second.empty())
            return std::nullopt;
        Statement statement = std::move(idle->second.back());
        idle->second.pop_back();
        return statement;
    }
    void giveBack(const QString &sql, Statement &&statement)
    {
        // Two per text covers nesting; more would only hold memory.
        constexpr size_t kIdlePerStatement = 2;
        std::vector<Statement> &idle = m_idle[sql];
        if (idle.size() < kIdlePerStatement)
            idle.push_back(std::move(statement));
    }
    void clear() { m_idle.clear(); }

private:
    std::unordered_map<QString, std::vector<Statement>> m_idle;
};

// One connection to the store (SQLite file in the data dir, or PostgreSQL). A QSqlDatabase
// belongs to the thread that opened it, so each thread that needs the store opens its own
// Database with a distinct connection name; closing happens in the destructor.
class Database
{
public:
    Q_DISABLE_COPY_MOVE(Database)
    ~Database();

    // SQLite: WAL journal, synchronous=FULL (a commit is on disk before we acknowledge it),
    // foreign keys on, a busy timeout so a second connection waits instead of failing.
    static Result<std::unique_ptr<Database>, StoreError> openSqlite(
        const QString &filePath, const QString &connectionName);

    // Another connection to the same store with the same settings, for a thread of its own
    // (the group-commit writer). Call it on the thread that will use the connection.
    Result<std::unique_ptr<Database>, StoreError> openSibling(const QString &connectionName) const;

    QSqlDatabase &connection() { return m_db; }
    // The SQLite file (its WAL is this + "-wal").
    QString filePath() const { return m_filePath; }
    SqlDialect dialect() const { return m_dialect; }
    QString connectionName() const { return m_connectionName; }

    // True while a store::Transaction is open on this connection.
    bool inTransaction() const { return m_openTransactions > 0; }

    // Runs `statement` once (pragmas, DDL); the error carries the driver's text.
    Status<StoreError> exec(const QString &statement);

    // SQLite's own handle of this connection (SqlQuery runs statements through it); null for
    // other databases.
    sqlite3 *sqliteHandle() const { return m_sqlite; }

    // Prepared statements kept for reuse (SqlQuery borrows and returns them): preparing is a
    // noticeable part of a short statement's cost on the hot paths. Through SQLite's API on
    // SQLite, through QSqlQuery elsewhere.
    IdleStatements<std::unique_ptr<SqliteStatement>> &idleSqliteStatements() { return m_idleSqlite; }
    IdleStatements<QSqlQuery> &idleQtStatements() { return m_idleQt; }

    // The group-commit batch's gathered state, while a job that allows deferral runs on the
    // writer's connection; null everywhere else (see batchscope.h).
    BatchScope *batchScope() const { return m_batchScope; }
    void setBatchScope(BatchScope *scope) { m_batchScope = scope; }

private:
    friend class Transaction;
    Database(QString connectionName, SqlDialect dialect);

    QString m_connectionName;
    QString m_filePath; // SQLite
    SqlDialect m_dialect;
    QSqlDatabase m_db;
    sqlite3 *m_sqlite = nullptr; // owned by m_db
    IdleStatements<std::unique_ptr<SqliteStatement>> m_idleSqlite;
    IdleStatements<QSqlQuery> m_idleQt;
    int m_openTransactions = 0;
    BatchScope *m_batchScope = nullptr;
};

} // namespace vw::server::store
