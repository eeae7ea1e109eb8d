#pragma once

#include "tests/load/errortally.h"
#include "tests/load/latencyrecorder.h"

namespace vw::load {

// What the pairs of one thread (or, merged, of the run) measured.
struct TrafficStats
{
    // Latencies of messages sent inside the measured window.
    LatencyRecorder ackLatency;
    LatencyRecorder deliveryLatency;
    // Everything that went wrong from the first send to the end of the drain.
    ErrorTally errors;
    // Sends, acks and deliveries whose own time fell inside the measured window.
    qint64 sent = 0;
    qint64 acked = 0;
    qint64 delivered = 0;
    // Paced mode: slots of the measured window that were never sent (the window was full).
    qint64 heldBack = 0;
    // The whole run, warm-up and drain included.
    qint64 sentTotal = 0;
    qint64 ackedTotal = 0;

    void merge(const TrafficStats &other);
};

} // namespace vw::load
