#pragma once

#include <QObject>
#include <QtGlobal>

#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

class QSocketNotifier;

namespace vw::server {

// Who hears from a DescriptorReactor: always from the event loop, never from inside a call
// into the reactor.
class ReadinessListener
{
public:
    // Data, end of stream or an error waits on the descriptor.
    virtual void descriptorReadable() = 0;
    // The kernel's send buffer has room again (or the connection broke).
    virtual void descriptorWritable() = 0;

protected:
    ~ReadinessListener() = default;
};

// Waits on many descriptors with one epoll set, which the thread's event loop watches through
// a single QSocketNotifier. Qt's event dispatchers poll() the descriptor of every enabled
// notifier on each turn of the loop, and on a paravirtualised VM each costs 1-2 µs in the
// kernel: with 10,000 idle WebSocket connections, messages at 1,000 msgs/s had a delivery p50
// of 23 ms against 1.9 without them (measured, tests/load). A turn here costs what is ready.
// Level-triggered, as QSocketNotifier is, and at most kMaxEventsPerTurn descriptors are
// served per turn so timers and posted events keep their place. Users: the plain-TCP
// WebSocket transports (websocket::DescriptorTransport) and REST keep-alive connections
// waiting for their next request (http::ParkedSocket).
//
// One reactor per thread (forCurrentThread()), used only from that thread. Linux only, like
// the server.
class DescriptorReactor
{
public:
    using Handle = quint64;
    static constexpr int kMaxEventsPerTurn = 256;

    // This thread's reactor, made on first use (the thread needs an event loop by then).
    static DescriptorReactor &forCurrentThread();

    DescriptorReactor();
    ~DescriptorReactor();
    DescriptorReactor(const DescriptorReactor &) = delete;
    DescriptorReactor &operator=(const DescriptorReactor &) = delete;

    // Registers a listener; nothing is watched yet. The handle names it until detach().
    Handle attach(ReadinessListener &listener);
    // Watches `descriptor` for what is asked (neither: not watched; do that before closing
    // it). False when the kernel refused (out of memory, the user's epoll watch limit):
    // nothing is then watched for this handle.
    [[nodiscard]] bool watch(Handle handle, int descriptor, bool readable, bool writable);
    // Forgets the listener and what it watched: no further calls reach it, not even ones
    // already posted, so it may be destroyed right after.
    void detach(Handle handle);
    // Runs `call` from the event loop after the current event, unless `handle` is detached
    // first. Calls posted in one turn run together, in order.
    void post(Handle handle, std::function<void()> call);

    // Descriptors in the epoll set now (for tests and diagnostics).
    qsizetype watchedCount() const { return m_watchedCount; }
    bool isUsable() const { return m_epoll >= 0; }

private:
    struct Registration
    {
        ReadinessListener *listener = nullptr;
        int descriptor = -1;
        quint32 events = 0; // what epoll watches for it; 0: not in the set
    };

    void dispatchReady();
    void runPosted();
    void unwatch(Registration &registration);

    int m_epoll = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QObject m_postedCallsContext; // there also when the epoll set could not be made
    std::unordered_map<Handle, Registration> m_registrations;
    Handle m_nextHandle = 1;
    qsizetype m_watchedCount = 0;
    std::vector<std::pair<Handle, std::function<void()>>> m_posted;
};

} // namespace vw::server
