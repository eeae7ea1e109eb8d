#pragma once

#include "common/model/enums.h"

#include <QString>
#include <QUuid>

namespace vw::server::auth {

// The claims of one access token: who (sub), which session (sid), and when.
struct AccessClaims
{
    QUuid userId; // "sub"
    QUuid sessionId; // "sid"
    model::UserRole role = model::UserRole::Patient;
    qint64 issuedAt = 0; // "iat", seconds since the epoch
    qint64 expiresAt = 0; // "exp", seconds since the epoch
    QString tokenId; // "jti"
};

} // namespace vw::server::auth
