#include "tests/load/trafficstats.h"

namespace vw::load {

void TrafficStats::merge(const TrafficStats &other)
{
    ackLatency.merge(other.ackLatency);
    deliveryLatency.merge(other.deliveryLatency);
    errors.merge(other.errors);
    sent += other.sent;
    acked += other.acked;
    delivered += other.delivered;
    heldBack += other.heldBack;
    sentTotal += other.sentTotal;
    ackedTotal += other.ackedTotal;
}

} // namespace vw::load
