#pragma once

#include <QtGlobal>

#include <optional>

namespace vw::load {

// CPU time of this process (all threads), from getrusage.
struct CpuTimes
{
    double userS = 0;
    double systemS = 0;
    double total() const { return userS + systemS; }
};

struct FileLimit
{
    quint64 soft = 0;
    quint64 hard = 0;
};

// Reads what the kernel knows about a process (/proc on Linux) and about ourselves.
namespace processstats {

// VmRSS of `pid` in KiB; empty if the process is gone or /proc is unreadable.
std::optional<qint64> residentKiB(qint64 pid);
// utime + stime of `pid` in seconds, all its threads.
std::optional<double> cpuSeconds(qint64 pid);
CpuTimes ownCpu();
// Thousands of sockets need thousands of descriptors; the soft limit is often 1024 while the
// hard limit allows far more, and raising soft up to hard needs no privilege.
FileLimit raiseFileLimit();

} // namespace processstats

} // namespace vw::load
