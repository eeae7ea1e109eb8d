#include "server/auth/authmodule.h"

#include "server/auth/authcontroller.h"
#include "server/auth/authservice.h"
#include "server/auth/loginthrottle.h"
#include "server/auth/refreshtokenrepository.h"
#include "server/auth/sessionrepository.h"
#include "server/auth/tokenservice.h"
#include "server/auth/useradministration.h"
#include "server/auth/userdirectory.h"
#include "server/auth/userscontroller.h"

namespace vw::server::auth {

AuthModule::AuthModule(ServerContext &context, users::UserRepository &users)
    : m_sessions(std::make_unique<SessionRepository>(context.database)),
      m_refreshTokens(std::make_unique<RefreshTokenRepository>(context.database)),
      m_tokenService(std::make_unique<TokenService>(context.masterKey, context.clock)),
      m_throttle(std::make_unique<LoginThrottle>(context.clock)),
      m_authService(std::make_unique<AuthService>(
          context, users, *m_sessions, *m_refreshTokens, *m_tokenService, *m_throttle)),
      m_userAdministration(std::make_unique<UserAdministration>(context, users)),
      m_userDirectory(std::make_unique<UserDirectory>(users)),
      m_authController(std::make_unique<AuthController>(*m_authService, *m_userDirectory)),
      m_usersController(std::make_unique<UsersController>(*m_userDirectory))
{ }

AuthModule::~AuthModule() = default;

http::Authenticator &AuthModule::authenticator()
{
    return *m_authService;
}

void AuthModule::registerRoutes(http::Router &router)
{
    m_authController->registerRoutes(router);
    m_usersController->registerRoutes(router);
}

} // namespace vw::server::auth
