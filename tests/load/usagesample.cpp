#include "tests/load/usagesample.h"

#include "tests/load/monoclock.h"
#include "tests/load/processstats.h"

#include <cmath>

namespace vw::load {

namespace {

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace

UsageSample UsageSample::take(qint64 serverPid)
{
    UsageSample sample;
    sample.wallNs = monoNowNs();
    sample.ownCpuS = processstats::ownCpu().total();
    if (serverPid > 0)
        sample.serverCpuS = processstats::cpuSeconds(serverPid);
    return sample;
}

QJsonObject usageBetween(const UsageSample &from, const UsageSample &to)
{
    const double wallS = double(to.wallNs - from.wallNs) / double(kNsPerSecond);
    const double cpuS = to.ownCpuS - from.ownCpuS;
    QJsonObject json {{QStringLiteral("seconds"), rounded(wallS, 3)},
        {QStringLiteral("cpuSeconds"), rounded(cpuS, 3)},
        {QStringLiteral("cpuPercent"), wallS > 0 ? rounded(100.0 * cpuS / wallS, 1) : 0.0}};
    if (from.serverCpuS && to.serverCpuS) {
        const double serverS = *to.serverCpuS - *from.serverCpuS;
        json.insert(QStringLiteral("serverCpuSeconds"), rounded(serverS, 2));
        json.insert(
            QStringLiteral("serverCpuPercent"), wallS > 0 ? rounded(100.0 * serverS / wallS, 1) : 0.0);
    }
    return json;
}

} // namespace vw::load
