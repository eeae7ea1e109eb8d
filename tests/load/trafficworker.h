#pragma once

#include "tests/load/socketfactory.h"
#include "tests/load/socketfleet.h"
#include "tests/load/trafficplan.h"
#include "tests/load/trafficstats.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace vw::load {

class PairDriver;

// A worker thread's share of the run.
struct WorkerPlan
{
    QList<PairPlan> pairs;
    QList<IdleSocketPlan> idle;
    TrafficPlan traffic;
    SocketFactory pairSockets;
    SocketFactory idleSockets;
    int connectConcurrency = 64;
};

// Owns the pairs and idle sockets of one thread and drives them from that thread's event
// loop. The orchestrating thread calls connectAll(), run() and shutdown() through queued
// invocations and reads the results once the matching signal has arrived.
class TrafficWorker : public QObject
{
    Q_OBJECT
public:
    explicit TrafficWorker(WorkerPlan plan, QObject *parent = nullptr);

    // Opens every socket; connected() once all are up or refused.
    void connectAll();
    // Sends from schedule.start to measureEnd, then drains; finished() at the end.
    void run(const Schedule &schedule);
    // Closes every socket, then closed().
    void shutdown();

    // Valid after connected().
    int pairFailures() const { return m_pairFailures; }
    QString firstPairFailure() const { return m_firstFailure; }
    int idleConnected() const { return m_fleet ? m_fleet->connectedCount() : 0; }
    int idleFailed() const { return m_fleet ? m_fleet->failedCount() : 0; }
    // Valid after finished() (after connected() for the idle sockets' errors).
    const TrafficStats &stats() const { return m_stats; }
    ErrorTally idleErrors() const { return m_fleet ? m_fleet->errors() : ErrorTally(); }

signals:
    void connected();
    void finished();
    void closed();

private:
    void onPairOutcome();
    void checkConnected();
    void onTick();

    WorkerPlan m_plan;
    QList<PairDriver *> m_pairs; // children of this
    SocketFleet *m_fleet = nullptr;
    QTimer m_timer;
    Schedule m_schedule;
    int m_pairOutcomes = 0;
    int m_pairFailures = 0;
    QString m_firstFailure;
    bool m_fleetSettled = false;
    bool m_running = false;
    TrafficStats m_stats;
};

} // namespace vw::load
