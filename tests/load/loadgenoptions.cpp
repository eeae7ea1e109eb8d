#include "tests/load/loadgenoptions.h"

#include <QCommandLineParser>
#include <QFileInfo>

#include <cmath>

namespace vw::load {

namespace {

const QString kUsageTail = QStringLiteral(
    "\nThe server must run with --rate-limit 0 on --data-dir; users are created with\n"
    "`SERVER user add` on the same data dir. One JSON line goes to stdout, progress to stderr.\n");

struct IntOption
{
    QCommandLineOption option;
    int *target;
    int minimum;
};

struct DoubleOption
{
    QCommandLineOption option;
    double *target;
    double minimum;
};

QCommandLineOption valued(const QString &name, const QString &description, const QString &defaultValue)
{
    QString shown = description;
    if (!defaultValue.isEmpty()) {
        shown.chop(shown.endsWith(QLatin1Char('.')) ? 1 : 0);
        shown += QStringLiteral(" (default %1).").arg(defaultValue);
    }
    return QCommandLineOption(name, shown, QStringLiteral("value"), defaultValue);
}

std::optional<QString> readInts(const QCommandLineParser &parser, const std::vector<IntOption> &options)
{
    for (const IntOption &entry : options) {
        bool ok = false;
        const int value = parser.value(entry.option).toInt(&ok);
        if (!ok || value < entry.minimum) {
            return QStringLiteral("--%1: expected an integer >= %2, got \"%3\"")
                .arg(entry.option.names().first())
                .arg(entry.minimum)
                .arg(parser.value(entry.option));
        }
        *entry.target = value;
    }
    return std::nullopt;
}

std::optional<QString> readDoubles(const QCommandLineParser &parser, const std::vector<DoubleOption> &options)
{
    for (const DoubleOption &entry : options) {
        bool ok = false;
        const double value = parser.value(entry.option).toDouble(&ok);
        if (!ok || !std::isfinite(value) || value < entry.minimum) {
            return QStringLiteral("--%1: expected a number >= %2, got \"%3\"")
                .arg(entry.option.names().first())
                .arg(entry.minimum)
                .arg(parser.value(entry.option));
        }
        *entry.target = value;
    }
    return std::nullopt;
}

std::optional<ScenarioKind> scenarioFrom(const QString &text)
{
    for (const ScenarioKind scenario :
        {ScenarioKind::Throughput, ScenarioKind::Idle, ScenarioKind::Login, ScenarioKind::History}) {
        if (scenarioName(scenario) == text)
            return scenario;
    }
    return std::nullopt;
}

} // namespace

QString scenarioName(ScenarioKind scenario)
{
    switch (scenario) {
    case ScenarioKind::Throughput:
        return QStringLiteral("throughput");
    case ScenarioKind::Idle:
        return QStringLiteral("idle");
    case ScenarioKind::Login:
        return QStringLiteral("login");
    case ScenarioKind::History:
        return QStringLiteral("history");
    }
    return {};
}

Result<LoadgenOptions, UsageExit> parseArguments(const QStringList &arguments)
{
    LoadgenOptions o;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Load generator for vytalwatch-server: throughput, idle sockets, logins, history."));
    const QCommandLineOption help(
        QStringList {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption scenario = valued(QStringLiteral("scenario"),
        QStringLiteral("throughput, idle, login or history."), QStringLiteral("throughput"));
    const QCommandLineOption url = valued(
        QStringLiteral("url"), QStringLiteral("Server base URL."), QStringLiteral("http://127.0.0.1:3000"));
    const QCommandLineOption serverBinary = valued(QStringLiteral("server-binary"),
        QStringLiteral("vytalwatch-server, to create users (required)."), QString());
    const QCommandLineOption dataDir
        = valued(QStringLiteral("data-dir"), QStringLiteral("The server's data dir (required)."), QString());
    const QCommandLineOption serverPid = valued(QStringLiteral("server-pid"),
        QStringLiteral("Server pid: report its RSS and CPU (0: do not)."), QStringLiteral("0"));
    const QCommandLineOption client = valued(QStringLiteral("client"),
        QStringLiteral("Pair sockets: raw (lean) or qt (vw::client::RealtimeClient)."),
        QStringLiteral("raw"));
    const QCommandLineOption rate = valued(QStringLiteral("rate"),
        QStringLiteral("Target total msgs/s (throughput; 0 = window only) or logins/s (login, default 20)."),
        QString());
    const QCommandLineOption deliveryAcks = valued(QStringLiteral("delivery-acks"),
        QStringLiteral("on|off: receivers ack message:new."), QStringLiteral("on"));
    const QCommandLineOption reuse(
        QStringLiteral("reuse"), QStringLiteral("history: reuse the --state file's seeded conversation."));
    const QCommandLineOption state = valued(QStringLiteral("state"),
        QStringLiteral("history: file recording the seeded user and conversation."), QString());

    const std::vector<IntOption> ints {
        {valued(QStringLiteral("pairs"), QStringLiteral("Sender/receiver pairs."), QStringLiteral("4")),
            &o.pairs, 1},
        {valued(QStringLiteral("window"), QStringLiteral("Unacked sends per sender."), QStringLiteral("64")),
            &o.window, 1},
        {valued(QStringLiteral("size"), QStringLiteral("Message content bytes."), QStringLiteral("200")),
            &o.size, 1},
        {valued(QStringLiteral("idle-sockets"), QStringLiteral("Extra authenticated idle sockets."),
             QStringLiteral("0")),
            &o.idleSockets, 0},
        {valued(QStringLiteral("idle-http"),
             QStringLiteral("REST keep-alive connections that answered one request and stay open."),
             QStringLiteral("0")),
            &o.idleHttp, 0},
        {valued(
             QStringLiteral("threads"), QStringLiteral("Worker threads for the pairs."), QStringLiteral("1")),
            &o.threads, 1},
        {valued(QStringLiteral("idle-threads"),
             QStringLiteral("Threads for the idle sockets (0: one per 2500)."), QStringLiteral("0")),
            &o.idleThreads, 0},
        {valued(QStringLiteral("ack-timeout-ms"), QStringLiteral("An ack later than this is an error."),
             QStringLiteral("10000")),
            &o.ackTimeoutMs, 100},
        {valued(QStringLiteral("idle-users"), QStringLiteral("Users whose tokens idle sockets share."),
             QStringLiteral("4")),
            &o.idleUsers, 1},
        {valued(QStringLiteral("connect-concurrency"), QStringLiteral("Socket connects in flight at once."),
             QStringLiteral("64")),
            &o.connectConcurrency, 1},
        {valued(QStringLiteral("sockets-per-source"),
             QStringLiteral("Sockets per loopback source address (0: do not bind)."), QStringLiteral("200")),
            &o.socketsPerSource, 0},
        {valued(QStringLiteral("login-users"), QStringLiteral("login: users to log in as."),
             QStringLiteral("4")),
            &o.loginUsers, 1},
        {valued(QStringLiteral("messages"), QStringLiteral("history: messages to seed."),
             QStringLiteral("20000")),
            &o.messages, 1},
        {valued(QStringLiteral("requests"), QStringLiteral("history: requests per measured query."),
             QStringLiteral("200")),
            &o.requests, 1},
    };
    const std::vector<DoubleOption> doubles {
        {valued(QStringLiteral("duration"), QStringLiteral("Measured seconds."), QStringLiteral("10")),
            &o.durationS, 0.1},
        {valued(QStringLiteral("warmup"), QStringLiteral("Seconds before measuring."), QStringLiteral("2")),
            &o.warmupS, 0},
        {valued(QStringLiteral("settle"),
             QStringLiteral("idle: seconds to wait before the RSS reading; throughput "
                            "with --idle-http: before sending."),
             QStringLiteral("2")),
            &o.settleS, 0},
    };

    parser.addOptions(
        {help, scenario, url, serverBinary, dataDir, serverPid, client, rate, deliveryAcks, reuse, state});
    for (const IntOption &entry : ints)
        parser.addOption(entry.option);
    for (const DoubleOption &entry : doubles)
        parser.addOption(entry.option);

    if (!parser.parse(arguments))
        return UsageExit {parser.errorText() + QLatin1Char('\n')};
    if (parser.isSet(help))
        return UsageExit {parser.helpText() + kUsageTail, 0};
    if (!parser.positionalArguments().isEmpty())
        return UsageExit {
            QStringLiteral("unexpected argument: %1\n").arg(parser.positionalArguments().first())};

    const auto chosen = scenarioFrom(parser.value(scenario));
    if (!chosen)
        return UsageExit {QStringLiteral("--scenario: unknown \"%1\"\n").arg(parser.value(scenario))};
    o.scenario = *chosen;
    if (auto error = readInts(parser, ints))
        return UsageExit {*error + QLatin1Char('\n')};
    if (auto error = readDoubles(parser, doubles))
        return UsageExit {*error + QLatin1Char('\n')};

    o.url = QUrl(parser.value(url), QUrl::StrictMode);
    if (!o.url.isValid() || o.url.host().isEmpty() || o.url.scheme() != QStringLiteral("http"))
        return UsageExit {QStringLiteral("--url: expected http://HOST:PORT\n")};
    o.serverBinary = parser.value(serverBinary);
    o.dataDir = parser.value(dataDir);
    if (o.serverBinary.isEmpty() || !QFileInfo(o.serverBinary).isExecutable())
        return UsageExit {QStringLiteral("--server-binary: an executable vytalwatch-server is required\n")};
    if (o.dataDir.isEmpty() || !QFileInfo(o.dataDir).isDir())
        return UsageExit {QStringLiteral("--data-dir: the server's data directory is required\n")};
    o.serverPid = parser.value(serverPid).toLongLong();

    if (parser.value(client) == QStringLiteral("qt"))
        o.client = ClientKind::Qt;
    else if (parser.value(client) != QStringLiteral("raw"))
        return UsageExit {QStringLiteral("--client: raw or qt\n")};
    if (parser.value(deliveryAcks) != QStringLiteral("on")
        && parser.value(deliveryAcks) != QStringLiteral("off"))
        return UsageExit {QStringLiteral("--delivery-acks: on or off\n")};
    o.deliveryAcks = parser.value(deliveryAcks) == QStringLiteral("on");

    o.rate = o.scenario == ScenarioKind::Login ? 20 : 0;
    if (parser.isSet(rate)) {
        bool ok = false;
        o.rate = parser.value(rate).toDouble(&ok);
        if (!ok || !std::isfinite(o.rate) || o.rate < 0 || (o.scenario == ScenarioKind::Login && o.rate <= 0))
            return UsageExit {QStringLiteral("--rate: expected a positive number\n")};
    }
    o.reuse = parser.isSet(reuse);
    o.stateFile = parser.value(state);
    if (o.reuse && o.stateFile.isEmpty())
        return UsageExit {QStringLiteral("--reuse needs --state FILE\n")};
    return o;
}

int LoadgenOptions::idleThreadCount() const
{
    // Qt's event loop polls every socket of its thread on each wake-up (glib's g_poll, O(n)),
    // so thousands of sockets in one thread make each wake-up slow: spread them.
    constexpr int kIdleSocketsPerThread = 2500;
    if (idleSockets <= 0)
        return 0;
    return idleThreads > 0 ? idleThreads : (idleSockets + kIdleSocketsPerThread - 1) / kIdleSocketsPerThread;
}

QJsonObject LoadgenOptions::toJson() const
{
    QJsonObject json {{QStringLiteral("url"), url.toString()}};
    switch (scenario) {
    case ScenarioKind::Throughput:
        json.insert(QStringLiteral("client"),
            client == ClientKind::Qt ? QStringLiteral("qt") : QStringLiteral("raw"));
        json.insert(QStringLiteral("pairs"), pairs);
        json.insert(QStringLiteral("window"), window);
        json.insert(QStringLiteral("rate"), rate);
        json.insert(QStringLiteral("size"), size);
        json.insert(QStringLiteral("durationS"), durationS);
        json.insert(QStringLiteral("warmupS"), warmupS);
        json.insert(QStringLiteral("idleSockets"), idleSockets);
        json.insert(QStringLiteral("idleHttp"), idleHttp);
        json.insert(QStringLiteral("threads"), threads);
        json.insert(QStringLiteral("idleThreads"), idleThreadCount());
        json.insert(QStringLiteral("deliveryAcks"), deliveryAcks);
        json.insert(QStringLiteral("ackTimeoutMs"), ackTimeoutMs);
        break;
    case ScenarioKind::Idle:
        json.insert(QStringLiteral("idleSockets"), idleSockets);
        json.insert(QStringLiteral("idleUsers"), idleUsers);
        json.insert(QStringLiteral("idleThreads"), idleThreadCount());
        json.insert(QStringLiteral("connectConcurrency"), connectConcurrency);
        json.insert(QStringLiteral("socketsPerSource"), socketsPerSource);
        json.insert(QStringLiteral("settleS"), settleS);
        break;
    case ScenarioKind::Login:
        json.insert(QStringLiteral("rate"), rate);
        json.insert(QStringLiteral("durationS"), durationS);
        json.insert(QStringLiteral("loginUsers"), loginUsers);
        break;
    case ScenarioKind::History:
        json.insert(QStringLiteral("messages"), messages);
        json.insert(QStringLiteral("requests"), requests);
        json.insert(QStringLiteral("size"), size);
        json.insert(QStringLiteral("window"), window);
        json.insert(QStringLiteral("reuse"), reuse);
        break;
    }
    return json;
}

} // namespace vw::load
