#pragma once

#include "common/core/result.h"
#include "server/core/storebootstrap.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QTextStream>

#include <optional>

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

// Parses a subcommand's arguments; gives the exit code when the command should stop here
// (2 after printing a usage error, 0 after printing --help), nothing when it should run.
std::optional<int> parseOrExit(
    QCommandLineParser &parser, const QStringList &arguments, QTextStream &out, QTextStream &err);

// The default data dir of `serve` and the subcommands.
QString defaultDataDir();

} // namespace vw::server::cli
