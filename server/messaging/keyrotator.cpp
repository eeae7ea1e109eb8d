#include "server/messaging/keyrotator.h"

#include "common/crypto/keywrap.h"
#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/messaging/conversationkeyrepository.h"
#include "server/store/transaction.h"

namespace vw::server::messaging {

KeyRotator::KeyRotator(store::Database &database, audit::AuditLog &audit)
    : m_database(database), m_audit(audit)
{ }

Result<RotationReport, QString> KeyRotator::rotate(
    const crypto::SecretBytes &oldMaster, const crypto::SecretBytes &newMaster)
{
    auto oldWrap = crypto::KeyWrap::create(oldMaster.clone());
    if (!oldWrap)
        return QStringLiteral("the current master key is unusable: %1")
            .arg(crypto::errorString(oldWrap.error()));
    auto newWrap = crypto::KeyWrap::create(newMaster.clone());
    if (!newWrap)
        return QStringLiteral("the new master key is unusable: %1").arg(crypto::errorString(newWrap.error()));
    RotationReport report;
    report.newKeyId = newWrap.value().keyId();

    store::Transaction transaction(m_database);
    if (!transaction.isActive())
        return QStringLiteral("cannot begin a transaction on the store");
    ConversationKeyRepository repository(m_database);
    auto keys = repository.all();
    if (!keys)
        return QStringLiteral("cannot read the conversation keys: %1").arg(keys.error().detail);
    for (const StoredConversationKey &stored : keys.value()) {
        const QString conversation = model::uuidToWire(stored.conversationId);
        auto wrapped = crypto::WrappedKey::parse(stored.wrappedKey);
        if (!wrapped)
            return QStringLiteral("the key of conversation %1 is malformed; nothing was changed")
                .arg(conversation);
        if (wrapped.value().keyId == report.newKeyId) {
            ++report.alreadyCurrent;
            continue;
        }
        auto dataKey = oldWrap.value().unwrap(wrapped.value());
        if (!dataKey)
            return QStringLiteral(
                "the key of conversation %1 does not open with the current master key (%2); "
                "nothing was changed")
                .arg(conversation, crypto::errorString(dataKey.error()));
        auto rewrapped = newWrap.value().wrap(dataKey.value());
        if (!rewrapped)
            return QStringLiteral("cannot wrap the key of conversation %1; nothing was changed")
                .arg(conversation);
        if (auto updated = repository.update(stored.conversationId, rewrapped.value().toString()); !updated)
            return QStringLiteral("cannot store the key of conversation %1: %2")
                .arg(conversation, updated.error().detail);
        ++report.rewrapped;
    }
    audit::AuditRecord entry;
    entry.action = audit::actions::kKeyRotate;
    entry.targetType = QStringLiteral("master_key");
    entry.targetId = report.newKeyId;
    entry.client = ClientInfo {QStringLiteral("cli"), QStringLiteral("vytalwatch-server rotate-key")};
    entry.details = QJsonObject {{QStringLiteral("oldKeyId"), oldWrap.value().keyId()},
        {QStringLiteral("rewrapped"), report.rewrapped},
        {QStringLiteral("alreadyCurrent"), report.alreadyCurrent}};
    if (auto audited = m_audit.record(entry); !audited)
        return QStringLiteral("cannot write the audit entry: %1").arg(audited.error().detail);
    if (auto committed = transaction.commit(); !committed)
        return QStringLiteral("cannot commit: %1").arg(committed.error().detail);
    return report;
}

} // namespace vw::server::messaging
