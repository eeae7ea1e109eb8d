#include "server/store/transaction.h"

#include "server/store/database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace vw::server::store {

namespace {

// SQLite: IMMEDIATE takes the write lock at BEGIN. A deferred transaction that reads first
// (the audit chain's tail) and writes later fails with SQLITE_BUSY when the group-commit
// writer's connection committed in between; IMMEDIATE waits on the busy timeout instead.
bool begin(Database &database)
{
    if (database.dialect() != SqlDialect::Sqlite)
        return database.connection().transaction();
    QSqlQuery begin(database.connection());
    return begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
}

} // namespace

Transaction::Transaction(Database &database)
    : m_database(database), m_db(database.connection()), m_active(begin(database))
{
    if (m_active)
        ++m_database.m_openTransactions;
}

Transaction::~Transaction()
{
    if (m_active) {
        end();
        m_db.rollback();
    }
}

void Transaction::end()
{
    m_active = false;
    --m_database.m_openTransactions;
}

Status<StoreError> Transaction::commit()
{
    if (!m_active)
        return StoreError {StoreError::Kind::QueryFailed, QStringLiteral("no active transaction")};
    end();
    if (!m_db.commit()) {
        const QString detail = m_db.lastError().text();
        m_db.rollback();
        return StoreError {StoreError::Kind::QueryFailed, detail};
    }
    return {};
}

Status<StoreError> inTransaction(
    Database &database, const std::function<Status<StoreError>(Database &)> &work)
{
    Transaction transaction(database);
    if (!transaction.isActive())
        return StoreError {StoreError::Kind::QueryFailed, QStringLiteral("cannot begin a transaction")};
    if (auto done = work(database); !done)
        return done;
    return transaction.commit();
}

} // namespace vw::server::store
