#pragma once

#include <QDateTime>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::auth {

// A row of the sessions table: one login on one device, which access and refresh tokens hang off.
struct SessionRecord
{
    QUuid id;
    QUuid userId;
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QDateTime expiresAt; // the absolute limit
    std::optional<QDateTime> revokedAt;
    QString revokeReason;
    QString ip;
    QString userAgent;
};

} // namespace vw::server::auth
