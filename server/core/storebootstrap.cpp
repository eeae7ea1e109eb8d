#include "server/core/storebootstrap.h"

#include "server/store/migrations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace vw::server {

Result<OpenedStore, QString> StoreBootstrap::open(const QString &dataDir, const QString &keyFile,
    const QString &databaseUrl, const QString &connectionName, Mode mode)
{
    if (dataDir.isEmpty())
        return QStringLiteral("no data directory given (--data-dir)");
    QDir dir(dataDir);
    if (mode == Mode::OpenExisting
        && !QFileInfo::exists(dir.filePath(QString::fromLatin1(kDatabaseFileName))))
        return QStringLiteral("there is no store in %1 (check --data-dir)").arg(dataDir);
    if (!dir.exists()) {
        if (!QDir().mkpath(dataDir))
            return QStringLiteral("cannot create the data directory %1").arg(dataDir);
        // Only the service account may look inside: keys, database and logs live here.
        QFile::setPermissions(
            dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    if (!databaseUrl.isEmpty())
        return QStringLiteral("--database %1: PostgreSQL support is not available in this build yet")
            .arg(databaseUrl);

    const QString databasePath = dir.filePath(QString::fromLatin1(kDatabaseFileName));
    const bool storeExists = QFileInfo::exists(databasePath);
    auto masterKey = keys::MasterKeyLoader::load(dataDir, keyFile, storeExists);
    if (!masterKey)
        return masterKey.error();

    auto database = store::Database::openSqlite(databasePath, connectionName);
    if (!database)
        return QStringLiteral("cannot open the store %1: %2").arg(databasePath, database.error().detail);
    store::Migrator migrator(*database.value());
    if (auto migrated = migrator.migrate(); !migrated)
        return QStringLiteral("cannot migrate the store: %1").arg(migrated.error().detail);
    return OpenedStore {std::move(database).value(), std::move(masterKey).value(), dataDir};
}

} // namespace vw::server
