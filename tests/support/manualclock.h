#pragma once

#include "common/core/clock.h"

namespace vw::test {

// A clock that only moves when a test tells it to.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC));

    QDateTime nowUtc() const override;
    qint64 monotonicMs() const override;

    void advanceMs(qint64 ms);
    void setNowUtc(const QDateTime &now);

private:
    QDateTime m_now;
    qint64 m_monotonicMs = 1'000'000;
};

} // namespace vw::test
