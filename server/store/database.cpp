#include "server/store/database.h"

#include <QSqlError>
#include <QSqlQuery>

#include <memory>

namespace vw::server::store {

namespace {
constexpr int kBusyTimeoutMs = 10000;
}

Database::Database(QString connectionName, SqlDialect dialect)
    : m_connectionName(std::move(connectionName)), m_dialect(dialect)
{ }

Database::~Database()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

Result<std::unique_ptr<Database>, StoreError> Database::openSqlite(
    const QString &filePath, const QString &connectionName)
{
    std::unique_ptr<Database> database(new Database(connectionName, SqlDialect::Sqlite));
    database->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    if (!database->m_db.isValid())
        return StoreError {
            StoreError::Kind::OpenFailed, QStringLiteral("the Qt SQLite driver is not installed")};
    database->m_db.setDatabaseName(filePath);
    database->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!database->m_db.open())
        return StoreError {StoreError::Kind::OpenFailed, database->m_db.lastError().text()};

    for (const QString &pragma :
        {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
            QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA secure_delete=ON")}) {
        if (auto applied = database->exec(pragma); !applied)
            return StoreError {StoreError::Kind::OpenFailed, applied.error().detail};
    }
    return database;
}

Status<StoreError> Database::exec(const QString &statement)
{
    QSqlQuery query(m_db);
    if (!query.exec(statement))
        return StoreError {StoreError::Kind::QueryFailed, query.lastError().text()};
    return {};
}

} // namespace vw::server::store
