#include "tests/load/socketfleet.h"

#include "tests/load/loadsocket.h"

namespace vw::load {

SocketFleet::SocketFleet(
    QList<IdleSocketPlan> plans, QUrl serverUrl, SocketFactory makeSocket, int concurrency, QObject *parent)
    : QObject(parent),
      m_plans(std::move(plans)),
      m_serverUrl(std::move(serverUrl)),
      m_makeSocket(std::move(makeSocket)),
      m_concurrency(std::max(1, concurrency))
{ }

void SocketFleet::connectAll()
{
    m_sockets.reserve(m_plans.size());
    if (m_plans.isEmpty()) {
        m_settled = true;
        emit settled();
        return;
    }
    pump();
}

void SocketFleet::pump()
{
    // A socket can fail inside open() (no source address to bind): the guard turns what
    // would be a recursion per failed socket into this loop.
    if (m_pumping)
        return;
    m_pumping = true;
    while (m_inFlight < m_concurrency && m_nextPlan < m_plans.size())
        startNext();
    m_pumping = false;
    if (m_inFlight == 0 && m_nextPlan >= m_plans.size() && !m_settled) {
        m_settled = true;
        emit settled();
    }
}

void SocketFleet::startNext()
{
    const IdleSocketPlan &plan = m_plans.at(m_nextPlan++);
    LoadSocket *socket = m_makeSocket(plan.socketIndex, this);
    m_sockets.append(socket);
    // Idle devices listen to nothing; a lean socket then decodes only the handshake.
    socket->setWantedEvents({});
    ++m_inFlight;
    connect(socket, &LoadSocket::connected, this, [this] {
        ++m_connected;
        onOutcome();
    });
    connect(socket, &LoadSocket::connectFailed, this, [this](const QString &reason) {
        ++m_failed;
        m_errors.add(QStringLiteral("connectFailed:") + reason);
        onOutcome();
    });
    connect(socket, &LoadSocket::disconnected, this, [this] {
        --m_connected;
        m_errors.add(QStringLiteral("disconnect"));
    });
    socket->open(m_serverUrl, plan.token);
}

void SocketFleet::onOutcome()
{
    --m_inFlight;
    pump();
}

void SocketFleet::closeAll()
{
    for (LoadSocket *socket : std::as_const(m_sockets)) {
        disconnect(socket, nullptr, this, nullptr);
        socket->close();
    }
}

} // namespace vw::load
