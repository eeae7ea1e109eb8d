#include "tests/support/manualclock.h"

namespace vw::test {

ManualClock::ManualClock(QDateTime start) : m_now(std::move(start)) { }

QDateTime ManualClock::nowUtc() const
{
    return m_now;
}

qint64 ManualClock::monotonicMs() const
{
    return m_monotonicMs;
}

void ManualClock::advanceMs(qint64 ms)
{
    m_now = m_now.addMSecs(ms);
    m_monotonicMs += ms;
}

void ManualClock::setNowUtc(const QDateTime &now)
{
    m_monotonicMs += m_now.msecsTo(now) > 0 ? m_now.msecsTo(now) : 0;
    m_now = now.toUTC();
}

} // namespace vw::test
