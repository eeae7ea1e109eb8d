#pragma once

#include "common/model/enums.h"
#include "common/model/user.h"

#include <QDateTime>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::users {

// A row of the users table. Unlike model::User it carries the password hash, so it never
// leaves the server: convert with toModel() before answering.
struct UserRecord
{
    QUuid id;
    QString username; // stored lower-case: user names are case-insensitive
    QString displayName;
    model::UserRole role = model::UserRole::Patient;
    QString passwordHash; // Argon2id encoded string
    QDateTime createdAt;
    std::optional<QDateTime> lastSeenAt;
    std::optional<QDateTime> disabledAt;
};

model::User toModel(const UserRecord &record, bool online);

} // namespace vw::server::users
