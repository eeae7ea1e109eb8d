#include "server/audit/auditchain.h"

#include "common/crypto/sha256.h"

#include <QJsonDocument>

namespace vw::server::audit {

namespace {

// Length-prefixed fields: "a|bc" and "ab|c" must not encode alike.
void appendField(QByteArray &out, const QByteArray &value)
{
    out += QByteArray::number(value.size());
    out += ':';
    out += value;
    out += ';';
}

} // namespace

QString AuditChain::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QByteArray AuditChain::detailsText(const QJsonObject &details)
{
    // QJsonDocument sorts object keys, so the encoding of details is stable.
    return QJsonDocument(details).toJson(QJsonDocument::Compact);
}

QString AuditChain::computeHash(const AuditEntry &entry)
{
    return computeHash(entry, detailsText(entry.details));
}

QString AuditChain::computeHash(const AuditEntry &entry, const QByteArray &detailsText)
{
    QByteArray canonical = QByteArrayLiteral("vytalwatch-audit-v1;");
    appendField(canonical, QByteArray::number(entry.seq));
    appendField(canonical, entry.id.toUtf8());
    appendField(canonical, QByteArray::number(entry.at.toMSecsSinceEpoch()));
    appendField(canonical, entry.actorId.toUtf8());
    appendField(canonical, entry.action.toUtf8());
    appendField(canonical, entry.targetType.toUtf8());
    appendField(canonical, entry.targetId.toUtf8());
    appendField(canonical, entry.outcome.toUtf8());
    appendField(canonical, entry.ip.toUtf8());
    appendField(canonical, entry.userAgent.toUtf8());
    appendField(canonical, detailsText);
    appendField(canonical, entry.prevHash.toLatin1());
    return QString::fromLatin1(crypto::sha256(canonical).toHex());
}

std::optional<QString> AuditChain::firstBadEntry(
    const QList<AuditEntry> &entries, const QString &previousHash, qint64 previousSeq)
{
    QString expectedPrev = previousHash;
    qint64 expectedSeq = previousSeq + 1;
    for (const AuditEntry &entry : entries) {
        if (entry.seq != expectedSeq || entry.prevHash != expectedPrev || computeHash(entry) != entry.hash)
            return entry.id;
        expectedPrev = entry.hash;
        ++expectedSeq;
    }
    return std::nullopt;
}

} // namespace vw::server::audit
