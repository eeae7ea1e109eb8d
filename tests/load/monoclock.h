#pragma once

#include <QtGlobal>

#include <chrono>

namespace vw::load {

// Nanoseconds on the monotonic clock, comparable across threads; every latency and schedule
// in the load generator uses it.
inline qint64 monoNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

constexpr qint64 kNsPerMs = 1'000'000;
constexpr qint64 kNsPerSecond = 1'000'000'000;

} // namespace vw::load
