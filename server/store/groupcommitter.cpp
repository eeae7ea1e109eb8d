#include "server/store/groupcommitter.h"

#include "server/core/threadname.h"
#include "server/store/batchscope.h"
#include "server/store/database.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

namespace vw::server::store {

namespace {
Q_LOGGING_CATEGORY(lcCommitter, "vw.store.committer")
}

// The transaction statements, prepared once on the writer's connection: they run for every
// job, so re-parsing them each time would be measurable.
class GroupCommitter::BatchStatements
{
public:
    explicit BatchStatements(Database &database)
        : m_begin(database.connection()),
          m_commit(database.connection()),
          m_rollback(database.connection()),
          m_savepoint(database.connection()),
          m_release(database.connection()),
          m_rollbackTo(database.connection())
    {
        // IMMEDIATE takes the write lock up front, so another connection's writer (a login on
        // the network thread) waits on the busy timeout instead of failing mid-transaction.
        m_begin.prepare(database.dialect() == SqlDialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                                                 : QStringLiteral("BEGIN"));
        m_commit.prepare(QStringLiteral("COMMIT"));
        m_rollback.prepare(QStringLiteral("ROLLBACK"));
        m_savepoint.prepare(QStringLiteral("SAVEPOINT job"));
        m_release.prepare(QStringLiteral("RELEASE SAVEPOINT job"));
        m_rollbackTo.prepare(QStringLiteral("ROLLBACK TO SAVEPOINT job"));
    }

    Status<StoreError> begin() { return run(m_begin); }
    Status<StoreError> commit() { return run(m_commit); }
    void rollback()
    {
        // After a failed COMMIT or a broken batch there may be nothing left to roll back.
        if (auto rolledBack = run(m_rollback); !rolledBack)
            qCDebug(lcCommitter) << "rollback:" << rolledBack.error().detail;
    }
    Status<StoreError> savepoint() { return run(m_savepoint); }
    Status<StoreError> release() { return run(m_release); }
    Status<StoreError> rollbackTo() { return run(m_rollbackTo); }

private:
    static Status<StoreError> run(QSqlQuery &query)
    {
        if (query.exec())
            return {};
        return StoreError {StoreError::Kind::QueryFailed, query.lastError().text()};
    }

    QSqlQuery m_begin;
    QSqlQuery m_commit;
    QSqlQuery m_rollback;
    QSqlQuery m_savepoint;
    QSqlQuery m_release;
    QSqlQuery m_rollbackTo;
};

GroupCommitter::GroupCommitter(ConnectionFactory openConnection, QObject *parent)
    : QObject(parent),
      m_openConnection(std::move(openConnection)),
      // A fast fsync here is ~0.2 ms; the stalls worth seeing are 2-50 ms.
      m_commitSeconds({0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}),
      m_batchWrites({1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, kMaxBatchJobs}),
      m_writeSeconds({0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5})
{ }

GroupCommitter::~GroupCommitter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wakeWriter.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

Status<StoreError> GroupCommitter::start()
{
    m_thread = std::thread([this] {
        nameCurrentThread("vw-writer");
        run();
    });
    std::unique_lock lock(m_mutex);
    m_started.wait(lock, [this] { return m_ready || m_openError; });
    if (m_openError)
        return *m_openError;
    return {};
}

void GroupCommitter::submit(Job job, Completion done, Deferral deferral)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(Pending {std::move(job), std::move(done), deferral, Clock::now()});
    }
    m_wakeWriter.notify_one();
}

quint64 GroupCommitter::batchesCommitted() const
{
    std::lock_guard lock(m_mutex);
    return m_batches;
}

quint64 GroupCommitter::jobsCommitted() const
{
    std::lock_guard lock(m_mutex);
    return m_jobs;
}

void GroupCommitter::run()
{
    auto opened = m_openConnection();
    {
        std::lock_guard lock(m_mutex);
        if (opened)
            m_ready = true;
        else
            m_openError = opened.error();
    }
    m_started.notify_all();
    if (!opened)
        return;
    std::unique_ptr<Database> database = std::move(opened).value();

    auto statements = std::make_unique<BatchStatements>(*database);
    std::vector<Pending> batch;
    batch.reserve(kMaxBatchJobs);
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wakeWriter.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                break; // stopping, and everything queued was written
            while (!m_queue.empty() && batch.size() < static_cast<size_t>(kMaxBatchJobs)) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        deliver(commitBatch(*statements, *database, batch));
        // Counted after the completions are on their way, so the bookkeeping delays none.
        const Clock::time_point decided = Clock::now();
        m_batchWrites.observe(static_cast<double>(batch.size()));
        for (const Pending &pending : batch)
            m_writeSeconds.observe(std::chrono::duration<double>(decided - pending.queuedAt).count());
        batch.clear();
    }
    // The connection belongs to this thread: close it here, after its queries.
    statements.reset();
    database.reset();
}

