#pragma once

#include <QDateTime>

namespace vw {

// Source of the current time. Services take a Clock so tests can move time
// (token expiry, rate limits, typing time-outs) without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
    // Milliseconds on a clock that never goes backwards, for time-outs and budgets.
    virtual qint64 monotonicMs() const = 0;
};

// The wall clock and the process's steady clock.
class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override;
};

} // namespace vw
