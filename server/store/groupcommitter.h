#pragma once

#include "common/core/result.h"
#include "server/metrics/histogram.h"
#include "server/store/storeerror.h"

#include <QObject>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace vw::server::store {

class Database;

// Group commit: the network thread hands writes over and goes on; one writer thread, on its
// own connection, runs every write that queued up while the previous commit was reaching the
// disk inside ONE transaction (one fsync for the lot), then reports each write's outcome back
// on the thread that created the committer.
//
// Why this shape: SQLite commits ~3,700 single-row transactions/s here (fsync-bound) but
// hundreds of thousands of rows/s when they share a transaction. Batching "whatever arrived
// meanwhile" adds no delay when idle (a lone write commits at once) and grows the batches
// exactly when load grows.
//
// A job that fails (a duplicate clientMessageId, say) fails alone: the rest of its batch still
// commits. The batch first runs as one plain transaction; only when a job fails is it rolled
// back and run again with a SAVEPOINT per job. Savepoints were kept off the common path
// because, while the search index was written in the batch, each one (and each statement
// journal) made SQLite's FTS5 flush its pending rows: a segment per message instead of one per
// batch; the index is written elsewhere now (messaging::SearchIndexer), and the plain
// transaction still spares a statement per job. Hence: a job may run twice, so it must
// depend only on what it captured and on the database. A job's completion is called only after
// COMMIT returned, so "done" always means "on disk": callers acknowledge to clients from the
// completion, never earlier.
class GroupCommitter : public QObject
{
    Q_OBJECT
public:
    // Work on the writer's connection, inside the batch transaction. It must not begin or
    // commit transactions of its own. Runs on the writer thread, possibly twice (see above):
    // capture by value.
    using Job = std::function<Status<StoreError>(Database &)>;
    // The job's outcome, called on the committer's thread after the batch committed (or failed).
    using Completion = std::function<void(const Status<StoreError> &)>;
    // Whether a job may leave writes to the end of its batch and reuse what earlier jobs of
    // the batch read (Database::batchScope(), batchscope.h). Allowed only for jobs that read
    // nothing a gathered write would change: a message send, a delivery receipt. Every other
    // job runs after the gathered writes are flushed.
    enum class Deferral { None, Allowed };
    // Opens the writer's connection; called once, on the writer thread.
    using ConnectionFactory = std::function<Result<std::unique_ptr<Database>, StoreError>()>;

    // At most this many jobs share one transaction, which bounds the latency of a batch.
    static constexpr int kMaxBatchJobs = 2000;

    explicit GroupCommitter(ConnectionFactory openConnection, QObject *parent = nullptr);
    // Runs what is still queued (their completions are not called), then stops the thread.
    ~GroupCommitter() override;

    // Waits for the writer's connection; false (with the reason) when it could not be opened.
    Status<StoreError> start();

    // Queues `job`; `done` follows on this object's thread. Thread-safe.
    void submit(Job job, Completion done, Deferral deferral = Deferral::None);

    // Counters for /metrics and tests (read on any thread).
    quint64 batchesCommitted() const;
    quint64 jobsCommitted() const;
    // Where a write's time goes, for /metrics and the load generator's report (observed on the
    // writer thread, read on any). Each COMMIT: the WAL write, its fsync, and SQLite's own
    // checkpoint when one falls due — the writer's stalls show here first.
    const metrics::Histogram &commitSeconds() const { return m_commitSeconds; }
    // Writes per transaction: how well the batching amortises the fsync.
    const metrics::Histogram &batchWrites() const { return m_batchWrites; }
    // Per write, from submit() to its outcome being known (as its completion is handed to the
    // committer's thread): the server's share of an acknowledgement's latency that the disk
    // decides.
    const metrics::Histogram &writeSeconds() const { return m_writeSeconds; }

private:
    using Clock = std::chrono::steady_clock;
    struct Pending
    {
        Job job;
        Completion done;
        Deferral deferral;
        Clock::time_point queuedAt;
    };
    struct Outcome
    {
        Completion done;
        Status<StoreError> status;
    };

    class BatchStatements;

    void run();
    std::vector<Outcome> commitBatch(
        BatchStatements &statements, Database &database, std::vector<Pending> &batch);
    // The fast path: all jobs in one transaction. False (and rolled back) if any job failed.
    bool commitWhole(BatchStatements &statements, Database &database, std::vector<Pending> &batch);
    // The careful path: a savepoint per job, so failed jobs are rolled back alone.
    std::vector<Status<StoreError>> commitJobByJob(
        BatchStatements &statements, Database &database, std::vector<Pending> &batch);
    // COMMIT, timed into commitSeconds().
    Status<StoreError> commit(BatchStatements &statements);
    void countCommitted(size_t jobs);
    void deliver(std::vector<Outcome> outcomes);

    ConnectionFactory m_openConnection;
    mutable std::mutex m_mutex;
    std::condition_variable m_wakeWriter;
    std::condition_variable m_started;
    std::deque<Pending> m_queue;
    bool m_stopping = false;
    bool m_ready = false;
    std::optional<StoreError> m_openError;
    quint64 m_batches = 0;
    quint64 m_jobs = 0;
    metrics::Histogram m_commitSeconds;
    metrics::Histogram m_batchWrites;
    metrics::Histogram m_writeSeconds;
    std::thread m_thread;
};

} // namespace vw::server::store
