#pragma once

#include <QtGlobal>

#include <chrono>

namespace vw::server::realtime {

// Milliseconds on the monotonic clock: heartbeats and throttles must not jump with the
// wall clock (NTP, daylight saving), and they never reach the wire or the store.
inline qint64 steadyNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace vw::server::realtime
