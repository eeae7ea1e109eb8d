#include "server/cli/storecommandoptions.h"

#include <QDir>
#include <QStandardPaths>

namespace vw::server::cli {

QString defaultDataDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("vytalwatch-server"));
}

std::optional<int> parseOrExit(
    QCommandLineParser &parser, const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    if (!parser.parse(arguments)) {
        err << arguments.value(0) << ": " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    return std::nullopt;
}

StoreCommandOptions::StoreCommandOptions()
    : m_dataDir(QStringLiteral("data-dir"), QStringLiteral("Data directory."), QStringLiteral("DIR"),
        defaultDataDir()),
      m_keyFile(QStringLiteral("key-file"), QStringLiteral("Master key file."), QStringLiteral("FILE")),
      m_database(QStringLiteral("database"),
          QStringLiteral("Database URL (default: SQLite in the data dir)."), QStringLiteral("URL"))
{ }

void StoreCommandOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_dataDir, m_keyFile, m_database});
}

Result<OpenedStore, QString> StoreCommandOptions::open(
    const QCommandLineParser &parser, const QString &connectionName, StoreBootstrap::Mode mode) const
{
    return StoreBootstrap::open(
        parser.value(m_dataDir), parser.value(m_keyFile), parser.value(m_database), connectionName, mode);
}

} // namespace vw::server::cli
