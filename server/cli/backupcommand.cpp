#include "server/cli/backupcommand.h"

#include "server/cli/storecommandoptions.h"
#include "server/store/sqlquery.h"

#include <QFile>
#include <QFileInfo>

namespace vw::server::cli {

int runBackupCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write a consistent copy of the store to FILE."));
    parser.addHelpOption();
    const QCommandLineOption to(
        QStringLiteral("to"), QStringLiteral("Backup file to create."), QStringLiteral("FILE"));
    parser.addOption(to);
    StoreCommandOptions storeOptions;
    storeOptions.addTo(parser);
    if (const auto exitCode = parseOrExit(parser, arguments, out, err))
        return *exitCode;
    const QString target = parser.value(to);
    if (target.isEmpty()) {
        err << "backup: --to FILE is required" << Qt::endl;
        return 2;
    }
    if (QFileInfo::exists(target)) {
        err << "backup: " << target << " already exists; choose a new file" << Qt::endl;
        return 1;
    }
    auto opened = storeOptions.open(parser, QStringLiteral("backup"), StoreBootstrap::Mode::OpenExisting);
    if (!opened) {
        err << "backup: " << opened.error() << Qt::endl;
        return 1;
    }
    store::SqlQuery vacuum(*opened.value().database, QStringLiteral("VACUUM INTO ?"));
    if (auto copied = vacuum.exec({QFileInfo(target).absoluteFilePath()}); !copied) {
        err << "backup: " << copied.error().detail << Qt::endl;
        QFile::remove(target);
        return 1;
    }
    QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out << "backup written to " << target << "; keep the master key safe separately: the backup cannot be "
        << "read without it" << Qt::endl;
    return 0;
}

} // namespace vw::server::cli
