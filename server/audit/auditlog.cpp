#include "server/audit/auditlog.h"

#include "common/core/timeorderedid.h"
#include "common/model/wire.h"
#include "server/audit/auditchain.h"
#include "server/store/batchscope.h"
#include "server/store/database.h"
#include "server/store/writebehind.h"

#include <QUuid>

#include <optional>

namespace vw::server::audit {

namespace {
constexpr int kVerifyPageSize = 1000;

// The chain's last (seq, hash), read once per group-commit batch and then carried from entry
// to entry: no other writer can append while the batch's transaction holds the write lock,
// and the committer forgets it before any job that did not allow deferral.
class ChainTail : public store::BatchState
{
public:
    // (seq, hash) of the entry this batch appended last; unset until it appends one.
    std::optional<QPair<qint64, QString>> lastAppended;

    Status<store::StoreError> flush(store::Database &) override { return {}; }
};
} // namespace

QString toWire(AuditOutcome outcome)
{
    switch (outcome) {
    case AuditOutcome::Success:
        return QStringLiteral("success");
    case AuditOutcome::Denied:
        return QStringLiteral("denied");
    case AuditOutcome::Failure:
        return QStringLiteral("failure");
    }
    return QStringLiteral("failure");
}

QJsonObject toJson(const AuditEntry &entry)
{
    const auto orNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    return QJsonObject {{QStringLiteral("id"), entry.id}, {QStringLiteral("seq"), entry.seq},
        {QStringLiteral("at"), model::timeToWire(entry.at)},
        {QStringLiteral("actorId"), orNull(entry.actorId)}, {QStringLiteral("action"), entry.action},
        {QStringLiteral("targetType"), orNull(entry.targetType)},
        {QStringLiteral("targetId"), orNull(entry.targetId)}, {QStringLiteral("outcome"), entry.outcome},
        {QStringLiteral("ip"), orNull(entry.ip)}, {QStringLiteral("userAgent"), orNull(entry.userAgent)},
        {QStringLiteral("details"), entry.details}, {QStringLiteral("hash"), entry.hash}};
}

AuditLog::AuditLog(store::Database &database, const Clock &clock, store::GroupCommitter *writeBehind)
    : m_database(database), m_repository(database), m_clock(clock), m_writeBehind(writeBehind)
{ }

Status<store::StoreError> AuditLog::record(const AuditRecord &record)
{
    if (m_database.inTransaction() || !m_writeBehind)
        return append(record);
    return store::writeBehind(
        m_writeBehind, m_database,
        [record, &clock = m_clock](
            store::Database &writer) { return AuditLog(writer, clock).append(record); },
        "an audit row");
}

void AuditLog::afterPendingRecords(std::function<void()> then)
{
    store::afterQueuedWrites(m_writeBehind, std::move(then));
}

Status<store::StoreError> AuditLog::append(const AuditRecord &record)
{
    ChainTail *carried = m_database.batchScope() ? &m_database.batchScope()->state<ChainTail>() : nullptr;
    std::optional<QPair<qint64, QString>> previous;
    if (carried && carried->lastAppended) {
        previous = carried->lastAppended;
    } else {
        const auto tail = m_repository.tail();
        if (!tail)
            return tail.error();
        previous = tail.value();
    }
    AuditEntry entry;
    entry.seq = previous ? previous->first + 1 : 1;
    entry.prevHash = previous ? previous->second : AuditChain::genesisHash();
    entry.at = m_clock.nowUtc();
    entry.id = createTimeOrderedUuid(entry.at.toMSecsSinceEpoch()).toString(QUuid::WithoutBraces);
    entry.actorId = record.actorId;
    entry.action = record.action;
    entry.targetType = record.targetType;
    entry.targetId = record.targetId;
    entry.outcome = toWire(record.outcome);
    entry.ip = record.client.ip;
    entry.userAgent = record.client.userAgent;
    entry.details = record.details;
    const QByteArray details
        = record.detailsText.isEmpty() ? AuditChain::detailsText(entry.details) : record.detailsText;
    entry.hash = AuditChain::computeHash(entry, details);
    auto appended = m_repository.append(entry, details);
    if (appended && carried)
        carried->lastAppended = QPair<qint64, QString>(entry.seq, entry.hash);
    return appended;
}

Result<QList<AuditEntry>, store::StoreError> AuditLog::find(const AuditQuery &query)
{
    return m_repository.find(query);
}

Result<AuditVerification, store::StoreError> AuditLog::verify()
{
    AuditVerification verification;
    QString previousHash = AuditChain::genesisHash();
    qint64 previousSeq = 0;
    for (;;) {
        const auto page = m_repository.pageAfter(previousSeq, kVerifyPageSize);
        if (!page)
            return page.error();
        if (page.value().isEmpty())
            return verification;
        if (const auto bad = AuditChain::firstBadEntry(page.value(), previousHash, previousSeq)) {
            verification.ok = false;
            verification.firstBadId = *bad;
            return verification;
        }
        verification.entries += page.value().size();
        previousHash = page.value().last().hash;
        previousSeq = page.value().last().seq;
    }
}

} // namespace vw::server::audit
