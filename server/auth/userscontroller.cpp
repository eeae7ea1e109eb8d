#include "server/auth/userscontroller.h"

#include "server/auth/userdirectory.h"
#include "server/http/router.h"

#include <QJsonArray>

namespace vw::server::auth {

void UsersController::registerRoutes(http::Router &router)
{
    router.add("GET", QStringLiteral("/users"), http::Access::Authenticated,
        [this](const http::RequestContext &context) { return list(context); });
}

http::HttpResponse UsersController::list(const http::RequestContext &context)
{
    std::optional<model::UserRole> role;
    if (const auto roleText = context.queryValue(QStringLiteral("role"))) {
        role = model::fromWire<model::UserRole>(*roleText);
        if (!role)
            return http::HttpResponse::error(ServiceError::badRequest(QStringLiteral("role must be one of: ")
                + model::wireValues<model::UserRole>().join(QStringLiteral(", "))));
    }
    const QString search = context.queryValue(QStringLiteral("q")).value_or(QString()).trimmed();
    if (search.size() > kMaxSearchLength)
        return http::HttpResponse::error(ServiceError::badRequest(
            QStringLiteral("q must be at most %1 characters").arg(kMaxSearchLength)));
    const auto limit = context.queryInt(QStringLiteral("limit"), 1, UserDirectory::kMaxLimit);
    if (!limit)
        return http::HttpResponse::error(limit.error());

    const auto users = m_directory.list(context.caller(), role, search,
        static_cast<int>(limit.value().value_or(UserDirectory::kDefaultLimit)));
    if (!users)
        return http::HttpResponse::error(users.error());
    QJsonArray array;
    for (const model::User &user : users.value())
        array.append(model::toJson(user));
    return http::HttpResponse::json(200, QJsonObject {{QStringLiteral("users"), array}});
}

} // namespace vw::server::auth
