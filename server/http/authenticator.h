#pragma once

#include "common/core/result.h"
#include "server/core/principal.h"
#include "server/core/serviceerror.h"

#include <QByteArrayView>

namespace vw::server::http {

// Turns a bearer access token into the caller: signature, expiry and a live session.
// Implemented by the auth service; the HTTP API and the realtime gateway both use it.
class Authenticator
{
public:
    virtual ~Authenticator() = default;
    virtual Result<Principal, ServiceError> authenticate(QByteArrayView accessToken) = 0;
};

} // namespace vw::server::http
