#pragma once

#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vw::server::store {

// Makes the group-commit writer's commits durable beside it, so the writer can run the next
// batch while the last one's fsync is under way (a pipelined group commit).
//
// The writer's connection runs with synchronous=NORMAL: its COMMIT writes the WAL frames but
// does not wait for the disk. SQLite guarantees a consistent database after a crash in that
// mode (a transaction whose frames did not all reach the disk is rolled back on recovery); the
// durability of acknowledged writes comes from here: after each COMMIT the writer hands over
// the batch's completions, this thread calls fdatasync() on the WAL file, and only then are
// they run (and clients acknowledged). Frames are appended in commit order, so one fdatasync
// covers every batch committed before it started: batches that queue up during a sync share
// the next one.
//
// Before: the writer sat idle through every commit's fdatasync (1–18 ms on this virtual
// disk), and the network thread sat idle waiting for acknowledgements.
class WalSyncer
{
public:
    // Makes everything written to the WAL so far durable; false with the reason when the disk
    // refused (the writes may then be lost).
    using SyncFunction = std::function<bool(QString &error)>;
    // Runs on the syncer's thread once the sync that covers it returned.
    using Then = std::function<void(bool durable)>;

    // fdatasync() of the WAL file at `walPath` (reopened should SQLite ever replace it).
    static SyncFunction fdatasyncOf(const QString &walPath);

    explicit WalSyncer(SyncFunction sync);
    // Syncs and runs what is still queued, then stops.
    ~WalSyncer();
    Q_DISABLE_COPY_MOVE(WalSyncer)

    // Queues `then` behind everything written before this call. Thread-safe.
    void afterSync(Then then);

private:
    void run();

    SyncFunction m_sync;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Then> m_waiting;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace vw::server::store
