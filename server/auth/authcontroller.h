#pragma once

#include "server/http/httpresponse.h"
#include "server/http/requestcontext.h"
#include "server/http/router.h"

namespace vw::server::http {
class Router;
}

namespace vw::server::auth {

class AuthService;
class UserDirectory;

// The /auth routes: login, refresh, logout, me. Validates bodies and maps results; the rules
// live in AuthService.
class AuthController
{
public:
    static constexpr qsizetype kMaxPasswordLength = 1024;
    static constexpr qsizetype kMaxRefreshTokenLength = 512;

    AuthController(AuthService &auth, UserDirectory &directory);

    void registerRoutes(http::Router &router);

    void login(const http::RequestContext &context, http::Respond respond);
    void refresh(const http::RequestContext &context, http::Respond respond);
    void logout(const http::RequestContext &context, http::Respond respond);
    http::HttpResponse me(const http::RequestContext &context);

private:
    AuthService &m_auth;
    UserDirectory &m_directory;
};

} // namespace vw::server::auth
