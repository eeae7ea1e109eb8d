#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace vw::server::audit {

// One row of the audit trail: who did what to which target, with what outcome, from where.
// Never message content: `details` holds ids, counts and reasons only.
struct AuditEntry
{
    qint64 seq = 0; // position in the chain, 1-based
    QString id; // UUID of the entry
    QDateTime at; // UTC
    QString actorId; // user id, empty for anonymous (a failed login of an unknown name)
    QString action; // e.g. "auth.login", "message.send"
    QString targetType; // e.g. "conversation", "message", "user", "session"
    QString targetId;
    QString outcome; // "success", "denied", "failure"
    QString ip;
    QString userAgent;
    QJsonObject details;
    QString prevHash; // hex SHA-256 of the previous entry ("0"*64 for the first)
    QString hash; // hex SHA-256 over this entry's fields and prevHash
};

} // namespace vw::server::audit
