#pragma once

#include "common/model/enums.h"

#include <QUuid>

namespace vw::server {

// Who is calling: established from a valid access token tied to a live session.
struct Principal
{
    QUuid userId;
    model::UserRole role = model::UserRole::Patient;
    QUuid sessionId;
};

// Where a request came from, for the audit trail and throttling.
struct ClientInfo
{
    QString ip;
    QString userAgent;
};

} // namespace vw::server
