#pragma once

#include "common/core/result.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace vw::server {
class Server;
}

namespace vw::chat {

// The clinic server hosted inside the app for a small practice (`--local-server`, or the
// File menu's "Host a clinic server on this computer"): the real vw_server on 127.0.0.1,
// its data under the user's application data unless told otherwise, optionally seeded
// with the demo clinic.
class LocalServerHost : public QObject
{
    Q_OBJECT
public:
    static constexpr quint16 kDefaultPort = 3000;

    explicit LocalServerHost(QObject *parent = nullptr);
    ~LocalServerHost() override;

    // <AppDataLocation>/server
    static QString defaultDataDir();

    // Starts the server (port 0: any free port); with `demo`, seeds the demo clinic. The error
    // is a sentence for the user. Starting twice is an error.
    Status<QString> start(quint16 port, const QString &dataDir, bool demo);
    bool isRunning() const { return m_server != nullptr; }
    QUrl url() const;
    // "dr.house / demo-clinic-2026 (Dr. Gregory House)" lines of the accounts seeded now.
    const QStringList &seededAccounts() const { return m_seeded; }

signals:
    void started(const QUrl &url);

private:
    std::unique_ptr<server::Server> m_server;
    QStringList m_seeded;
};

} // namespace vw::chat
