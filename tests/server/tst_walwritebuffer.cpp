#include "server/store/walwritebuffer.h"

#include <QByteArray>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <sys/wait.h>
#include <unistd.h>

using namespace vw::server::store;

namespace {

// Counts the writes that reach the real (unix) VFS for WAL files: installed as the default
// VFS before the WAL buffer, so the buffer stands in front of it. It reuses the unix file as
// it is and only swaps the method table for one whose xWrite counts.
class WalWriteCounter
{
public:
    static void install()
    {
        s_unix = sqlite3_vfs_find("unix");
        s_vfs = *s_unix;
        s_vfs.zName = "wal-write-counter";
        s_vfs.xOpen = open;
        s_vfs.pNext = nullptr;
        sqlite3_vfs_register(&s_vfs, 1);
    }
    static inline int walWrites = 0;
    static inline qint64 walBytes = 0;

private:
    static int open(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
    {
        const int rc = s_unix->xOpen(s_unix, name, file, flags, outFlags);
        if (rc != SQLITE_OK || !(flags & SQLITE_OPEN_WAL))
            return rc;
        if (!s_unixMethods) {
            s_unixMethods = file->pMethods;
            s_countingMethods = *file->pMethods;
            s_countingMethods.xWrite = write;
        }
        file->pMethods = &s_countingMethods;
        return rc;
    }
    static int write(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
    {
        ++walWrites;
        walBytes += amount;
        return s_unixMethods->xWrite(file, data, amount, offset);
    }

    static inline sqlite3_vfs *s_unix = nullptr;
    static inline sqlite3_vfs s_vfs {};
    static inline const sqlite3_io_methods *s_unixMethods = nullptr;
    static inline sqlite3_io_methods s_countingMethods {};
};

// A raw SQLite connection (through the default VFS, the WAL buffer) with the pragmas given.
class Connection
{
public:
    Connection(const QString &path, const char *synchronous)
    {
        sqlite3_open_v2(
            path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        exec("PRAGMA journal_mode=WAL");
        exec(QByteArray("PRAGMA synchronous=") + synchronous);
    }
    ~Connection() { sqlite3_close(m_db); }
    Q_DISABLE_COPY_MOVE(Connection)

    bool exec(const QByteArray &sql)
    {
        char *error = nullptr;
        const int rc = sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, &error);
        if (rc != SQLITE_OK)
            qWarning("%s: %s", sql.constData(), error ? error : "?");
        sqlite3_free(error);
        return rc == SQLITE_OK;
    }

    // The first column of the first row, as text ("" when there is none or it failed).
    QByteArray text(const QByteArray &sql)
    {
        sqlite3_stmt *statement = nullptr;
        QByteArray value;
        if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &statement, nullptr) == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW)
            value = reinterpret_cast<const char *>(sqlite3_column_text(statement, 0));
        sqlite3_finalize(statement);
        return value;
    }

    // Inserts rows [from, from + count) of `size` bytes each in one transaction.
    bool insertRows(int from, int count, int size)
    {
        return exec(
            QByteArray("BEGIN; WITH RECURSIVE n(i) AS (SELECT %1 UNION ALL SELECT i + 1 FROM n WHERE i < %2) "
                       "INSERT INTO rows (id, body) SELECT i, randomblob(%3) FROM n; COMMIT")
                .replace("%1", QByteArray::number(from))
                .replace("%2", QByteArray::number(from + count - 1))
                .replace("%3", QByteArray::number(size)));
    }

private:
    sqlite3 *m_db = nullptr;
};

// The synchronous settings a case runs under: FULL (ours: a sync at every commit) and NORMAL
// (no sync at commit, so only the WAL-index barrier writes the buffer out).
void addSynchronousRows()
{
    QTest::addColumn<QByteArray>("synchronous");
    QTest::newRow("FULL") << QByteArray("FULL");
    QTest::newRow("NORMAL") << QByteArray("NORMAL");
}

} // namespace