bool GroupCommitter::commitWhole(BatchStatements &statements, Database &database, std::vector<Pending> &batch)
{
    if (!statements.begin())
        return false;
    BatchScope scope;
    const auto abandon = [&] {
        database.setBatchScope(nullptr);
        scope.discard();
        statements.rollback();
        return false;
    };
    for (Pending &pending : batch) {
        if (pending.deferral == Deferral::Allowed) {
            database.setBatchScope(&scope);
        } else {
            // This job may read what the gathered writes change: write them first.
            database.setBatchScope(nullptr);
            if (!scope.flush(database))
                return abandon();
        }
        if (!pending.job(database))
            return abandon();
    }
    database.setBatchScope(nullptr);
    if (!scope.flush(database))
        return abandon();
    if (!commit(statements)) {
        statements.rollback();
        return false;
    }
    return true;
}

std::vector<GroupCommitter::Outcome> GroupCommitter::commitBatch(
    BatchStatements &statements, Database &database, std::vector<Pending> &batch)
{
    const auto outcomesOf = [&batch](auto statusOf) {
        std::vector<Outcome> outcomes;
        outcomes.reserve(batch.size());
        for (size_t i = 0; i < batch.size(); ++i)
            outcomes.push_back(Outcome {std::move(batch[i].done), statusOf(i)});
        return outcomes;
    };
    if (commitWhole(statements, database, batch)) {
        countCommitted(batch.size());
        return outcomesOf([](size_t) { return Status<StoreError> {}; });
    }
    // Something failed and nothing of the batch is on disk: run it again the careful way.
    std::vector<Status<StoreError>> statuses = commitJobByJob(statements, database, batch);
    return outcomesOf([&](size_t i) { return statuses[i]; });
}

std::vector<Status<StoreError>> GroupCommitter::commitJobByJob(
    BatchStatements &statements, Database &database, std::vector<Pending> &batch)
{
    std::vector<Status<StoreError>> statuses;
    statuses.reserve(batch.size());
    // Nothing of the batch is on disk: every job fails, with its own error when it had one.
    const auto failAll = [&](const StoreError &error) {
        for (Status<StoreError> &status : statuses) {
            if (status)
                status = error;
        }
        statuses.resize(batch.size(), error);
        return statuses;
    };

    if (auto begun = statements.begin(); !begun) {
        qCWarning(lcCommitter) << "cannot begin a batch:" << begun.error().detail;
        return failAll(begun.error());
    }
    size_t succeeded = 0;
    for (Pending &pending : batch) {
        if (auto opened = statements.savepoint(); !opened) {
            statements.rollback();
            return failAll(opened.error());
        }
        Status<StoreError> status = pending.job(database);
        if (status) {
            if (auto released = statements.release(); !released) {
                statements.rollback();
                return failAll(released.error());
            }
            ++succeeded;
        } else if (!statements.rollbackTo() || !statements.release()) {
            // SQLite rolls the whole transaction back on some errors (disk full, I/O): then the
            // savepoint is gone and nothing of this batch is on disk.
            qCWarning(lcCommitter) << "a failed job took its batch with it:" << status.error().detail;
            statements.rollback();
            const StoreError error = status.error();
            statuses.push_back(std::move(status));
            return failAll(error);
        }
        statuses.push_back(std::move(status));
    }
    if (auto committed = commit(statements); !committed) {
        qCWarning(lcCommitter) << "cannot commit a batch of" << batch.size()
                               << "jobs:" << committed.error().detail;
        statements.rollback();
        return failAll(committed.error());
    }
    countCommitted(succeeded);
    return statuses;
}

Status<StoreError> GroupCommitter::commit(BatchStatements &statements)
{
    const Clock::time_point started = Clock::now();
    Status<StoreError> committed = statements.commit();
    m_commitSeconds.observe(std::chrono::duration<double>(Clock::now() - started).count());
    return committed;
}

void GroupCommitter::countCommitted(size_t jobs)
{
    std::lock_guard lock(m_mutex);
    ++m_batches;
    m_jobs += jobs;
}

void GroupCommitter::deliver(std::vector<Outcome> outcomes)
{
    // One queued call per batch, not per job: the network thread wakes once for the lot.
    QMetaObject::invokeMethod(
        this,
        [outcomes = std::move(outcomes)] {
            for (const Outcome &outcome : outcomes) {
                if (outcome.done)
                    outcome.done(outcome.status);
            }
        },
        Qt::QueuedConnection);
}

} // namespace vw::server::store
