#pragma once

#include "common/core/clock.h"
#include "common/core/result.h"
#include "server/audit/auditrepository.h"
#include "server/core/principal.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace vw::server::store {
class GroupCommitter;
}

namespace vw::server::audit {

enum class AuditOutcome { Success, Denied, Failure };

// What a service reports; AuditLog adds the id, time, sequence and hash chain.
struct AuditRecord
{
    QString action; // see auditactions.h
    AuditOutcome outcome = AuditOutcome::Success;
    QString actorId; // empty for anonymous
    QString targetType;
    QString targetId;
    ClientInfo client;
    QJsonObject details; // ids, counts, reasons: never message content, passwords or tokens
    // AuditChain::detailsText(details) when the caller made it ahead (off the writer thread);
    // empty: append() makes it.
    QByteArray detailsText;
};

// The result of walking the whole chain (GET /admin/audit/verify, `audit verify`).
struct AuditVerification
{
    bool ok = true;
    qint64 entries = 0;
    QString firstBadId;
};

// The append-only, hash-chained audit trail. record() joins the caller's open transaction
// when there is one (so an audit row commits or rolls back with the change it describes).
// Otherwise, given a group-commit writer, the row is written behind (see
// store::writeBehind): on disk within the writer's next batch; and without one it commits
// on its own.
class AuditLog
{
public:
    AuditLog(store::Database &database, const Clock &clock, store::GroupCommitter *writeBehind = nullptr);

    Status<store::StoreError> record(const AuditRecord &record);
    Result<QList<AuditEntry>, store::StoreError> find(const AuditQuery &query);
    Result<AuditVerification, store::StoreError> verify();

    // Calls `then` once every row recorded so far is on disk: reads of the trail go after it.
    void afterPendingRecords(std::function<void()> then);

private:
    Status<store::StoreError> append(const AuditRecord &record);

    store::Database &m_database;
    AuditRepository m_repository;
    const Clock &m_clock;
    store::GroupCommitter *m_writeBehind;
};

QString toWire(AuditOutcome outcome);
// The JSON of one entry for GET /admin/audit.
QJsonObject toJson(const AuditEntry &entry);

} // namespace vw::server::audit
