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

namespace vw::server::store {

class BatchScope;

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

    // Prepared statements kept for reuse (SqlQuery borrows and returns them): preparing is a
    // noticeable part of a short statement's cost on the hot paths. A statement is lent to one
    // SqlQuery at a time, so nested queries with the same text each get their own.
    std::optional<QSqlQuery> borrowStatement(const QString &sql);
    void returnStatement(const QString &sql, QSqlQuery &&statement);

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
    std::unordered_map<QString, std::vector<QSqlQuery>> m_idleStatements;
    int m_openTransactions = 0;
    BatchScope *m_batchScope = nullptr;
};

} // namespace vw::server::store
