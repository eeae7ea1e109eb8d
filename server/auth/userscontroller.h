#pragma once

#include "server/http/httpresponse.h"
#include "server/http/requestcontext.h"

namespace vw::server::http {
class Router;
}

namespace vw::server::auth {

class UserDirectory;

// GET /users: the people the caller may start a conversation with.
class UsersController
{
public:
    static constexpr qsizetype kMaxSearchLength = 100;

    explicit UsersController(UserDirectory &directory) : m_directory(directory) { }

    void registerRoutes(http::Router &router);
    http::HttpResponse list(const http::RequestContext &context);

private:
    UserDirectory &m_directory;
};

} // namespace vw::server::auth
