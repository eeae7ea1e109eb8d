#include "server/store/database.h"
#include "server/store/sqlquery.h"
#include "server/store/walcheckpointer.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace vw::server::store;

// The checkpointer on a real SQLite file whose writer has automatic checkpoints off, so every
// page that reaches the database file was copied by the checkpointer. (The server's writer
// keeps its own bounded automatic checkpoint: without it the WAL outgrew 1 GB under load.)
class TestWalCheckpointer : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = m_dir->filePath(QStringLiteral("store.db"));
        auto opened = Database::openSqlite(m_path, QStringLiteral("writer"));
        QVERIFY(opened);
        m_writer = std::move(opened).value();
        QVERIFY(m_writer->exec(QStringLiteral("PRAGMA wal_autocheckpoint=0")));
        QVERIFY(m_writer->exec(
            QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, text BLOB NOT NULL)")));
    }

    void cleanup()
    {
        m_writer.reset();
        m_dir.reset();
    }

    void passiveCheckpointsCopyTheLogIntoTheDatabaseFile()
    {
        writeRows(0, 3000); // ~3 MiB of WAL, none of it in the database file yet
        QVERIFY(walBytes() > 2 * 1024 * 1024);
        const qint64 before = QFileInfo(m_path).size();
        WalCheckpointer checkpointer(opener(), 20);
        QVERIFY(checkpointer.start());
        QTRY_VERIFY(QFileInfo(m_path).size() > before + 2 * 1024 * 1024);
        // The writer goes on meanwhile: a passive checkpoint never takes its lock.
        writeRows(3000, 100);
        QCOMPARE(rowCount(), 3100);
    }

    void theLogStartsOverOnceCopied()
    {
        writeRows(0, 2000);
        QVERIFY(logFrames() > 500);
        WalCheckpointer checkpointer(opener(), 20);
        QVERIFY(checkpointer.start());
        // Once everything is copied, the writer's next transaction writes from the log's start
        // again: without checkpoints (the writer's own are off) the log would only grow.
        QTRY_VERIFY([this] {
            writeRows(rowCount(), 1);
            return logFrames() < 50;
        }());
        QVERIFY(rowCount() > 2000);
    }

    void aStoreThatCannotBeOpenedFailsStart()
    {
        WalCheckpointer checkpointer([] {
            return vw::Result<std::unique_ptr<Database>, StoreError>(
                StoreError {StoreError::Kind::OpenFailed, QStringLiteral("gone")});
        });
        QVERIFY(!checkpointer.start());
    }

private:
    WalCheckpointer::ConnectionFactory opener()
    {
        return [this] { return m_writer->openSibling(QStringLiteral("checkpointer")); };
    }

    void writeRows(int first, int count)
    {
        const QByteArray text(1000, 'x');
        QVERIFY(m_writer->exec(QStringLiteral("BEGIN")));
        for (int id = first; id < first + count; ++id) {
            SqlQuery insert(*m_writer, QStringLiteral("INSERT INTO notes (id, text) VALUES (?, ?)"));
            QVERIFY(insert.exec({id, text}));
        }
        QVERIFY(m_writer->exec(QStringLiteral("COMMIT")));
    }

    int rowCount()
    {
        SqlQuery count(*m_writer, QStringLiteral("SELECT COUNT(*) FROM notes"));
        return count.exec({}) && count.next() ? count.value(0).toInt() : -1;
    }

    qint64 walBytes() const { return QFileInfo(m_path + QStringLiteral("-wal")).size(); }

    // Frames in the log, as the writer sees it (a PASSIVE checkpoint that copies nothing new).
    qint64 logFrames()
    {
        QSqlQuery query(m_writer->connection());
        if (!query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) || !query.next())
            return -1;
        return query.value(1).toLongLong();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Database> m_writer;
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
