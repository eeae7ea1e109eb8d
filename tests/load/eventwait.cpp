#include "tests/load/eventwait.h"

#include <QTimer>

#include <cmath>

namespace vw::load {

void EventWait::done()
{
    if (--m_pending <= 0)
        m_loop.quit();
}

bool EventWait::wait(int timeoutMs)
{
    if (m_pending <= 0)
        return true;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &m_loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    m_loop.exec();
    return m_pending <= 0;
}

void runEventLoopFor(double seconds)
{
    // Nothing will call done(): the wait only ends when the time is up.
    EventWait idle;
    idle.wait(int(std::llround(seconds * 1000)));
}

} // namespace vw::load
