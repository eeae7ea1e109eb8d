#pragma once

#include "tests/load/trafficworker.h"

#include <QList>
#include <QObject>

#include <functional>
#include <vector>

class QThread;

namespace vw::load {

// One thread with its own event loop per WorkerPlan, so that one core's worth of socket work
// is not the ceiling of a run. Created and used from the orchestrating thread only.
class WorkerPool
{
public:
    explicit WorkerPool(const QList<WorkerPlan> &plans);
    // Closes every worker's sockets, then stops and joins the threads.
    ~WorkerPool();
    Q_DISABLE_COPY_MOVE(WorkerPool)

    int size() const { return int(m_workers.size()); }
    TrafficWorker &worker(int i) const { return *m_workers.at(std::size_t(i)); }

    // Runs `call` in every worker's thread, then waits until each worker's `signal` arrived or
    // `timeoutMs` passed; true when all arrived.
    bool callAndWait(
        const std::function<void(TrafficWorker &)> &call, void (TrafficWorker::*signal)(), int timeoutMs);

private:
    std::vector<QThread *> m_threads;
    std::vector<TrafficWorker *> m_workers; // each deleted in its own thread when it finishes
};

} // namespace vw::load
