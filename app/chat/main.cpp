#include "app/chat/localserverhost.h"
#include "app/chat/mainwindow.h"
#include "app/chat/translations.h"
#include "app/client/serverendpoint.h"
#include "server/demo/demoaccounts.h"

#include <QApplication>
#include <QCommandLineParser>
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
    vw::chat::LocalServerHost host;
    window.setLocalHost(&host);
    if (parser.isSet(localServer)) {
        const auto started = host.start(static_cast<quint16>(parser.value(port).toUInt()),
            parser.isSet(dataDir) ? parser.value(dataDir) : QString(), parser.isSet(demo));
        if (!started) {
            QTextStream(stderr) << "vytalwatch-chat: " << started.error() << Qt::endl;
            return 1;
        }
        if (parser.isSet(demo)) {
            QTextStream out(stdout);
            out << QApplication::translate("main", "Demo clinic accounts (user name / password):")
                << Qt::endl;
            for (const auto &account : vw::server::demo::DemoAccounts::accounts())
                out << "  " << account.username << " / " << account.password << "  (" << account.displayName
                    << ')' << Qt::endl;
        }
        window.setServerUrl(host.url(), true);
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
