#pragma once

#include "server/core/principal.h"
#include "server/realtime/pendingdeliveries.h"
#include "server/realtime/roomregistry.h"

#include <QString>

#include <optional>

namespace vw::server::realtime {

class EngineConnection;

// What the gateway knows about one connection at the Socket.IO level: who it is once the
// namespace CONNECT was accepted, its namespace sid, the deliveries it owes an ACK for,
// and the counters that decide when it is misbehaving.
class ClientSocket
{
    Q_DISABLE_COPY_MOVE(ClientSocket)

public:
    ClientSocket(SocketId id, EngineConnection *engine, ClientInfo client, qint64 connectDeadlineMs,
        int maxPendingDeliveries);
    // Schedules the engine's deletion (it may be inside one of its own signals), after the
    // closing handshake if one is under way.
    ~ClientSocket();

    SocketId id() const { return m_id; }
    EngineConnection &engine() const { return *m_engine; }
    const ClientInfo &client() const { return m_client; }

    bool isAuthenticated() const { return m_principal.has_value(); }
    const Principal &principal() const { return *m_principal; }
    const QString &sid() const { return m_sid; }
    void authenticate(const Principal &principal, const QString &sid);

    qint64 connectDeadlineMs() const { return m_connectDeadlineMs; }
    // Counts a refused CONNECT; returns how many there were.
    int countFailedConnect() { return ++m_failedConnects; }
    // A send refused by the rate limit (true) or accepted (false); returns the current run.
    int countRateLimited(bool limited) { return m_rateLimitedInARow = limited ? m_rateLimitedInARow + 1 : 0; }

    PendingDeliveries &deliveries() { return m_deliveries; }

private:
    const SocketId m_id;
    EngineConnection *m_engine; // a child of the gateway; deleted (later) by this socket
    const ClientInfo m_client;
    const qint64 m_connectDeadlineMs;
    std::optional<Principal> m_principal;
    QString m_sid;
    int m_failedConnects = 0;
    int m_rateLimitedInARow = 0;
    PendingDeliveries m_deliveries;
};

} // namespace vw::server::realtime
