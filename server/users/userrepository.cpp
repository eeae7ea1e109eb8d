#include "server/users/userrepository.h"

#include "common/model/wire.h"
#include "server/store/sqlquery.h"

#include <QStringList>

namespace vw::server::users {

namespace {

const QString kColumns = QStringLiteral(
    "id, username, display_name, role, password_hash, created_at, last_seen_at, disabled_at");

std::optional<QDateTime> optionalTime(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

UserRecord readUser(store::SqlQuery &query)
{
    UserRecord user;
    user.id = QUuid::fromString(query.value(0).toString());
    user.username = query.value(1).toString();
    user.displayName = query.value(2).toString();
    user.role
        = model::fromWire<model::UserRole>(query.value(3).toString()).value_or(model::UserRole::Patient);
    user.passwordHash = query.value(4).toString();
    user.createdAt = QDateTime::fromMSecsSinceEpoch(query.value(5).toLongLong(), Qt::UTC);
    user.lastSeenAt = optionalTime(query.value(6));
    user.disabledAt = optionalTime(query.value(7));
    return user;
}

Result<std::optional<UserRecord>, store::StoreError> readOne(store::SqlQuery &query)
{
    if (!query.next())
        return std::optional<UserRecord>();
    return std::optional<UserRecord>(readUser(query));
}

// LIKE with our own escape character, so a search for "50%" finds "50%" only.
QString likePattern(const QString &search)
{
    QString escaped = search.toLower();
    escaped.replace(QLatin1Char('!'), QStringLiteral("!!"))
        .replace(QLatin1Char('%'), QStringLiteral("!%"))
        .replace(QLatin1Char('_'), QStringLiteral("!_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

model::User toModel(const UserRecord &record, bool online)
{
    return model::User {
        record.id, record.username, record.displayName, record.role, online, record.lastSeenAt};
}

Status<store::StoreError> UserRepository::insert(const UserRecord &user)
{
    store::SqlQuery query(
        m_database, QStringLiteral("INSERT INTO users (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").arg(kColumns));
    return query.exec({model::uuidToWire(user.id), user.username.toLower(), user.displayName,
        model::toWire(user.role), user.passwordHash, user.createdAt.toMSecsSinceEpoch(),
        store::nullableMs(user.lastSeenAt ? user.lastSeenAt->toMSecsSinceEpoch() : 0),
        store::nullableMs(user.disabledAt ? user.disabledAt->toMSecsSinceEpoch() : 0)});
}

Result<std::optional<UserRecord>, store::StoreError> UserRepository::findById(const QUuid &id)
{
    store::SqlQuery query(m_database, QStringLiteral("SELECT %1 FROM users WHERE id = ?").arg(kColumns));
    if (auto ran = query.exec({model::uuidToWire(id)}); !ran)
        return ran.error();
    return readOne(query);
}

Result<std::optional<UserRecord>, store::StoreError> UserRepository::findByUsername(const QString &username)
{
    store::SqlQuery query(
        m_database, QStringLiteral("SELECT %1 FROM users WHERE username = ?").arg(kColumns));
    if (auto ran = query.exec({username.toLower()}); !ran)
        return ran.error();
    return readOne(query);
}

Result<QList<UserRecord>, store::StoreError> UserRepository::findByIds(const QList<QUuid> &ids)
{
    QList<UserRecord> users;
    if (ids.isEmpty())
        return users;
    QStringList placeholders;
    QVariantList values;
    for (const QUuid &id : ids) {
        placeholders << QStringLiteral("?");
        values << model::uuidToWire(id);
    }
    store::SqlQuery query(m_database,
        QStringLiteral("SELECT %1 FROM users WHERE id IN (%2)").arg(kColumns, placeholders.join(u',')));
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    while (query.next())
        users.append(readUser(query));
    return users;
}

Result<QList<UserRecord>, store::StoreError> UserRepository::search(
    const QList<model::UserRole> &roles, const QString &search, int limit)
{
    QList<UserRecord> users;
    if (roles.isEmpty())
        return users;
    QStringList placeholders;
    QVariantList values;
    for (const model::UserRole role : roles) {
        placeholders << QStringLiteral("?");
        values << model::toWire(role);
    }
    QString sql = QStringLiteral("SELECT %1 FROM users WHERE disabled_at IS NULL AND role IN (%2)")
                      .arg(kColumns, placeholders.join(u','));
    if (!search.isEmpty()) {
        sql += QStringLiteral(" AND (username LIKE ? ESCAPE '!' OR LOWER(display_name) LIKE ? ESCAPE '!')");
        values << likePattern(search) << likePattern(search);
    }
    sql += QStringLiteral(" ORDER BY display_name, username LIMIT ?");
    values << limit;
    store::SqlQuery query(m_database, sql);
    if (auto ran = query.exec(values); !ran)
        return ran.error();
    while (query.next())
        users.append(readUser(query));
    return users;
}

Status<store::StoreError> UserRepository::updatePasswordHash(const QUuid &id, const QString &passwordHash)
{
    store::SqlQuery query(m_database, QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"));
    return query.exec({passwordHash, model::uuidToWire(id)});
}

Status<store::StoreError> UserRepository::updateLastSeen(const QUuid &id, const QDateTime &at)
{
    store::SqlQuery query(m_database, QStringLiteral("UPDATE users SET last_seen_at = ? WHERE id = ?"));
    return query.exec({at.toMSecsSinceEpoch(), model::uuidToWire(id)});
}

} // namespace vw::server::users
