// vytalwatch-loadgen: the load generator for vytalwatch-server's performance work. It creates
// the accounts and conversations it needs, runs one scenario and prints one JSON line.

#include "tests/load/healthcheck.h"
#include "tests/load/historyscenario.h"
#include "tests/load/idlescenario.h"
#include "tests/load/loadgenoptions.h"
#include "tests/load/loginscenario.h"
#include "tests/load/processstats.h"
#include "tests/load/progress.h"
#include "tests/load/throughputscenario.h"
#include "tests/load/usagesample.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstdio>
#include <memory>

namespace {

using namespace vw::load;

std::unique_ptr<Scenario> makeScenario(const LoadgenOptions &options)
{
    switch (options.scenario) {
    case ScenarioKind::Throughput:
        break;
    case ScenarioKind::Idle:
        return std::make_unique<IdleScenario>(options);
    case ScenarioKind::Login:
        return std::make_unique<LoginScenario>(options);
    case ScenarioKind::History:
        return std::make_unique<HistoryScenario>(options);
    }
    return std::make_unique<ThroughputScenario>(options);
}

void writeStdout(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vytalwatch-loadgen"));
    // Thousands of sockets and logins each logging a line would bury the progress lines;
    // QT_LOGGING_RULES still overrides this.
    QLoggingCategory::setFilterRules(QStringLiteral("vw.client.*.debug=false\nvw.client.*.info=false"));
    const UsageSample start = UsageSample::take(0);

    auto options = parseArguments(QCoreApplication::arguments());
    if (!options) {
        const QByteArray text = options.error().text.toLocal8Bit();
        if (options.error().exitCode == 0)
            writeStdout(text);
        else
            std::fwrite(text.constData(), 1, std::size_t(text.size()), stderr);
        return options.error().exitCode;
    }
    const FileLimit files = processstats::raiseFileLimit();

    if (auto healthy = checkHealth(options->url); !healthy) {
        progress(QStringLiteral("setup failed: ") + healthy.error());
        return 1;
    }
    auto result = makeScenario(*options)->run();
    if (!result) {
        progress(QStringLiteral("setup failed: ") + result.error());
        return 1;
    }

    QJsonObject line {{QStringLiteral("scenario"), scenarioName(options->scenario)},
        {QStringLiteral("params"), options->toJson()}};
    for (auto it = result->constBegin(); it != result->constEnd(); ++it)
        line.insert(it.key(), it.value());
    const QJsonObject usage = usageBetween(start, UsageSample::take(0));
    line.insert(QStringLiteral("wallSeconds"), usage.value(QStringLiteral("seconds")));
    line.insert(QStringLiteral("cpuSeconds"), usage.value(QStringLiteral("cpuSeconds")));
    line.insert(QStringLiteral("cpuPercent"), usage.value(QStringLiteral("cpuPercent")));
    line.insert(QStringLiteral("nofileLimit"), qint64(files.soft));
    if (options->serverPid > 0) {
        if (const auto rss = processstats::residentKiB(options->serverPid))
            line.insert(QStringLiteral("serverRssKiB"), *rss);
    }
    writeStdout(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    return 0;
}
