#include "server/realtime/pendingdeliveries.h"

namespace vw::server::realtime {

qint64 PendingDeliveries::add(const QUuid &messageId)
{
    const qint64 ackId = m_nextAckId++;
    m_pending.emplace(ackId, messageId);
    while (static_cast<int>(m_pending.size()) > m_capacity)
        m_pending.erase(m_pending.begin());
    return ackId;
}

std::optional<QUuid> PendingDeliveries::take(qint64 ackId)
{
    const auto it = m_pending.find(ackId);
    if (it == m_pending.end())
        return std::nullopt;
    const QUuid messageId = it->second;
    m_pending.erase(it);
    return messageId;
}

} // namespace vw::server::realtime
