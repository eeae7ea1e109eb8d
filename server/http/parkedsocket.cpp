#include "server/http/parkedsocket.h"

#include <QAbstractSocket>
#include <QSocketNotifier>

namespace vw::server::http {

ParkedSocket::~ParkedSocket()
{
    unpark();
}

bool ParkedSocket::park(QAbstractSocket &socket, std::function<void()> woken)
{
    if (isParked() || socket.state() != QAbstractSocket::ConnectedState || socket.bytesAvailable() > 0)
        return false;
    const qintptr descriptor = socket.socketDescriptor();
    if (descriptor < 0)
        return false;
    for (QSocketNotifier *notifier : socket.findChildren<QSocketNotifier *>()) {
        if (notifier->type() == QSocketNotifier::Read && notifier->isEnabled()
            && notifier->socket() == descriptor)
            m_disabled.emplace_back(notifier);
    }
    if (m_disabled.empty())
        return false;
    DescriptorReactor &reactor = DescriptorReactor::forCurrentThread();
    m_handle = reactor.attach(*this);
    if (!reactor.watch(m_handle, static_cast<int>(descriptor), true, false)) {
        reactor.detach(m_handle);
        m_handle = 0;
        m_disabled.clear();
        return false;
    }
    for (const QPointer<QSocketNotifier> &notifier : m_disabled)
        notifier->setEnabled(false);
    m_woken = std::move(woken);
    return true;
}

void ParkedSocket::unpark()
{
    if (!isParked())
        return;
    DescriptorReactor::forCurrentThread().detach(m_handle);
    m_handle = 0;
    for (const QPointer<QSocketNotifier> &notifier : m_disabled) {
        if (notifier)
            notifier->setEnabled(true);
    }
    m_disabled.clear();
}

void ParkedSocket::descriptorReadable()
{
    unpark();
    // Moved out first: the call may park the socket again or destroy this object.
    if (auto woken = std::exchange(m_woken, nullptr))
        woken();
}

} // namespace vw::server::http
