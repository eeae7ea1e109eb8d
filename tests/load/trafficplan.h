#pragma once

#include <QString>
#include <QUrl>
#include <QUuid>

namespace vw::load {

// One sender/receiver pair as a worker thread gets it.
struct PairPlan
{
    int index = 0;
    QString senderToken;
    QString receiverToken;
    QUuid conversationId;
    // Global socket numbers, which pick the loopback source address.
    int senderSocket = 0;
    int receiverSocket = 0;
};

// How every pair sends.
struct TrafficPlan
{
    QUrl serverUrl;
    int window = 64;
    // Messages/s per sender; 0 = closed loop (send whenever the window allows).
    double ratePerSender = 0;
    int sizeBytes = 200;
    bool deliveryAcks = true;
    qint64 ackTimeoutNs = 10'000'000'000;
    // In every clientMessageId, so a run's messages are told apart from earlier runs'.
    QString runTag;
};

// Monotonic times (monoNowNs) every worker follows. Messages sent in [measureStart,
// measureEnd) are measured; sending stops at measureEnd; what is still open at drainDeadline
// counts as a timeout.
struct Schedule
{
    qint64 startNs = 0;
    qint64 measureStartNs = 0;
    qint64 measureEndNs = 0;
    qint64 drainDeadlineNs = 0;

    bool inWindow(qint64 ns) const { return ns >= measureStartNs && ns < measureEndNs; }
};

} // namespace vw::load
