#pragma once

#include "common/core/clock.h"
#include "common/core/result.h"
#include "common/crypto/secretbytes.h"
#include "server/messaging/searchindexsettings.h"
#include "server/store/storeerror.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace vw::server::store {
class Database;
}

namespace vw::server::messaging {

// Keeps the search index (SearchIndexFile) up to date on a thread and a connection of its
// own, in rounds (SearchIndexRound) that each take everything stored since the previous one.
//
// Why: written inside the group commit, every batch of messages became an FTS5 segment of its
// own, and FTS5 merged those segments inside commits that acknowledged messages (stalls of
// 20-25 ms about every second under load, most of the delivery latency's p99 at half of peak;
// measured in the README's Performance section). Here a round comes at most every
// `gatherMs` after new messages, so at load a segment holds hundreds or thousands of messages;
// the tokens are computed here from the sealed text instead of on the network thread; and the
// writer that acknowledges messages never waits for the index.
//
// A search must still find what was acknowledged before it: whenCaughtUp() answers once a
// round that began after the call has committed (a round starts at once for it). After a
// crash or with a new index file the first rounds rebuild from the store, a round at a time.
class SearchIndexer : public QObject
{
    Q_OBJECT
public:
    using ConnectionFactory = std::function<Result<std::unique_ptr<store::Database>, store::StoreError>()>;

    // `openConnection` opens a connection to the store on the indexer's thread; the indexer
    // attaches the index file to it. Keys come from a keyring of its own over that connection.
    SearchIndexer(ConnectionFactory openConnection, const crypto::SecretBytes &masterKey, const Clock &clock,
        SearchIndexSettings settings, QObject *parent = nullptr);
    // Finishes the round in progress, then stops the thread; waiting callbacks are dropped.
    ~SearchIndexer() override;
    Q_DISABLE_COPY_MOVE(SearchIndexer)

    // Waits for the indexer's connection and index file; the first round follows at once.
    Status<store::StoreError> start();

    // Messages were stored or deleted: a round follows within gatherMs. Thread-safe and cheap
    // (called for every message).
    void nudge();
    // `done(true)` on this object's thread once the index holds every message committed before
    // this call; `done(false)` when that did not happen within maxWaitMs.
    void whenCaughtUp(std::function<void(bool caughtUp)> done);

    // Counters for /metrics and tests (read on any thread).
    quint64 roundsRun() const { return m_rounds.load(std::memory_order_relaxed); }
    quint64 messagesIndexed() const { return m_indexed.load(std::memory_order_relaxed); }
    quint64 rowsRemoved() const { return m_removed.load(std::memory_order_relaxed); }

private:
    struct Waiter;
    using Deadline = std::chrono::steady_clock::time_point;

    void run(std::unique_ptr<store::Database> database);
    // Under m_mutex: whether a round is due now; otherwise when one will be (if ever).
    bool roundDue(Deadline now, Deadline &wakeAt) const;
    void answer(std::vector<std::shared_ptr<Waiter>> waiters, bool caughtUp);

    ConnectionFactory m_openConnection;
    const crypto::SecretBytes &m_masterKey;
    const Clock &m_clock;
    const SearchIndexSettings m_settings;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_started;
    bool m_ready = false;
    std::optional<store::StoreError> m_openError;
    bool m_stopping = false;
    // Set under m_mutex, read without it by nudge(): a round is already due for what is new.
    std::atomic<bool> m_nudged = false;
    Deadline m_roundAt; // when a nudged round is due
    bool m_behind = false; // the last round stopped at roundMessages: go on at once
    Deadline m_notBefore; // after a failed round: no retry before this
    std::vector<std::shared_ptr<Waiter>> m_waiters;
    std::atomic<quint64> m_rounds = 0;
    std::atomic<quint64> m_indexed = 0;
    std::atomic<quint64> m_removed = 0;
    std::thread m_thread;
};

} // namespace vw::server::messaging
