#include "server/store/database.h"

#include "server/store/sqlitestatement.h"
#include "server/store/walwritebuffer.h"

#include <QSqlDriver>
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
    // Statements go before their connection.
    m_idleSqlite.clear();
    m_idleQt.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

Result<std::unique_ptr<Database>, StoreError> Database::openSqlite(
    const QString &filePath, const QString &connectionName)
{
    installWalWriteBuffer();
    std::unique_ptr<Database> database(new Database(connectionName, SqlDialect::Sqlite));
    database->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    if (!database->m_db.isValid())
        return StoreError {
            StoreError::Kind::OpenFailed, QStringLiteral("the Qt SQLite driver is not installed")};
    database->m_filePath = filePath;
    database->m_db.setDatabaseName(filePath);
    database->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!database->m_db.open())
        return StoreError {StoreError::Kind::OpenFailed, database->m_db.lastError().text()};
    const QVariant handle = database->m_db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0 || !*static_cast<sqlite3 *const *>(handle.constData()))
        return StoreError {
            StoreError::Kind::OpenFailed, QStringLiteral("the Qt SQLite driver gave no handle")};
    database->m_sqlite = *static_cast<sqlite3 *const *>(handle.constData());

    // Sizes measured under load (tests/load): the default 2 MiB page cache made the writer
    // re-read index pages it had just written (pread was ~10% of server CPU); reads go through
    // a memory map instead of a copy per page; the WAL is checkpointed every 16 MiB rather than
    // 4 MiB, so a page changed by many batches is written back once.
    for (const QString &pragma :
        {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
            QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA secure_delete=ON"),
            QStringLiteral("PRAGMA cache_size=-65536"), QStringLiteral("PRAGMA mmap_size=1073741824"),
            QStringLiteral("PRAGMA wal_autocheckpoint=4096"), QStringLiteral("PRAGMA temp_store=MEMORY")}) {
        if (auto applied = database->exec(pragma); !applied)
            return StoreError {StoreError::Kind::OpenFailed, applied.error().detail};
    }
    return database;
}

Result<std::unique_ptr<Database>, StoreError> Database::openSibling(const QString &connectionName) const
{
    return openSqlite(m_filePath, connectionName);
}

Status<StoreError> Database::exec(const QString &statement)
{
    QSqlQuery query(m_db);
    if (!query.exec(statement))
        return StoreError {StoreError::Kind::QueryFailed, query.lastError().text()};
    return {};
}

} // namespace vw::server::store