// The WAL write buffer (server/store/walwritebuffer.h) on real SQLite files: fewer writes, and
// nothing that SQLite relies on changes — what it syncs is on disk, what it publishes other
// connections can read, and a process that dies right after a commit leaves the commit behind.
class TestWalWriteBuffer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        WalWriteCounter::install();
        installWalWriteBuffer();
        QCOMPARE(QByteArray(sqlite3_vfs_find(nullptr)->zName), QByteArray("vytalwatch-wal-buffer"));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = m_dir->filePath(QStringLiteral("store.db"));
        Connection setup(m_path, "FULL");
        QVERIFY(setup.exec("CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)"));
    }

    void cleanup() { m_dir.reset(); }

    void aCommitReachesTheKernelInAFewLargeWrites()
    {
        Connection writer(m_path, "FULL");
        QVERIFY(writer.insertRows(0, 10, 100)); // the log's header is written: start after it
        WalWriteCounter::walWrites = 0;
        WalWriteCounter::walBytes = 0;
        QVERIFY(writer.insertRows(10, 100, 3000)); // ~100 pages: ~200 writes without the buffer
        const qint64 frames = WalWriteCounter::walBytes / (4096 + 24);
        QVERIFY2(frames >= 90, qPrintable(QString::number(frames)));
        // Written in pieces of under 128 KiB (what the unix VFS takes whole): ~4 of them.
        QVERIFY2(WalWriteCounter::walWrites <= WalWriteCounter::walBytes / (100 * 1024) + 2,
            qPrintable(
                QStringLiteral("%1 writes for %2 frames").arg(WalWriteCounter::walWrites).arg(frames)));
    }

    // Without a sync at commit the buffer would still hold the frames when SQLite tells other
    // connections about them; the WAL-index barrier writes them out first.
    void anotherConnectionReadsEveryCommitAtOnce_data() { addSynchronousRows(); }
    void anotherConnectionReadsEveryCommitAtOnce()
    {
        QFETCH(QByteArray, synchronous);
        Connection writer(m_path, synchronous.constData());
        Connection reader(m_path, synchronous.constData());
        for (int round = 0; round < 50; ++round) {
            QVERIFY(writer.insertRows(round * 20, 20, 1500));
            QCOMPARE(reader.text("SELECT count(*) FROM rows"), QByteArray::number((round + 1) * 20));
            QCOMPARE(reader.text("SELECT sum(length(body)) FROM rows"),
                QByteArray::number(qint64(round + 1) * 20 * 1500));
        }
    }

    // Bigger than the buffer, and than the page cache: SQLite spills pages into the log in the
    // middle of the transaction and reads them back from it.
    void aTransactionLargerThanTheBufferStaysWhole()
    {
        {
            Connection writer(m_path, "FULL");
            QVERIFY(writer.exec("PRAGMA cache_size=50"));
            QVERIFY(writer.insertRows(0, 3000, 3000)); // ~9 MiB in one transaction
            QCOMPARE(writer.text("SELECT count(*) FROM rows"), QByteArray("3000"));
        }
        Connection reopened(m_path, "FULL");
        QCOMPARE(reopened.text("PRAGMA integrity_check"), QByteArray("ok"));
        QCOMPARE(reopened.text("SELECT sum(length(body)) FROM rows"), QByteArray::number(3000 * 3000));
    }

    // Checkpoints let the log start over: the new header goes to offset 0, away from the
    // buffered frames, while a reader keeps reading.
    void theLogStartsOverWithoutLosingAFrame()
    {
        Connection writer(m_path, "FULL");
        Connection reader(m_path, "FULL");
        QVERIFY(writer.exec("PRAGMA wal_autocheckpoint=64"));
        for (int round = 0; round < 40; ++round) {
            QVERIFY(writer.insertRows(round * 50, 50, 2000));
            QCOMPARE(reader.text("SELECT count(*) FROM rows"), QByteArray::number((round + 1) * 50));
        }
        QVERIFY(writer.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
        QCOMPARE(reader.text("PRAGMA integrity_check"), QByteArray("ok"));
        QCOMPARE(reader.text("SELECT sum(length(body)) FROM rows"), QByteArray::number(40 * 50 * 2000));
    }

    // A process that dies right after COMMIT returned (no close, no flush at exit) leaves
    // the commit in the file: under FULL it was synced, under NORMAL it reached the kernel.
    void aCommitSurvivesTheProcessDyingRightAfterIt_data() { addSynchronousRows(); }
    void aCommitSurvivesTheProcessDyingRightAfterIt()
    {
        QFETCH(QByteArray, synchronous);
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            auto *writer = new Connection(m_path, synchronous.constData()); // never closed
            _exit(writer->insertRows(0, 40, 2000) ? 0 : 1);
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
        Connection survivor(m_path, "FULL");
        QCOMPARE(survivor.text("SELECT count(*) FROM rows"), QByteArray("40"));
        QCOMPARE(survivor.text("PRAGMA integrity_check"), QByteArray("ok"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestWalWriteBuffer)
#include "tst_walwritebuffer.moc"
