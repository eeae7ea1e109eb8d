#include "server/realtime/clientsocket.h"

#include "server/realtime/engineconnection.h"

namespace vw::server::realtime {

ClientSocket::ClientSocket(SocketId id, EngineConnection *engine, ClientInfo client, qint64 connectDeadlineMs,
    int maxPendingDeliveries)
    : m_id(id),
      m_engine(engine),
      m_client(std::move(client)),
      m_connectDeadlineMs(connectDeadlineMs),
      m_deliveries(maxPendingDeliveries)
{ }

ClientSocket::~ClientSocket()
{
    m_engine->disconnect();
    m_engine->deleteWhenDone();
}

void ClientSocket::authenticate(const Principal &principal, const QString &sid)
{
    m_principal = principal;
    m_sid = sid;
}

} // namespace vw::server::realtime
