#pragma once

#include "common/core/result.h"
#include "server/core/storebootstrap.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

namespace vw::server::cli {

// The options every maintenance subcommand shares (--data-dir, --key-file, --database), so
// each acts on the same store as `serve`.
class StoreCommandOptions
{
public:
    StoreCommandOptions();

    void addTo(QCommandLineParser &parser) const;
    Result<OpenedStore, QString> open(const QCommandLineParser &parser, const QString &connectionName,
        StoreBootstrap::Mode mode = StoreBootstrap::Mode::CreateIfMissing) const;

private:
    QCommandLineOption m_dataDir;
    QCommandLineOption m_keyFile;
    QCommandLineOption m_database;
};

// The default data dir of `serve` and the subcommands.
QString defaultDataDir();

} // namespace vw::server::cli
