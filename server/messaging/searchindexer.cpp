#include "server/messaging/searchindexer.h"

#include "server/core/threadname.h"
#include "server/messaging/conversationkeyring.h"
#include "server/messaging/searchindexfile.h"
#include "server/messaging/searchindexround.h"
#include "server/store/database.h"

#include <QLoggingCategory>
#include <QTimer>

namespace vw::server::messaging {

namespace {
Q_LOGGING_CATEGORY(lcIndexer, "vw.messaging.search")

// After a failed round (the index file locked or unwritable), the next one waits this long.
constexpr std::chrono::milliseconds kRetryAfterFailure {1000};
} // namespace

// A whenCaughtUp() call: answered once, by the round that covers it or by its timeout, both
// on the indexer's own (QObject) thread.
struct SearchIndexer::Waiter
{
    std::function<void(bool)> done;
    bool answered = false;

    void answer(bool caughtUp)
    {
        if (answered)
            return;
        answered = true;
        done(caughtUp);
    }
};

SearchIndexer::SearchIndexer(ConnectionFactory openConnection, const crypto::SecretBytes &masterKey,
    const Clock &clock, SearchIndexSettings settings, QObject *parent)
    : QObject(parent),
      m_openConnection(std::move(openConnection)),
      m_masterKey(masterKey),
      m_clock(clock),
      m_settings(settings)
{ }

SearchIndexer::~SearchIndexer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

Status<store::StoreError> SearchIndexer::start()
{
    m_thread = std::thread([this] {
        nameCurrentThread("vw-search-index");
        auto opened = m_openConnection();
        Status<store::StoreError> attached;
        if (opened)
            attached = SearchIndexFile::attach(*opened.value());
        {
            std::lock_guard lock(m_mutex);
            if (!opened)
                m_openError = opened.error();
            else if (!attached)
                m_openError = attached.error();
            m_ready = true;
            // The first round looks for what was stored while no indexer ran (a rebuild).
            m_behind = true;
        }
        m_started.notify_all();
        if (opened && attached)
            run(std::move(opened).value());
    });
    std::unique_lock lock(m_mutex);
    m_started.wait(lock, [this] { return m_ready; });
    if (m_openError)
        return *m_openError;
    return {};
}

void SearchIndexer::nudge()
{
    if (m_nudged.load(std::memory_order_acquire))
        return; // a round is due already and will see this
    {
        std::lock_guard lock(m_mutex);
        if (m_nudged.load(std::memory_order_relaxed))
            return;
        m_nudged.store(true, std::memory_order_release);
        m_roundAt = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_settings.gatherMs);
    }
    m_wake.notify_one();
}

void SearchIndexer::whenCaughtUp(std::function<void(bool caughtUp)> done)
{
    auto waiter = std::make_shared<Waiter>();
    waiter->done = std::move(done);
    QTimer::singleShot(m_settings.maxWaitMs, this, [waiter] { waiter->answer(false); });
    {
        std::lock_guard lock(m_mutex);
        m_waiters.push_back(waiter);
    }
    m_wake.notify_one();
}

bool SearchIndexer::roundDue(Deadline now, Deadline &wakeAt) const
{
    if (now < m_notBefore) {
        wakeAt = m_notBefore;
        return false;
    }
    if (!m_waiters.empty() || m_behind)
        return true;
    if (m_nudged.load(std::memory_order_relaxed)) {
        if (now >= m_roundAt)
            return true;
        wakeAt = m_roundAt;
    }
    return false;
}

void SearchIndexer::run(std::unique_ptr<store::Database> database)
{
    ConversationKeyring keyring(*database, m_masterKey, m_clock);
    SearchIndexRound round(*database, keyring);
    std::unique_lock lock(m_mutex);
    for (;;) {
        Deadline wakeAt = Deadline::max();
        while (!m_stopping && !roundDue(std::chrono::steady_clock::now(), wakeAt)) {
            if (wakeAt == Deadline::max())
                m_wake.wait(lock);
            else
                m_wake.wait_until(lock, wakeAt);
            wakeAt = Deadline::max();
        }
        if (m_stopping)
            return;
        // Whatever was committed before this point is in the round's snapshot, which is read
        // after the lock is let go: these waiters are covered, later nudges make another round.
        std::vector<std::shared_ptr<Waiter>> covered = std::move(m_waiters);
        m_waiters.clear();
        m_nudged.store(false, std::memory_order_release);
        m_behind = false;
        lock.unlock();

        auto outcome = round.run(m_settings.roundMessages);
        if (outcome) {
            // Applied removals' tokens need not wait in the store any longer. A failure here
            // leaves them there (already applied, never applied twice) until the next synced
            // round that applies removals forgets everything up to its own.
            if (auto forgotten = round.forgetAppliedRemovals(outcome.value()); !forgotten)
                qCWarning(lcIndexer) << "applied search removals stay queued:" << forgotten.error().detail;
        }

        lock.lock();
        if (!outcome) {
            qCWarning(lcIndexer) << "search index round failed, retrying:" << outcome.error().detail;
            m_waiters.insert(m_waiters.begin(), covered.begin(), covered.end());
            m_behind = true;
            m_notBefore = std::chrono::steady_clock::now() + kRetryAfterFailure;
            continue;
        }
        ++m_rounds;
        m_indexed += outcome.value().indexed;
        m_removed += outcome.value().removed;
        if (!outcome.value().caughtUp) {
            // Not all of what they wait for is in yet.
            m_behind = true;
            m_waiters.insert(m_waiters.begin(), covered.begin(), covered.end());
            continue;
        }
        if (!covered.empty())
            answer(std::move(covered), true);
    }
}

void SearchIndexer::answer(std::vector<std::shared_ptr<Waiter>> waiters, bool caughtUp)
{
    QMetaObject::invokeMethod(
        this,
        [waiters = std::move(waiters), caughtUp] {
            for (const std::shared_ptr<Waiter> &waiter : waiters)
                waiter->answer(caughtUp);
        },
        Qt::QueuedConnection);
}

} // namespace vw::server::messaging
