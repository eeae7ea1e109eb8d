#include "server/cli/commanddispatch.h"
#include "server/core/openfileslimit.h"
#include "server/server.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

#include <sys/stat.h>

int main(int argc, char *argv[])
{
    // Everything the server writes (store, WAL, key files, backups) is for its own account only.
    umask(S_IRWXG | S_IRWXO);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vytalwatch-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VW_VERSION));

    QTextStream in(stdin);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (const auto exitCode
        = vw::server::cli::runMaintenanceCommand(QCoreApplication::arguments(), in, out, err))
        return *exitCode;

    auto parsed = vw::server::parseServeArguments(QCoreApplication::arguments());
    if (!parsed) {
        (parsed.error().exitCode == 0 ? out : err) << parsed.error().text << Qt::endl;
        return parsed.error().exitCode;
    }
    const quint64 openFiles = vw::server::raiseOpenFilesLimit();
    vw::server::Server server(std::move(parsed).value());
    if (const auto started = server.start(); !started) {
        err << "vytalwatch-server: " << started.error() << Qt::endl;
        return 1;
    }
    out << "vytalwatch-server listening on " << server.options().listenAddress.toString() << ':'
        << server.port() << Qt::endl;
    // Each socket is a file: say how many this process may hold.
    out << "vytalwatch-server open files limit " << openFiles << Qt::endl;
    return QCoreApplication::exec();
}
