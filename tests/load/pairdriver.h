#pragma once

#include "common/core/result.h"
#include "tests/load/messagecontent.h"
#include "tests/load/socketfactory.h"
#include "tests/load/trafficplan.h"
#include "tests/load/trafficstats.h"

#include <QJsonArray>
#include <QObject>

#include <map>

namespace vw::load {

class LoadSocket;

// One provider→patient pair: the sender emits `message:send` within its window (or at its
// pace), and the driver times each message to its ack and to the receiver's `message:new`.
// Lives in a worker thread; the worker calls tick() from its timer.
class PairDriver : public QObject
{
    Q_OBJECT
public:
    PairDriver(const PairPlan &pair, const TrafficPlan &traffic, const SocketFactory &makeSocket,
        QObject *parent = nullptr);

    // ready() follows once both sockets are connected, failed() if either is refused.
    void connectSockets();
    void start(const Schedule &schedule);
    // Sends what the pace and the window allow, and gives up on acks and deliveries that are
    // overdue. Sending stops at the schedule's measureEnd.
    void tick(qint64 nowNs);
    // Nothing more will be sent and nothing is awaited.
    bool isDrained() const { return !m_sending && m_inFlight.empty(); }
    // Counts what is still awaited as timeouts and closes both sockets.
    void finish();
    const TrafficStats &stats() const { return m_stats; }

signals:
    void ready();
    void failed(const QString &why);

private:
    struct InFlight
    {
        // Latency runs from when the message was due: in paced mode a send delayed by a full
        // window still counts from its slot, so a slow server cannot hide its backlog.
        qint64 dueNs = 0;
        qint64 sentNs = 0;
        bool acked = false;
        bool delivered = false;
    };
    using InFlightMap = std::map<quint64, InFlight>;

    void pump(qint64 nowNs);
    void stopSending();
    void sendOne(qint64 dueNs, qint64 nowNs);
    void onAck(quint64 seq, const Result<QJsonArray, QString> &ack);
    void onReceiverEvent(const QString &name, const QJsonValue &payload, qint64 ackId);
    void onSocketLost(const QString &reason);
    void expire(qint64 nowNs);
    void settle(InFlightMap::iterator it);

    PairPlan m_pair;
    TrafficPlan m_traffic;
    Schedule m_schedule;
    LoadSocket *m_sender; // children of this
    LoadSocket *m_receiver;
    MessageContent m_content;
    QString m_idPrefix;
    InFlightMap m_inFlight;
    int m_awaitingAcks = 0;
    quint64 m_nextSeq = 0;
    qint64 m_intervalNs = 0;
    qint64 m_nextDueNs = 0;
    int m_connected = 0;
    bool m_sending = false;
    bool m_broken = false;
    TrafficStats m_stats;
};

} // namespace vw::load
