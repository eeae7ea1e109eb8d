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
    static QString computeHash(const AuditEntry &entry);

    // Checks entries (in seq order) continuing from `previousHash` at `previousSeq`; returns the
    // id of the first entry that does not fit (its hash, its link or its seq), or nothing.
    static std::optional<QString> firstBadEntry(
        const QList<AuditEntry> &entries, const QString &previousHash, qint64 previousSeq);
};

} // namespace vw::server::audit
