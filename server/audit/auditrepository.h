#pragma once

#include "common/core/result.h"
#include "server/audit/auditentry.h"
#include "server/store/storeerror.h"

#include <QList>

#include <optional>

namespace vw::server::store {
class Database;
}

namespace vw::server::audit {

// Filters of GET /admin/audit; empty fields do not filter.
struct AuditQuery
{
    std::optional<QDateTime> from;
    std::optional<QDateTime> to;
    QString actorId;
    QString action;
    int limit = 100;
    qint64 beforeSeq = 0; // 0: newest first from the end
};

// The audit_log table: append and read, never update or delete.
class AuditRepository
{
public:
    explicit AuditRepository(store::Database &database) : m_database(database) { }

    // The newest entry's seq and hash, or nothing for an empty log.
    Result<std::optional<QPair<qint64, QString>>, store::StoreError> tail();
    // `detailsText` is AuditChain::detailsText(entry.details), computed once for hash and row.
    Status<store::StoreError> append(const AuditEntry &entry, const QByteArray &detailsText);
    // Newest first.
    Result<QList<AuditEntry>, store::StoreError> find(const AuditQuery &query);
    // Oldest first, entries with seq > afterSeq, at most `limit` (for verification in pages).
    Result<QList<AuditEntry>, store::StoreError> pageAfter(qint64 afterSeq, int limit);

private:
    store::Database &m_database;
};

} // namespace vw::server::audit
