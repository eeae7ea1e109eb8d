#include "server/realtime/pendingdeliveries.h"

namespace vw::server::realtime {

qint64 PendingDeliveries::add(const HandedOver &message)
{
    const qint64 ackId = m_nextAckId++;
    m_pending.emplace(ackId, message);
    while (static_cast<int>(m_pending.size()) > m_capacity)
        m_pending.erase(m_pending.begin());
    return ackId;
}

std::optional<HandedOver> PendingDeliveries::take(qint64 ackId)
{
    const auto it = m_pending.find(ackId);
    if (it == m_pending.end())
        return std::nullopt;
    const HandedOver message = it->second;
    m_pending.erase(it);
    return message;
}

} // namespace vw::server::realtime
