#pragma once

#include <QJsonObject>
#include <QtGlobal>

#include <optional>

namespace vw::load {

// Wall time and CPU time of the load generator and (given its pid) of the server at one
// moment; two of them give the CPU share of each over the interval between.
struct UsageSample
{
    qint64 wallNs = 0;
    double ownCpuS = 0;
    std::optional<double> serverCpuS;

    static UsageSample take(qint64 serverPid);
};

// {seconds, cpuSeconds, cpuPercent, serverCpuSeconds, serverCpuPercent} from `from` to `to`;
// the server fields only when both samples have them. 100 % is one core.
QJsonObject usageBetween(const UsageSample &from, const UsageSample &to);

} // namespace vw::load
