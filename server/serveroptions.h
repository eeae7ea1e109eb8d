#pragma once

#include "common/core/result.h"
#include "server/http/connectionlimits.h"
#include "server/messaging/searchindexsettings.h"
#include "server/realtime/realtimesettings.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace vw::server {

// How one server instance is configured: the `serve` options of API.md's command line.
struct ServerOptions
{
    QString dataDir;
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 3000;
    QString databaseUrl;
    QString configFile;
    QString clamd;
    bool requireScan = false;
    QString tlsCertFile;
    QString tlsKeyFile;
    QString keyFile;
    int messagesPerMinute = 60;
    bool allowInsecureHttp = false;
    // Header/body size caps, timeouts and connections per address (no CLI flags yet).
    http::ConnectionLimits connectionLimits;
    // Socket.IO heartbeat, typing and flood limits (no CLI flags; tests shorten the timers).
    realtime::RealtimeSettings realtime;
    // When the search index catches up with new messages (no CLI flags; tests change them).
    messaging::SearchIndexSettings searchIndex;
};

// What to print instead of serving: help, the version, or a usage error.
struct UsageExit
{
    QString text;
    int exitCode = 2;
};

// Reads ServerOptions from `vytalwatch-server [serve] ...` arguments.
Result<ServerOptions, UsageExit> parseServeArguments(const QStringList &arguments);

} // namespace vw::server
