#pragma once

#include "common/core/result.h"

#include <QString>
#include <QUrl>

#include <vector>

namespace vw::load {

// REST keep-alive connections of many desktop clients between two requests: each sends one
// GET /healthz, reads the answer and then stays open, silent, until the fleet is destroyed.
// Plain blocking sockets the load generator never polls, so they cost it nothing while the
// measured traffic runs (a QTcpSocket each would put them in its own event loop's poll set).
class KeepAliveFleet
{
public:
    KeepAliveFleet() = default;
    ~KeepAliveFleet();
    KeepAliveFleet(const KeepAliveFleet &) = delete;
    KeepAliveFleet &operator=(const KeepAliveFleet &) = delete;

    // Opens `count` connections to `serverUrl` (plain HTTP), `socketsPerSource` per loopback
    // source address (0: no binding) as the idle WebSocket sockets do. Stops at the first
    // connection that fails, with the reason; the ones opened stay open.
    Status<QString> open(const QUrl &serverUrl, int count, int socketsPerSource);
    int size() const { return static_cast<int>(m_descriptors.size()); }

private:
    std::vector<int> m_descriptors;
};

} // namespace vw::load
