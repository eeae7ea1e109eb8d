#pragma once

#include "common/core/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace vw::load {

enum class ScenarioKind { Throughput, Idle, Login, History };
// Which realtime client drives the sender/receiver pairs; idle sockets are always Raw (they
// must bind distinct loopback source addresses, which QWebSocket cannot).
enum class ClientKind { Raw, Qt };

// Everything `vytalwatch-loadgen` was told; echoed as "params" in the result line.
struct LoadgenOptions
{
    ScenarioKind scenario = ScenarioKind::Throughput;
    ClientKind client = ClientKind::Raw;
    QUrl url;
    QString serverBinary;
    QString dataDir;
    qint64 serverPid = 0;

    int pairs = 4;
    int window = 64;
    // Total messages/s (throughput) or logins/s (login); 0 = closed loop (throughput only).
    double rate = 0;
    int size = 200;
    double durationS = 10;
    double warmupS = 2;
    int idleSockets = 0;
    // REST keep-alive connections held open between requests (KeepAliveFleet).
    int idleHttp = 0;
    // Threads for the pairs; idle sockets get their own (idleThreads, 0 = one per 2,500).
    int threads = 1;
    int idleThreads = 0;
    bool deliveryAcks = true;
    int ackTimeoutMs = 10'000;

    // Idle sockets: how many users share them, connects in flight at once, and how many
    // sockets use one loopback source address (the server allows 256 per address).
    int idleUsers = 4;
    int connectConcurrency = 64;
    int socketsPerSource = 200;
    double settleS = 2;

    int loginUsers = 4;

    int messages = 20'000;
    int requests = 200;
    bool reuse = false;
    QString stateFile;

    // --idle-threads, or one thread per 2,500 idle sockets.
    int idleThreadCount() const;
    QJsonObject toJson() const;
};

// What to print instead of running: help or a usage error.
struct UsageExit
{
    QString text;
    int exitCode = 2;
};

Result<LoadgenOptions, UsageExit> parseArguments(const QStringList &arguments);

QString scenarioName(ScenarioKind scenario);

} // namespace vw::load
