#pragma once

#include "server/audit/auditentry.h"

#include <QList>
#include <QString>

#include <optional>

namespace vw::server::audit {

// The tamper-evidence rule of the audit trail: each entry's hash is SHA-256 over an
// unambiguous encoding of its fields and the previous entry's hash, so editing, removing or
// reordering any row breaks every hash after it.
class AuditChain
{
public:
    static QString genesisHash();
    // The stored and hashed form of an entry's details: compact JSON, keys sorted.
    static QByteArray detailsText(const QJsonObject &details);
    static QString computeHash(const AuditEntry &entry);
    // The same with detailsText(entry.details) already at hand (it is also what is stored).
    static QString computeHash(const AuditEntry &entry, const QByteArray &detailsText);

    // Checks entries (in seq order) continuing from `previousHash` at `previousSeq`; returns the
    // id of the first entry that does not fit (its hash, its link or its seq), or nothing.
    static std::optional<QString> firstBadEntry(
        const QList<AuditEntry> &entries, const QString &previousHash, qint64 previousSeq);
};

} // namespace vw::server::audit
