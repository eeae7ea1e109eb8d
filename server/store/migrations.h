#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace vw::server::store {

class Database;

// One step of the schema's history. Steps are append-only: a shipped step is never
// edited; a change is a new step with the next version.
struct Migration
{
    int version = 0;
    QString description;
    QStringList statements; // portable SQL with {BLOB}/{BIGINT} placeholders (sqldialect.h)
};

// The schema's whole history, oldest first.
const QList<Migration> &allMigrations();

// Brings a store up to the newest schema version, one transaction per step, and records
// each step in schema_migrations. A store newer than this program is refused.
class Migrator
{
public:
    explicit Migrator(Database &database) : m_database(database) { }

    Result<int, StoreError> currentVersion();
    // Returns the version the store is at afterwards.
    Result<int, StoreError> migrate(const QList<Migration> &migrations = allMigrations());

private:
    Status<StoreError> apply(const Migration &migration);

    Database &m_database;
};

} // namespace vw::server::store
