#include "server/store/batchscope.h"
#include "server/store/database.h"
#include "server/store/groupcommitter.h"
#include "server/store/sqlquery.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <memory>

using namespace vw;
using namespace vw::server::store;

namespace {

// A job that inserts one row into `notes`.
GroupCommitter::Job insertNote(int id)
{
    return [id](Database &database) {
        SqlQuery query(database, QStringLiteral("INSERT INTO notes (id, text) VALUES (?, ?)"));
        return query.exec({id, QStringLiteral("note %1").arg(id)});
    };
}

// Holds the writer inside a first job (inserting note `id`), as a slow fsync would, so that
// everything submitted until release() queues behind it and shares the next batch.
class WriterHold
{
public:
    WriterHold(GroupCommitter &committer, int id, GroupCommitter::Completion done)
    {
        committer.submit(
            [this, id](Database &database) {
                m_entered.release();
                m_released.acquire();
                return insertNote(id)(database);
            },
            std::move(done));
        m_entered.acquire();
    }
    void release() { m_released.release(); }

private:
    QSemaphore m_entered;
    QSemaphore m_released;
};

// Completion outcomes in the order they arrived, with the thread they ran on.
struct Completions
{
    QList<Status<StoreError>> statuses;
    QList<QThread *> threads;

    GroupCommitter::Completion record()
    {
        return [this](const Status<StoreError> &status) {
            statuses.append(status);
            threads.append(QThread::currentThread());
        };
    }
};

// A tally kept in table `tally`: jobs that allow deferral add to it in their batch's scope, and
// the scope writes the sum once per flush.
class DeferredTally : public BatchState
{
public:
    static inline int flushes = 0;
    int pending = 0;

    Status<StoreError> flush(Database &database) override
    {
        ++flushes;
        return addToTally(database, pending);
    }

    static Status<StoreError> addToTally(Database &database, int count)
    {
        SqlQuery query(database, QStringLiteral("UPDATE tally SET n = n + ?"));
        return query.exec({count});
    }
};

// One more on the tally: gathered in the batch's scope when there is one, written at once when not.
GroupCommitter::Job countOne()
{
    return [](Database &database) {
        if (BatchScope *batch = database.batchScope()) {
            ++batch->state<DeferredTally>().pending;
            return Status<StoreError> {};
        }
        return DeferredTally::addToTally(database, 1);
    };
}

// Writes the tally as it reads now into note `id`.
GroupCommitter::Job noteTheTally(int id)
{
    return [id](Database &database) {
        SqlQuery query(database, QStringLiteral("INSERT INTO notes (id, text) SELECT ?, n FROM tally"));
        return query.exec({id});
    };
}

} // namespace

