#include "tests/load/processstats.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#include <sys/resource.h>
#include <unistd.h>

namespace vw::load::processstats {

namespace {

std::optional<QByteArray> readProcFile(qint64 pid, const char *name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1StringView(name)));
    // /proc files report size 0, so readAll() rather than a sized read.
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

double seconds(const timeval &time)
{
    return double(time.tv_sec) + double(time.tv_usec) / 1e6;
}

} // namespace

std::optional<qint64> residentKiB(qint64 pid)
{
    const auto status = readProcFile(pid, "status");
    if (!status)
        return std::nullopt;
    for (const QByteArray &line : status->split('\n')) {
        if (!line.startsWith("VmRSS:"))
            continue;
        // "VmRSS:	   12345 kB"
        const QList<QByteArray> fields = line.mid(6).simplified().split(' ');
        bool ok = false;
        const qint64 kib = fields.value(0).toLongLong(&ok);
        return ok ? std::optional<qint64>(kib) : std::nullopt;
    }
    return std::nullopt;
}

std::optional<double> cpuSeconds(qint64 pid)
{
    const auto stat = readProcFile(pid, "stat");
    if (!stat)
        return std::nullopt;
    // The command name (field 2) may contain spaces and parentheses; fields after the last
    // ')' are fixed. utime and stime are fields 14 and 15, i.e. the 12th and 13th after it.
    const qsizetype close = stat->lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat->mid(close + 2).split(' ');
    if (fields.size() < 13)
        return std::nullopt;
    bool userOk = false;
    bool systemOk = false;
    const qint64 ticks = fields.at(11).toLongLong(&userOk) + fields.at(12).toLongLong(&systemOk);
    const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    if (!userOk || !systemOk || ticksPerSecond <= 0)
        return std::nullopt;
    return double(ticks) / double(ticksPerSecond);
}

CpuTimes ownCpu()
{
    rusage usage {};
    if (::getrusage(RUSAGE_SELF, &usage) != 0)
        return {};
    return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

FileLimit raiseFileLimit()
{
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return {};
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return {quint64(limit.rlim_cur), quint64(limit.rlim_max)};
}

} // namespace vw::load::processstats
