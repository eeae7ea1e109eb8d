#pragma once

#include "common/core/result.h"
#include "server/keys/masterkeyloader.h"
#include "server/store/database.h"

#include <QString>

#include <memory>

namespace vw::server {

// An opened, migrated store with its master key: what `serve` and every maintenance
// subcommand (user add, audit verify, backup, rotate-key) start from.
struct OpenedStore
{
    std::unique_ptr<store::Database> database;
    keys::LoadedMasterKey masterKey;
    QString dataDir;
};

// Creates the data dir (mode 0700) if needed, loads or generates the master key, opens the
// SQLite store in it (or the --database URL) and migrates it to the newest schema.
// The error is one sentence for the operator.
class StoreBootstrap
{
public:
    static constexpr const char *kDatabaseFileName = "vytalwatch.db";

    // Maintenance commands that only read (audit verify, backup) must not create a store.
    enum class Mode { CreateIfMissing, OpenExisting };

    static Result<OpenedStore, QString> open(const QString &dataDir, const QString &keyFile,
        const QString &databaseUrl, const QString &connectionName, Mode mode = Mode::CreateIfMissing);
};

} // namespace vw::server
