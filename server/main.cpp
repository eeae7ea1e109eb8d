#include "server/server.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vytalwatch-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VW_VERSION));

    auto parsed = vw::server::parseServeArguments(QCoreApplication::arguments());
    if (!parsed) {
        QTextStream(parsed.error().exitCode == 0 ? stdout : stderr) << parsed.error().text << Qt::endl;
        return parsed.error().exitCode;
    }
    vw::server::Server server(std::move(parsed).value());
    if (const auto started = server.start(); !started) {
        QTextStream(stderr) << "vytalwatch-server: " << started.error() << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "vytalwatch-server listening on " << server.options().listenAddress.toString()
                        << ':' << server.port() << Qt::endl;
    return QCoreApplication::exec();
}
