#include "app/chat/localserverhost.h"

#include "server/demo/demoaccounts.h"
#include "server/server.h"

#include <QDir>
#include <QStandardPaths>

namespace vw::chat {

LocalServerHost::LocalServerHost(QObject *parent) : QObject(parent) { }

LocalServerHost::~LocalServerHost() = default;

QString LocalServerHost::defaultDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("server"));
}

Status<QString> LocalServerHost::start(quint16 port, const QString &dataDir, bool demo)
{
    if (m_server)
        return tr("A clinic server is already running in this app.");
    server::ServerOptions options;
    options.dataDir = dataDir.isEmpty() ? defaultDataDir() : dataDir;
    options.port = port;
    auto hosted = std::make_unique<server::Server>(options);
    if (auto started = hosted->start(); !started)
        return started.error();
    if (demo) {
        auto seeded = server::demo::DemoAccounts::seed(*hosted);
        if (!seeded)
            return seeded.error();
        for (const auto &account : seeded.value())
            m_seeded.append(
                QStringLiteral("%1 / %2 (%3)").arg(account.username, account.password, account.displayName));
    }
    m_server = std::move(hosted);
    emit started(url());
    return {};
}

QUrl LocalServerHost::url() const
{
    if (!m_server)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server->port());
    return url;
}

} // namespace vw::chat
