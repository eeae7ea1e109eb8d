#pragma once

#include <QEventLoop>

namespace vw::load {

// Lets setup code read top to bottom: start N asynchronous calls whose callbacks call done(),
// then wait() runs a local event loop until all N answered or the time is up. Only for the
// orchestrating thread; the measured traffic runs in workers' own loops.
class EventWait
{
public:
    explicit EventWait(int expected = 1) : m_pending(expected) { }
    Q_DISABLE_COPY_MOVE(EventWait)

    void done();
    // True when everything answered; false on timeout.
    bool wait(int timeoutMs);

private:
    QEventLoop m_loop;
    int m_pending;
};

// Runs this thread's event loop for `seconds` (heartbeats and other timers keep going), for
// setup steps that only let time pass.
void runEventLoopFor(double seconds);

} // namespace vw::load
