#include "server/serveroptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

namespace vw::server {

namespace {

QString defaultDataDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("vytalwatch-server"));
}

} // namespace

Result<ServerOptions, UsageExit> parseServeArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("VytalWatch Messaging server"));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("serve (default)"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Data directory."),
        QStringLiteral("DIR"), defaultDataDir());
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to listen on."),
        QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port (0 picks a free one)."),
        QStringLiteral("N"), QStringLiteral("3000"));
    const QCommandLineOption database(QStringLiteral("database"),
        QStringLiteral("Database URL (default: SQLite in the data dir)."), QStringLiteral("URL"));
    const QCommandLineOption config(
        QStringLiteral("config"), QStringLiteral("Configuration file."), QStringLiteral("FILE"));
    const QCommandLineOption clamd(QStringLiteral("clamd"),
        QStringLiteral("clamd address: unix:/path/clamd.ctl or tcp:HOST:PORT."), QStringLiteral("ADDR"));
    const QCommandLineOption requireScan(
        QStringLiteral("require-scan"), QStringLiteral("Refuse uploads while clamd cannot be reached."));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"), QStringLiteral("TLS certificate (PEM)."), QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(
        QStringLiteral("tls-key"), QStringLiteral("TLS private key (PEM)."), QStringLiteral("FILE"));
    const QCommandLineOption keyFile(
        QStringLiteral("key-file"), QStringLiteral("Master key file."), QStringLiteral("FILE"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
        QStringLiteral("Messages per minute per user (0: no limit)."), QStringLiteral("N"),
        QStringLiteral("60"));
    const QCommandLineOption perIp(QStringLiteral("max-connections-per-ip"),
        QStringLiteral("Open connections allowed from one address (0: no limit)."), QStringLiteral("N"),
        QString::number(http::ConnectionLimits {}.maxConnectionsPerIp));
    const QCommandLineOption insecure(
        QStringLiteral("allow-insecure-http"), QStringLiteral("Allow plain HTTP on a non-loopback address."));
    parser.addOptions({dataDir, listen, port, database, config, clamd, requireScan, tlsCert, tlsKey, keyFile,
        rateLimit, perIp, insecure});
    if (!parser.parse(arguments))
        return UsageExit {parser.errorText()};
    if (parser.isSet(help))
        return UsageExit {parser.helpText(), 0};
    if (parser.isSet(version))
        return UsageExit {QStringLiteral("vytalwatch-server %1").arg(QStringLiteral(VW_VERSION)), 0};
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty() && positional.first() != QStringLiteral("serve"))
        return UsageExit {QStringLiteral("unknown command: %1").arg(positional.first())};

    ServerOptions options;
    options.dataDir = parser.value(dataDir);
    if (!options.listenAddress.setAddress(parser.value(listen)))
        return UsageExit {QStringLiteral("--listen: not an IP address: %1").arg(parser.value(listen))};
    bool ok = false;
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue > 65535)
        return UsageExit {QStringLiteral("--port: expected 0..65535, got %1").arg(parser.value(port))};
    options.port = static_cast<quint16>(portValue);
    const int perMinute = parser.value(rateLimit).toInt(&ok);
    if (!ok || perMinute < 0)
        return UsageExit {
            QStringLiteral("--rate-limit: expected a number >= 0, got %1").arg(parser.value(rateLimit))};
    options.messagesPerMinute = perMinute;
    const int connectionsPerIp = parser.value(perIp).toInt(&ok);
    if (!ok || connectionsPerIp < 0)
        return UsageExit {QStringLiteral("--max-connections-per-ip: expected a number >= 0, got %1")
                              .arg(parser.value(perIp))};
    options.connectionLimits.maxConnectionsPerIp = connectionsPerIp;
    options.databaseUrl = parser.value(database);
    options.configFile = parser.value(config);
    options.clamd = parser.value(clamd);
    options.requireScan = parser.isSet(requireScan);
    options.tlsCertFile = parser.value(tlsCert);
    options.tlsKeyFile = parser.value(tlsKey);
    options.keyFile = parser.value(keyFile);
    options.allowInsecureHttp = parser.isSet(insecure);
    return options;
}

} // namespace vw::server
