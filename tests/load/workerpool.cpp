#include "tests/load/workerpool.h"

#include "tests/load/eventwait.h"

#include <QThread>

namespace vw::load {

namespace {

constexpr int kShutdownTimeoutMs = 10'000;

} // namespace

WorkerPool::WorkerPool(const QList<WorkerPlan> &plans)
{
    for (qsizetype i = 0; i < plans.size(); ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("loadgen-worker-%1").arg(i));
        auto *worker = new TrafficWorker(plans.at(i));
        worker->moveToThread(thread);
        // Sockets and timers must die in the thread that owns them.
        QObject::connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        m_threads.push_back(thread);
        m_workers.push_back(worker);
    }
}

WorkerPool::~WorkerPool()
{
    callAndWait([](TrafficWorker &worker) { worker.shutdown(); }, &TrafficWorker::closed, kShutdownTimeoutMs);
    for (QThread *thread : m_threads) {
        thread->quit();
        thread->wait();
        delete thread;
    }
}

bool WorkerPool::callAndWait(
    const std::function<void(TrafficWorker &)> &call, void (TrafficWorker::*signal)(), int timeoutMs)
{
    EventWait wait(size());
    // Receives the workers' signals in this thread; destroyed (and so disconnected) on return,
    // which keeps a late signal from touching `wait`.
    QObject context;
    for (TrafficWorker *worker : m_workers) {
        QObject::connect(
            worker, signal, &context, [&wait] { wait.done(); }, Qt::SingleShotConnection);
        QMetaObject::invokeMethod(
            worker, [worker, call] { call(*worker); }, Qt::QueuedConnection);
    }
    return wait.wait(timeoutMs);
}

} // namespace vw::load
