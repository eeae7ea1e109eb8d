#include "server/auth/authcontroller.h"

#include "common/model/jsonreader.h"
#include "common/model/limits.h"
#include "server/auth/authservice.h"
#include "server/auth/userdirectory.h"
#include "server/http/router.h"

namespace vw::server::auth {

namespace {

http::HttpResponse tokensResponse(const AuthTokens &tokens)
{
    return http::HttpResponse::json(200,
        QJsonObject {{QStringLiteral("accessToken"), tokens.accessToken},
            {QStringLiteral("refreshToken"), tokens.refreshToken},
            {QStringLiteral("expiresIn"), tokens.expiresInSeconds},
            {QStringLiteral("user"), model::toJson(tokens.user)}});
}

http::HttpResponse badRequest(const model::JsonReader &reader)
{
    return http::HttpResponse::error(ServiceError::badRequest(reader.error()->message()));
}

} // namespace

AuthController::AuthController(AuthService &auth, UserDirectory &directory)
    : m_auth(auth), m_directory(directory)
{ }

void AuthController::registerRoutes(http::Router &router)
{
    // Answered after the password check, which runs off the network thread.
    router.addDeferred("POST", QStringLiteral("/auth/login"), http::Access::Public,
        [this](const http::RequestContext &context, http::Respond respond) {
            login(context, std::move(respond));
        });
    // Answered once the session rows are on disk, written by the group-commit writer.
    router.addDeferred("POST", QStringLiteral("/auth/refresh"), http::Access::Public,
        [this](const http::RequestContext &context, http::Respond respond) {
            refresh(context, std::move(respond));
        });
    router.addDeferred("POST", QStringLiteral("/auth/logout"), http::Access::Authenticated,
        [this](const http::RequestContext &context, http::Respond respond) {
            logout(context, std::move(respond));
        });
    router.add("GET", QStringLiteral("/auth/me"), http::Access::Authenticated,
        [this](const http::RequestContext &context) { return me(context); });
}

void AuthController::login(const http::RequestContext &context, http::Respond respond)
{
    const auto body = context.jsonBody();
    if (!body) {
        respond(http::HttpResponse::error(body.error()));
        return;
    }
    model::JsonReader reader(body.value());
    const QString username = reader.requireString(u"username", {1, model::kMaxUsernameLength});
    const QString password = reader.requireString(u"password", {1, kMaxPasswordLength});
    if (!reader.ok()) {
        respond(badRequest(reader));
        return;
    }
    m_auth.loginQueued(username, password, context.client,
        [respond = std::move(respond)](const Result<AuthTokens, ServiceError> &tokens) {
            respond(tokens ? tokensResponse(tokens.value()) : http::HttpResponse::error(tokens.error()));
        });
}

void AuthController::refresh(const http::RequestContext &context, http::Respond respond)
{
    const auto body = context.jsonBody();
    if (!body) {
        respond(http::HttpResponse::error(body.error()));
        return;
    }
    model::JsonReader reader(body.value());
    const QString token = reader.requireString(u"refreshToken", {1, kMaxRefreshTokenLength});
    if (!reader.ok()) {
        respond(badRequest(reader));
        return;
    }
    m_auth.refreshQueued(token, context.client,
        [respond = std::move(respond)](const Result<AuthTokens, ServiceError> &tokens) {
            respond(tokens ? tokensResponse(tokens.value()) : http::HttpResponse::error(tokens.error()));
        });
}

void AuthController::logout(const http::RequestContext &context, http::Respond respond)
{
    m_auth.logoutQueued(
        context.caller(), context.client, [respond = std::move(respond)](const Status<ServiceError> &done) {
            respond(done ? http::HttpResponse::noContent() : http::HttpResponse::error(done.error()));
        });
}

http::HttpResponse AuthController::me(const http::RequestContext &context)
{
    const auto user = m_directory.me(context.caller());
    if (!user)
        return http::HttpResponse::error(user.error());
    return http::HttpResponse::json(200, model::toJson(user.value()));
}

} // namespace vw::server::auth