// The group-commit writer on a real SQLite file (WAL, synchronous=FULL), checked from a
// second connection the way the network thread sees it.
class TestGroupCommitter : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto opened
            = Database::openSqlite(m_dir->filePath(QStringLiteral("store.db")), QStringLiteral("reader"));
        QVERIFY(opened);
        m_reader = std::move(opened).value();
        QVERIFY(m_reader->exec(
            QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")));
        QVERIFY(m_reader->exec(QStringLiteral("CREATE TABLE tally (n INTEGER NOT NULL)")));
        QVERIFY(m_reader->exec(QStringLiteral("INSERT INTO tally (n) VALUES (0)")));
        DeferredTally::flushes = 0;
        Database &reader = *m_reader;
        m_committer = std::make_unique<GroupCommitter>(
            [&reader] { return reader.openSibling(QStringLiteral("writer")); });
        QVERIFY(m_committer->start());
    }

    void cleanup()
    {
        m_committer.reset();
        m_reader.reset();
        m_dir.reset();
    }

    void aLoneWriteIsOnDiskWhenItsCompletionRuns()
    {
        bool visibleAtCompletion = false;
        bool done = false;
        m_committer->submit(insertNote(1), [&](const Status<StoreError> &status) {
            QVERIFY(status);
            visibleAtCompletion = noteIds() == QList<int> {1};
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY(visibleAtCompletion);
        QCOMPARE(m_committer->batchesCommitted(), 1u);
    }

    void writesThatQueueMeanwhileShareOneTransaction()
    {
        Completions completions;
        // The first job holds the writer, as a slow fsync would; everything after it queues.
        WriterHold hold(*m_committer, 0, completions.record());
        for (int id = 1; id <= 100; ++id)
            m_committer->submit(insertNote(id), completions.record());
        hold.release();
        QTRY_COMPARE(completions.statuses.size(), 101);
        for (const auto &status : completions.statuses)
            QVERIFY(status);
        QCOMPARE(noteIds().size(), 101);
        QCOMPARE(m_committer->batchesCommitted(), 2u); // one for the first job, one for the 100
        QCOMPARE(m_committer->jobsCommitted(), 101u);
    }

    void timingsFollowEveryBatchAndWrite()
    {
        Completions completions;
        WriterHold hold(*m_committer, 0, completions.record());
        for (int id = 1; id <= 100; ++id)
            m_committer->submit(insertNote(id), completions.record());
        // Everything queued waits at least this long for its outcome.
        QTest::qWait(60);
        hold.release();
        QTRY_COMPARE(completions.statuses.size(), 101);
        // Counted just after the completions are handed over, on the writer's thread.
        QTRY_COMPARE(m_committer->writeSeconds().snapshot().count, 101u);

        const auto batches = m_committer->batchWrites().snapshot();
        QCOMPARE(batches.count, 2u); // the held job alone, then the hundred
        QCOMPARE(batches.sum, 101.0);
        QCOMPARE(batches.upperBounds.front(), 1.0);
        QCOMPARE(batches.cumulativeCounts.front(), 1u);

        QCOMPARE(m_committer->commitSeconds().snapshot().count, 2u);
        QVERIFY(m_committer->commitSeconds().snapshot().sum > 0);

        // Measured from submit(), not from the start of the batch: none took under 50 ms.
        const auto writes = m_committer->writeSeconds().snapshot();
        QCOMPARE(writes.count, 101u);
        const auto under50ms = std::find(writes.upperBounds.cbegin(), writes.upperBounds.cend(), 0.05);
        QVERIFY(under50ms != writes.upperBounds.cend());
        QCOMPARE(writes.cumulativeCounts[static_cast<size_t>(under50ms - writes.upperBounds.cbegin())], 0u);
        QVERIFY(writes.sum >= 101 * 0.06);
    }

    void completionsRunOnTheCommittersThreadInOrder()
    {
        Completions completions;
        QList<int> order;
        for (int id = 1; id <= 20; ++id)
            m_committer->submit(insertNote(id), [&, id](const Status<StoreError> &) {
                order.append(id);
                completions.threads.append(QThread::currentThread());
            });
        QTRY_COMPARE(order.size(), 20);
        QList<int> expected;
        for (int id = 1; id <= 20; ++id)
            expected.append(id);
        QCOMPARE(order, expected);
        for (QThread *thread : completions.threads)
            QCOMPARE(thread, QThread::currentThread());
    }

    void aFailingJobIsRolledBackAloneAndTheRestCommits()
    {
        Completions completions;
        WriterHold hold(*m_committer, 1, completions.record());
        m_committer->submit(insertNote(2), completions.record());
        // Writes a row, then fails on a duplicate key: its own row must go too.
        m_committer->submit(
            [](Database &database) -> Status<StoreError> {
                if (auto first = insertNote(3)(database); !first)
                    return first;
                return insertNote(2)(database);
            },
            completions.record());
        m_committer->submit(insertNote(4), completions.record());
        hold.release();
        QTRY_COMPARE(completions.statuses.size(), 4);
        QVERIFY(completions.statuses.at(0));
        QVERIFY(completions.statuses.at(1));
        QVERIFY(!completions.statuses.at(2));
        QCOMPARE(completions.statuses.at(2).error().kind, StoreError::Kind::Conflict);
        QVERIFY(completions.statuses.at(3));
        QCOMPARE(noteIds(), (QList<int> {1, 2, 4}));
    }

    void aJobThatBreaksTheTransactionFailsItsWholeBatch()
    {
        Completions completions;
        WriterHold hold(*m_committer, 1, completions.record());
        m_committer->submit(insertNote(2), completions.record());
        // What SQLite does by itself on disk-full or I/O errors: the transaction is gone.
        m_committer->submit(
            [](Database &database) -> Status<StoreError> {
                if (auto rolledBack = database.exec(QStringLiteral("ROLLBACK")); !rolledBack)
                    return rolledBack;
                return StoreError {StoreError::Kind::QueryFailed, QStringLiteral("disk I/O error")};
            },
            completions.record());
        m_committer->submit(insertNote(4), completions.record());
        hold.release();
        QTRY_COMPARE(completions.statuses.size(), 4);
        // Job 1 committed in its own batch; job 2 was in the broken batch and must not be reported
        // as stored; job 4 never ran in it.
        QVERIFY(completions.statuses.at(0));
        QVERIFY(!completions.statuses.at(1));
        QVERIFY(!completions.statuses.at(2));
        QVERIFY(!completions.statuses.at(3));
        QCOMPARE(noteIds(), (QList<int> {1}));
        // The writer keeps working afterwards.
        bool done = false;
        m_committer->submit(insertNote(5), [&](const Status<StoreError> &status) { done = bool(status); });
        QTRY_VERIFY(done);
        QCOMPARE(noteIds(), (QList<int> {1, 5}));
    }

    // The search index (FTS5) flushes its pending rows into a new segment at every savepoint;
    // a batch that commits without error must reach it as ONE segment, not one per job.
    void aBatchReachesTheSearchIndexAsOneSegment()
    {
        QVERIFY(m_reader->exec(
            QStringLiteral("CREATE VIRTUAL TABLE words USING fts5(tokens, detail=none, tokenize='ascii')")));
        // No background merging, so the segments written are the segments counted.
        QVERIFY(m_reader->exec(QStringLiteral("INSERT INTO words (words, rank) VALUES ('automerge', 0)")));
        Completions completions;
        WriterHold hold(*m_committer, 0, completions.record());
        for (int id = 1; id <= 40; ++id) {
            m_committer->submit(
                [id](Database &database) -> Status<StoreError> {
                    SqlQuery indexed(database, QStringLiteral("INSERT INTO words (tokens) VALUES (?)"));
                    if (auto stored = indexed.exec({QStringLiteral("w%1 common").arg(id)}); !stored)
                        return stored;
                    return insertNote(id)(database);
                },
                completions.record());
        }
        hold.release();
        QTRY_COMPARE(completions.statuses.size(), 41);
        for (const auto &status : completions.statuses)
            QVERIFY(status);
        QCOMPARE(m_committer->batchesCommitted(), 2u);
        QCOMPARE(segmentCount(QStringLiteral("words")), 1);
    }

    // Jobs that allow deferral gather their writes in the batch's scope: written once before a
    // job that did not allow it (which must read them) and once before COMMIT.
    void deferredWritesAreFlushedBeforeAPlainJobAndAtTheEnd()
    {
        Completions completions;
        WriterHold hold(*m_committer, 100, completions.record());
        for (int i = 0; i < 3; ++i)
            m_committer->submit(countOne(), completions.record(), GroupCommitter::Deferral::Allowed);
        m_committer->submit(noteTheTally(1), completions.record());
        for (int i = 0; i < 2; ++i)
            m_committer->submit(countOne(), completions.record(), GroupCommitter::Deferral::Allowed);
        hold.release();
        QTRY_COMPARE(completions.statuses.size(), 7);
        for (const auto &status : completions.statuses)
            QVERIFY(status);
        QCOMPARE(m_committer->batchesCommitted(), 2u);
        QCOMPARE(noteText(1), QStringLiteral("3")); // the plain job saw the first three
        QCOMPARE(tally(), 5);
        QCOMPARE(DeferredTally::flushes, 2); // five increments, two UPDATEs
    }

    // When a job fails the batch runs again a savepoint per job, without a scope: the deferred
    // jobs then write at once, and the rolled-back first run leaves nothing behind.
    void deferredWritesOfAFailedBatchAreNotCountedTwice()
    {
        Completions completions;
        WriterHold hold(*m_committer, 1, completions.record());
        m_committer->submit(countOne(), completions.record(), GroupCommitter::Deferral::Allowed);
        m_committer->submit(insertNote(1), completions.record()); // duplicate: fails
        m_committer->submit(countOne(), completions.record(), GroupCommitter::Deferral::Allowed);
        hold.release();
        QTRY_COMPARE(completions.statuses.size(), 4);
        QVERIFY(completions.statuses.at(1));
        QVERIFY(!completions.statuses.at(2));
        QVERIFY(completions.statuses.at(3));
        QCOMPARE(tally(), 2);
    }

    void destructionFinishesWhatIsQueued()
    {
        WriterHold hold(*m_committer, 0, {});
        for (int id = 1; id <= 50; ++id)
            m_committer->submit(insertNote(id), {});
        hold.release();
        m_committer.reset();
        QCOMPARE(noteIds().size(), 51);
    }

    void aConnectionThatCannotOpenFailsStart()
    {
        GroupCommitter broken([] {
            return Result<std::unique_ptr<Database>, StoreError>(
                StoreError {StoreError::Kind::OpenFailed, QStringLiteral("no such store")});
        });
        auto started = broken.start();
        QVERIFY(!started);
        QCOMPARE(started.error().detail, QStringLiteral("no such store"));
    }

private:
    // Segments in an FTS5 table's structure record (fts5_structure is not compiled into
    // Debian's SQLite, so count the segment rows of the index: one or more per segment).
    int segmentCount(const QString &table)
    {
        SqlQuery query(*m_reader, QStringLiteral("SELECT count(DISTINCT segid) FROM %1_idx").arg(table));
        if (!query.exec({}) || !query.next())
            return -1;
        return query.value(0).toInt();
    }

    QList<int> noteIds()
    {
        SqlQuery query(*m_reader, QStringLiteral("SELECT id FROM notes ORDER BY id"));
        if (!query.exec({}))
            return {-1};
        QList<int> ids;
        while (query.next())
            ids.append(query.value(0).toInt());
        return ids;
    }

    QString noteText(int id)
    {
        SqlQuery query(*m_reader, QStringLiteral("SELECT text FROM notes WHERE id = ?"));
        if (!query.exec({id}) || !query.next())
            return {};
        return query.value(0).toString();
    }

    int tally()
    {
        SqlQuery query(*m_reader, QStringLiteral("SELECT n FROM tally"));
        if (!query.exec({}) || !query.next())
            return -1;
        return query.value(0).toInt();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_reader;
    std::unique_ptr<GroupCommitter> m_committer;
};

QTEST_GUILESS_MAIN(TestGroupCommitter)
#include "tst_groupcommitter.moc"
