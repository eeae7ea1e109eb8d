#pragma once

#include "common/core/result.h"
#include "common/model/decodeerror.h"
#include "common/model/enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::model {

class JsonReader;

// A person as others see them: the wire object `User` of API.md.
struct User
{
    QUuid id;
    QString username;
    QString displayName;
    UserRole role = UserRole::Patient;
    bool online = false;
    // Null: the user has never connected.
    std::optional<QDateTime> lastSeenAt;

    bool operator==(const User &) const = default;
};

QJsonObject toJson(const User &user);
Result<User, DecodeError> userFromJson(const QJsonObject &object);
// For objects that embed a User (the login reply): errors go to `reader`.
User readUser(JsonReader &reader);

} // namespace vw::model
