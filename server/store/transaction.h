#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

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

} // namespace vw::server::store
