#pragma once

#include "server/core/descriptorreactor.h"

#include <QPointer>

#include <functional>
#include <vector>

class QAbstractSocket;
class QSocketNotifier;

namespace vw::server::http {

// Takes a quiet socket out of the event loop's poll set and waits for its next byte in the
// thread's epoll set instead (DescriptorReactor), then gives the socket back to Qt,
// which reads it as usual.
//
// Why: Qt's event dispatchers poll() the descriptor of every enabled socket notifier on each
// turn of the loop, 1-2 µs each on a paravirtualised VM. Desktop clients keep their REST
// connection open between requests (HTTP keep-alive): 5,000 such connections doubled the
// server's CPU at 1,000 msgs/s and raised the delivery p50 from 1.9 to 4-9 ms (tests/load).
//
// Qt has no public switch for a socket's read notifier; this finds the notifiers among the
// socket's children (its socket engine's, or for QSslSocket its plain socket's engine's) and
// disables the enabled read notifiers with QSocketNotifier's own API. When Qt is built another
// way and none is found, park() declines and the socket stays as it was.
// tst_parkedsocket checks both halves against Qt 6.4's sockets.
class ParkedSocket final : private ReadinessListener
{
public:
    ParkedSocket() = default;
    ~ParkedSocket();
    ParkedSocket(const ParkedSocket &) = delete;
    ParkedSocket &operator=(const ParkedSocket &) = delete;

    // Parks `socket` (connected, nothing unread): Qt stops polling it, and `woken` runs from
    // the event loop, after the socket was given back, once bytes or a hang-up arrive. The
    // socket must be unparked before its descriptor can be closed (unpark() on its
    // stateChanged does that). False, and nothing changed, when it cannot be parked.
    bool park(QAbstractSocket &socket, std::function<void()> woken);
    // Gives the socket back to Qt's poll set (nothing when not parked).
    void unpark();
    bool isParked() const { return m_handle != 0; }

private:
    void descriptorReadable() override;
    void descriptorWritable() override { }

    std::vector<QPointer<QSocketNotifier>> m_disabled;
    DescriptorReactor::Handle m_handle = 0;
    std::function<void()> m_woken;
};

} // namespace vw::server::http
