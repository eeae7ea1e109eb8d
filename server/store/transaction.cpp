#include "server/store/transaction.h"

#include "server/store/database.h"

#include <QSqlError>

namespace vw::server::store {

Transaction::Transaction(Database &database) : m_db(database.connection()), m_active(m_db.transaction()) { }

Transaction::~Transaction()
{
    if (m_active)
        m_db.rollback();
}

Status<StoreError> Transaction::commit()
{
    if (!m_active)
        return StoreError {StoreError::Kind::QueryFailed, QStringLiteral("no active transaction")};
    m_active = false;
    if (!m_db.commit()) {
        const QString detail = m_db.lastError().text();
        m_db.rollback();
        return StoreError {StoreError::Kind::QueryFailed, detail};
    }
    return {};
}

} // namespace vw::server::store
