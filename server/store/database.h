#pragma once

#include "common/core/result.h"
#include "server/store/sqldialect.h"
#include "server/store/storeerror.h"

#include <QSqlDatabase>
#include <QString>

namespace vw::server::store {

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

    QSqlDatabase &connection() { return m_db; }
    SqlDialect dialect() const { return m_dialect; }
    QString connectionName() const { return m_connectionName; }

    // Runs `statement` once (pragmas, DDL); the error carries the driver's text.
    Status<StoreError> exec(const QString &statement);

private:
    Database(QString connectionName, SqlDialect dialect);

    QString m_connectionName;
    SqlDialect m_dialect;
    QSqlDatabase m_db;
};

} // namespace vw::server::store
