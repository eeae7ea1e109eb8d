#include "app/chat/mainwindow.h"
#include "app/chat/translations.h"
#include "app/client/serverendpoint.h"
#include "server/demo/demoaccounts.h"
#include "server/server.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

#include <memory>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("vytalwatch-chat"));
    QApplication::setOrganizationName(QStringLiteral("VytalWatch"));
    QApplication::setApplicationVersion(QStringLiteral(VW_VERSION));
    // The user's language from the Language menu, else the system's.
    vw::chat::Translations translations;
    if (!translations.apply(vw::chat::Translations::savedChoice()))
        translations.apply(QString());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "VytalWatch Messaging desktop app"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(QStringLiteral("server"),
        QApplication::translate("main", "Server to connect to."), QStringLiteral("URL"),
        QStringLiteral("http://127.0.0.1:3000"));
    const QCommandLineOption localServer(QStringLiteral("local-server"),
        QApplication::translate("main", "Host the clinic server in-process."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QApplication::translate("main", "Data directory of the hosted server."), QStringLiteral("DIR"));
    const QCommandLineOption port(QStringLiteral("port"),
        QApplication::translate("main", "Port of the hosted server."), QStringLiteral("N"),
        QStringLiteral("3000"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QApplication::translate("main", "Seed demo accounts into the hosted server."));
    parser.addOptions({serverOption, localServer, dataDir, port, demo});
    parser.process(app);

    vw::chat::MainWindow window(&translations);
    std::unique_ptr<vw::server::Server> hosted;
    if (parser.isSet(localServer)) {
        vw::server::ServerOptions options;
        options.dataDir = parser.isSet(dataDir)
            ? parser.value(dataDir)
            : QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                  .filePath(QStringLiteral("server"));
        options.port = static_cast<quint16>(parser.value(port).toUInt());
        hosted = std::make_unique<vw::server::Server>(options);
        if (const auto started = hosted->start(); !started) {
            QTextStream(stderr) << "vytalwatch-chat: " << started.error() << Qt::endl;
            return 1;
        }
        if (parser.isSet(demo)) {
            const auto seeded = vw::server::demo::DemoAccounts::seed(*hosted);
            if (!seeded) {
                QTextStream(stderr) << "vytalwatch-chat: " << seeded.error() << Qt::endl;
                return 1;
            }
            QTextStream out(stdout);
            out << QApplication::translate("main", "Demo clinic accounts (user name / password):")
                << Qt::endl;
            for (const auto &account : vw::server::demo::DemoAccounts::accounts())
                out << "  " << account.username << " / " << account.password << "  (" << account.displayName
                    << ')' << Qt::endl;
        }
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(QStringLiteral("127.0.0.1"));
        url.setPort(hosted->port());
        window.setServerUrl(url, true);
    } else {
        const auto endpoint = vw::client::ServerEndpoint::parse(parser.value(serverOption));
        if (!endpoint) {
            QTextStream(stderr) << "vytalwatch-chat: " << endpoint.error() << Qt::endl;
            return 2;
        }
        window.setServerUrl(endpoint->baseUrl(), false);
    }
    window.show();
    window.requestSignIn();
    return QApplication::exec();
}
