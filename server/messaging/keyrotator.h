#pragma once

#include "common/core/clock.h"
#include "common/core/result.h"
#include "common/crypto/secretbytes.h"

#include <QString>

namespace vw::server::store {
class Database;
}
namespace vw::server::audit {
class AuditLog;
}

namespace vw::server::messaging {

struct RotationReport
{
    qint64 rewrapped = 0; // keys moved from the old master key to the new one
    qint64 alreadyCurrent = 0; // keys already under the new master key (a repeated run)
    QString newKeyId;
};

// Re-wraps every conversation data key from the old master key to a new one in ONE
// transaction (with its admin.key_rotate audit entry): either all keys move or none.
// Messages, previews, titles and search tokens stay as they are, since the data keys
// themselves do not change. The error is one sentence for the operator.
class KeyRotator
{
public:
    KeyRotator(store::Database &database, audit::AuditLog &audit);

    Result<RotationReport, QString> rotate(
        const crypto::SecretBytes &oldMaster, const crypto::SecretBytes &newMaster);

private:
    store::Database &m_database;
    audit::AuditLog &m_audit;
};

} // namespace vw::server::messaging
