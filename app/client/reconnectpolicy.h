#pragma once

namespace vw::client {

// How long the realtime client waits before each reconnect attempt: exponential backoff
// with jitter, so that clients dropped together by a server restart do not all return in
// the same instant. Pure and deterministic given the random number, so it can be tested.
struct ReconnectPolicy
{
    int initialDelayMs = 500;
    int maxDelayMs = 30000;
    double multiplier = 2.0;
    // 0.5 spreads each delay over [50%, 150%] of its nominal value.
    double jitter = 0.5;

    // attempt 0 is the first retry. random01 is a uniform number in [0, 1]; values outside
    // are clamped, as are negative attempts and settings. The result is in [0, maxDelayMs].
    [[nodiscard]] int delayForAttempt(int attempt, double random01) const;
};

} // namespace vw::client
