#include "app/client/reconnectpolicy.h"

#include <algorithm>
#include <cmath>

namespace vw::client {

int ReconnectPolicy::delayForAttempt(int attempt, double random01) const
{
    // Settings come from code or configuration; a bad one must not produce a negative or
    // overflowing timer interval, so everything is clamped and computed in double.
    const double maxDelay = std::max(0, maxDelayMs);
    const double initial = std::clamp<double>(initialDelayMs, 0.0, maxDelay);
    const double spread = std::isfinite(jitter) ? std::clamp(jitter, 0.0, 1.0) : 0.0;
    const double random = std::isfinite(random01) ? std::clamp(random01, 0.0, 1.0) : 0.5;

    // pow() grows to infinity (or NaN for odd settings) long before attempt reaches INT_MAX;
    // both are caught by the cap instead of being converted to int.
    double nominal = initial * std::pow(multiplier, std::max(0, attempt));
    if (!std::isfinite(nominal) || nominal > maxDelay)
        nominal = maxDelay;
    nominal = std::max(nominal, 0.0);

    const double delay = nominal * (1.0 - spread + 2.0 * spread * random);
    return static_cast<int>(std::lround(std::clamp(delay, 0.0, maxDelay)));
}

} // namespace vw::client
