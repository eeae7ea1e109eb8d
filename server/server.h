#pragma once

#include "server/serveroptions.h"

#include <QObject>

#include <memory>

class QHttpServer;

namespace vw::server {

// One running VytalWatch server: owns the HTTP/WebSocket listener and, as later
// issues add them, the store and services. Used by vytalwatch-server, by
// vytalwatch-chat's integrated mode and by the tests (port 0).
class Server : public QObject
{
    Q_OBJECT
public:
    explicit Server(ServerOptions options, QObject *parent = nullptr);
    ~Server() override;

    // Starts listening; the error says why it could not (port taken, bad address).
    Status<QString> start();
    quint16 port() const { return m_port; }
    const ServerOptions &options() const { return m_options; }

private:
    void addRoutes();

    ServerOptions m_options;
    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
};

} // namespace vw::server
