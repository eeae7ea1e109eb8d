#include "tests/load/trafficworker.h"

#include "tests/load/monoclock.h"
#include "tests/load/pairdriver.h"

namespace vw::load {

namespace {

// Paced senders need a fine tick to keep their slots; closed-loop senders send from their ack
// handlers and the tick only starts them and expires overdue acks.
constexpr int kPacedTickMs = 1;
constexpr int kClosedLoopTickMs = 20;
// Lets close frames and FINs leave before the sockets are destroyed.
constexpr int kCloseGraceMs = 300;

} // namespace

TrafficWorker::TrafficWorker(WorkerPlan plan, QObject *parent)
    : QObject(parent), m_plan(std::move(plan)), m_timer(this)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TrafficWorker::onTick);
}

void TrafficWorker::connectAll()
{
    for (const PairPlan &pair : std::as_const(m_plan.pairs)) {
        auto *driver = new PairDriver(pair, m_plan.traffic, m_plan.pairSockets, this);
        m_pairs.append(driver);
        connect(driver, &PairDriver::ready, this, &TrafficWorker::onPairOutcome);
        connect(driver, &PairDriver::failed, this, [this](const QString &why) {
            ++m_pairFailures;
            if (m_firstFailure.isEmpty())
                m_firstFailure = why;
            onPairOutcome();
        });
    }
    m_fleet = new SocketFleet(
        m_plan.idle, m_plan.traffic.serverUrl, m_plan.idleSockets, m_plan.connectConcurrency, this);
    connect(m_fleet, &SocketFleet::settled, this, [this] {
        m_fleetSettled = true;
        checkConnected();
    });
    for (PairDriver *driver : std::as_const(m_pairs))
        driver->connectSockets();
    m_fleet->connectAll();
}

void TrafficWorker::onPairOutcome()
{
    ++m_pairOutcomes;
    checkConnected();
}

void TrafficWorker::checkConnected()
{
    if (m_fleetSettled && m_pairOutcomes >= m_pairs.size())
        emit connected();
}

void TrafficWorker::run(const Schedule &schedule)
{
    m_schedule = schedule;
    m_running = true;
    for (PairDriver *driver : std::as_const(m_pairs))
        driver->start(schedule);
    m_timer.start(m_plan.traffic.ratePerSender > 0 ? kPacedTickMs : kClosedLoopTickMs);
}

void TrafficWorker::onTick()
{
    if (!m_running)
        return;
    const qint64 now = monoNowNs();
    bool drained = true;
    for (PairDriver *driver : std::as_const(m_pairs)) {
        driver->tick(now);
        drained = drained && driver->isDrained();
    }
    if (now < m_schedule.measureEndNs || (!drained && now < m_schedule.drainDeadlineNs))
        return;
    m_running = false;
    m_timer.stop();
    for (PairDriver *driver : std::as_const(m_pairs)) {
        driver->finish();
        m_stats.merge(driver->stats());
    }
    emit finished();
}

void TrafficWorker::shutdown()
{
    m_running = false;
    m_timer.stop();
    for (PairDriver *driver : std::as_const(m_pairs))
        driver->finish();
    if (m_fleet)
        m_fleet->closeAll();
    QTimer::singleShot(kCloseGraceMs, this, [this] {
        qDeleteAll(m_pairs);
        m_pairs.clear();
        delete m_fleet;
        m_fleet = nullptr;
        emit closed();
    });
}

} // namespace vw::load
