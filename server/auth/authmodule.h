#pragma once

#include "server/core/servercontext.h"

#include <memory>

namespace vw::server::http {
class Authenticator;
class Router;
} // namespace vw::server::http

namespace vw::server::users {
class UserRepository;
}

namespace vw::server::auth {

class AuthController;
class AuthService;
class LoginThrottle;
class RefreshTokenRepository;
class SessionRepository;
class TokenService;
class UserAdministration;
class UserDirectory;
class UsersController;

// Authentication and the user directory as one unit for the server to wire in: owns the
// session and refresh-token repositories, the token service, the login throttle, the
// services and the /auth and /users controllers.
//
//     auth::AuthModule auth(context, userRepository);
//     http::HttpApi api(auth.authenticator(), metrics);
//     auth.registerRoutes(api.router());
class AuthModule
{
public:
    AuthModule(ServerContext &context, users::UserRepository &users);
    ~AuthModule();
    Q_DISABLE_COPY_MOVE(AuthModule)

    http::Authenticator &authenticator();
    AuthService &authService() { return *m_authService; }
    UserAdministration &userAdministration() { return *m_userAdministration; }
    UserDirectory &userDirectory() { return *m_userDirectory; }
    TokenService &tokenService() { return *m_tokenService; }
    LoginThrottle &loginThrottle() { return *m_throttle; }

    void registerRoutes(http::Router &router);

private:
    std::unique_ptr<SessionRepository> m_sessions;
    std::unique_ptr<RefreshTokenRepository> m_refreshTokens;
    std::unique_ptr<TokenService> m_tokenService;
    std::unique_ptr<LoginThrottle> m_throttle;
    std::unique_ptr<AuthService> m_authService;
    std::unique_ptr<UserAdministration> m_userAdministration;
    std::unique_ptr<UserDirectory> m_userDirectory;
    std::unique_ptr<AuthController> m_authController;
    std::unique_ptr<UsersController> m_usersController;
};

} // namespace vw::server::auth
