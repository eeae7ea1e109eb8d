#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <functional>

class QSqlDatabase;

namespace vw::server::store {

class Database;

// A unit of work on one connection: begun on construction, rolled back on destruction
// unless commit() succeeded, so an early return never leaves half a change behind.
// Nested use is not supported; services open one per request.
class Transaction
{
public:
    explicit Transaction(Database &database);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)

    // False when BEGIN failed; such a transaction must not be used.
    bool isActive() const { return m_active; }
    Status<StoreError> commit();

private:
    void end();

    Database &m_database;
    QSqlDatabase &m_db;
    bool m_active = false;
};

// Runs `work` in a Transaction on `database` and commits it; nothing of it stays when `work`
// fails. For the synchronous paths whose group-commit twin runs the same `work` as a job.
Status<StoreError> inTransaction(
    Database &database, const std::function<Status<StoreError>(Database &)> &work);

} // namespace vw::server::store
