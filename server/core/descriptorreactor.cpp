#include "server/core/descriptorreactor.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>

#include <sys/epoll.h>
#include <unistd.h>

namespace vw::server {

namespace {

Q_LOGGING_CATEGORY(lcReactor, "vw.server.reactor")

quint32 eventMask(bool readable, bool writable)
{
    // EPOLLRDHUP: a peer's FIN wakes the reader like data does, so the end is seen at once.
    return (readable ? quint32(EPOLLIN | EPOLLRDHUP) : 0u) | (writable ? quint32(EPOLLOUT) : 0u);
}

} // namespace

DescriptorReactor &DescriptorReactor::forCurrentThread()
{
    // Destroyed when the thread ends; every transport of the thread is gone by then.
    thread_local DescriptorReactor reactor;
    return reactor;
}

DescriptorReactor::DescriptorReactor() : m_epoll(::epoll_create1(EPOLL_CLOEXEC))
{
    if (m_epoll < 0) {
        qCCritical(lcReactor) << "cannot create an epoll set (errno" << errno
                              << "): connections on this thread will be refused";
        return;
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_epoll, QSocketNotifier::Read);
    QObject::connect(
        m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] { dispatchReady(); });
}

DescriptorReactor::~DescriptorReactor()
{
    m_notifier.reset(); // never poll a closed descriptor
    if (m_epoll >= 0)
        ::close(m_epoll);
}

DescriptorReactor::Handle DescriptorReactor::attach(ReadinessListener &listener)
{
    const Handle handle = m_nextHandle++;
    m_registrations.emplace(handle, Registration {&listener});
    return handle;
}

bool DescriptorReactor::watch(Handle handle, int descriptor, bool readable, bool writable)
{
    const auto found = m_registrations.find(handle);
    if (found == m_registrations.end())
        return false;
    Registration &registration = found->second;
    if (registration.events != 0 && registration.descriptor != descriptor)
        unwatch(registration);
    const quint32 wanted = eventMask(readable, writable);
    if (wanted == registration.events)
        return true;
    if (wanted == 0) {
        unwatch(registration);
        return true;
    }
    if (m_epoll < 0)
        return false;
    epoll_event event {};
    event.events = wanted;
    event.data.u64 = handle;
    const int operation = registration.events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (::epoll_ctl(m_epoll, operation, descriptor, &event) != 0) {
        qCWarning(lcReactor) << "cannot watch a connection (" << std::strerror(errno) << ")";
        unwatch(registration);
        return false;
    }
    if (registration.events == 0)
        ++m_watchedCount;
    registration.descriptor = descriptor;
    registration.events = wanted;
    return true;
}

void DescriptorReactor::unwatch(Registration &registration)
{
    if (registration.events == 0)
        return;
    // Explicitly: a descriptor's registration outlives close() while a duplicate of it is open.
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, registration.descriptor, nullptr);
    registration.events = 0;
    --m_watchedCount;
}

void DescriptorReactor::detach(Handle handle)
{
    const auto found = m_registrations.find(handle);
    if (found == m_registrations.end())
        return;
    unwatch(found->second);
    m_registrations.erase(found);
    // Calls posted for it stay queued and are skipped when they come up.
}

void DescriptorReactor::post(Handle handle, std::function<void()> call)
{
    if (m_posted.empty()) {
        QMetaObject::invokeMethod(
            &m_postedCallsContext, [this] { runPosted(); }, Qt::QueuedConnection);
    }
    m_posted.emplace_back(handle, std::move(call));
}

void DescriptorReactor::runPosted()
{
    // Calls posted from these calls wait for the next turn.
    std::vector<std::pair<Handle, std::function<void()>>> due;
    due.swap(m_posted);
    for (auto &[handle, call] : due) {
        if (m_registrations.contains(handle))
            call();
    }
}

void DescriptorReactor::dispatchReady()
{
    epoll_event events[kMaxEventsPerTurn];
    const int count = ::epoll_wait(m_epoll, events, kMaxEventsPerTurn, 0);
    for (int i = 0; i < count; ++i) {
        const Handle handle = events[i].data.u64;
        const quint32 happened = events[i].events;
        // An error or hang-up goes to whichever side listens (as QSocketNotifier does); the
        // listener's read or write then fails and it stops watching.
        const bool broken = (happened & (EPOLLERR | EPOLLHUP)) != 0;
        // A listener may detach itself or another one from its call: look it up each time.
        auto found = m_registrations.find(handle);
        if (found == m_registrations.end())
            continue;
        if ((found->second.events & EPOLLIN) && (broken || (happened & (EPOLLIN | EPOLLRDHUP))))
            found->second.listener->descriptorReadable();
        found = m_registrations.find(handle);
        if (found == m_registrations.end())
            continue;
        if ((found->second.events & EPOLLOUT) && (broken || (happened & EPOLLOUT)))
            found->second.listener->descriptorWritable();
    }
}

} // namespace vw::server
