#include "server/auth/useradministration.h"

#include "common/crypto/passwordhasher.h"
#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/store/transaction.h"
#include "server/users/userrepository.h"

#include <QLoggingCategory>

namespace vw::server::auth {

namespace {

Q_LOGGING_CATEGORY(lcUsers, "vw.auth.users")

bool isUsernameCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_' || c == u'-';
}

ServiceError storeFailure(const store::StoreError &error)
{
    qCWarning(lcUsers) << "store failure:" << error.detail;
    return ServiceError::internal();
}

} // namespace

UserAdministration::UserAdministration(ServerContext &context, users::UserRepository &users)
    : m_context(context), m_users(users)
{ }

std::optional<ServiceError> UserAdministration::checkUsername(const QString &username)
{
    const QString name = username.toLower();
    const bool validLength = name.size() >= kMinUsernameLength && name.size() <= kMaxUsernameLength;
    if (!validLength || !std::all_of(name.cbegin(), name.cend(), isUsernameCharacter)) {
        return ServiceError::badRequest(
            QStringLiteral("username must be %1 to %2 characters of a-z, 0-9, '.', '_' or '-'")
                .arg(kMinUsernameLength)
                .arg(kMaxUsernameLength));
    }
    return std::nullopt;
}

std::optional<ServiceError> UserAdministration::checkDisplayName(const QString &displayName)
{
    const QString trimmed = displayName.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > kMaxDisplayNameLength)
        return ServiceError::badRequest(
            QStringLiteral("displayName must be 1 to %1 characters").arg(kMaxDisplayNameLength));
    return std::nullopt;
}

std::optional<ServiceError> UserAdministration::checkPassword(const QString &password)
{
    if (password.size() < kMinPasswordLength)
        return ServiceError::badRequest(
            QStringLiteral("password must be at least %1 characters long").arg(kMinPasswordLength));
    if (password.size() > kMaxPasswordLength)
        return ServiceError::badRequest(
            QStringLiteral("password must be at most %1 characters long").arg(kMaxPasswordLength));
    return std::nullopt;
}

Result<model::User, ServiceError> UserAdministration::createUser(const QString &username,
    const QString &displayName, model::UserRole role, const QString &password, const QString &actorId,
    const ClientInfo &client)
{
    if (auto bad = checkUsername(username))
        return *bad;
    if (auto bad = checkDisplayName(displayName))
        return *bad;
    if (auto bad = checkPassword(password))
        return *bad;
    if (model::toWire(role).isEmpty())
        return ServiceError::badRequest(QStringLiteral("role must be one of: patient, provider, admin"));

    auto hash = crypto::PasswordHasher::hash(password.toUtf8());
    if (!hash) {
        qCWarning(lcUsers) << "cannot hash a password:" << crypto::errorString(hash.error());
        return ServiceError::internal();
    }

    users::UserRecord record;
    record.id = QUuid::createUuid();
    record.username = username.toLower();
    record.displayName = displayName.trimmed();
    record.role = role;
    record.passwordHash = std::move(hash).value();
    record.createdAt = m_context.clock.nowUtc();

    store::Transaction transaction(m_context.database);
    if (!transaction.isActive())
        return ServiceError::internal();
    if (const auto inserted = m_users.insert(record); !inserted) {
        if (inserted.error().kind == store::StoreError::Kind::Conflict)
            return ServiceError::conflict(QStringLiteral("Username already exists"));
        return storeFailure(inserted.error());
    }
    const QString userId = model::uuidToWire(record.id);
    const audit::AuditRecord entry {audit::actions::kUserCreate, audit::AuditOutcome::Success, actorId,
        QStringLiteral("user"), userId, client,
        QJsonObject {
            {QStringLiteral("username"), record.username}, {QStringLiteral("role"), model::toWire(role)}},
        {}};
    if (const auto written = m_context.audit.record(entry); !written)
        return storeFailure(written.error());
    if (const auto committed = transaction.commit(); !committed)
        return storeFailure(committed.error());
    return users::toModel(record, false);
}

} // namespace vw::server::auth
