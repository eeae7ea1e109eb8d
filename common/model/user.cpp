#include "common/model/user.h"

#include "common/model/jsonreader.h"
#include "common/model/wire.h"

namespace vw::model {

QJsonObject toJson(const User &user)
{
    return QJsonObject {
        {QStringLiteral("id"), uuidToWire(user.id)},
        {QStringLiteral("username"), user.username},
        {QStringLiteral("displayName"), user.displayName},
        {QStringLiteral("role"), toWire(user.role)},
        {QStringLiteral("online"), user.online},
        {QStringLiteral("lastSeenAt"), timeToJson(user.lastSeenAt)},
    };
}

User readUser(JsonReader &reader)
{
    User user;
    user.id = reader.requireUuid(u"id");
    user.username = reader.requireString(u"username", {.minLength = 1, .maxLength = kMaxUsernameLength});
    user.displayName = reader.requireString(u"displayName", {.maxLength = kMaxDisplayNameLength});
    user.role = reader.requireEnum<UserRole>(u"role");
    user.online = reader.requireBool(u"online");
    user.lastSeenAt = reader.optionalTime(u"lastSeenAt");
    return user;
}

Result<User, DecodeError> userFromJson(const QJsonObject &object)
{
    JsonReader reader(object);
    User user = readUser(reader);
    if (!reader.ok())
        return *reader.error();
    return user;
}

} // namespace vw::model
