#pragma once

#include "common/model/user.h"

#include <QString>
#include <QUuid>

namespace vw::server::auth {

// What a login or refresh hands back: the body of API.md's {accessToken, refreshToken, expiresIn, user}.
struct AuthTokens
{
    QString accessToken;
    QString refreshToken;
    qint64 expiresInSeconds = 0;
    model::User user;
    QUuid sessionId;
};

} // namespace vw::server::auth
