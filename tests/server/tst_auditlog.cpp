#include "server/audit/auditactions.h"
#include "server/audit/auditchain.h"
#include "server/audit/auditlog.h"
#include "server/store/batchscope.h"
#include "server/store/database.h"
#include "server/store/migrations.h"
#include "server/store/sqlquery.h"
#include "server/store/transaction.h"
#include "tests/support/manualclock.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vw::server;
using namespace vw::server::audit;

// The audit trail on a real SQLite store: appends chain, rows edited or removed with plain
// SQL are found, and a record made inside a rolled-back transaction leaves no trace.
class TestAuditLog : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto db = store::Database::openSqlite(
            m_dir->filePath(QStringLiteral("audit.db")), QStringLiteral("audit"));
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        QVERIFY(store::Migrator(*m_db).migrate().ok());
        m_log = std::make_unique<AuditLog>(*m_db, m_clock);
    }

    void cleanup()
    {
        m_log.reset();
        m_db.reset();
    }

    void recordsChainAndVerify()
    {
        appendSome(5);
        const auto verification = m_log->verify();
        QVERIFY(verification.ok());
        QVERIFY(verification.value().ok);
        QCOMPARE(verification.value().entries, 5);

        const auto newest = m_log->find(AuditQuery {});
        QVERIFY(newest.ok());
        QCOMPARE(newest.value().size(), 5);
        QCOMPARE(newest.value().first().seq, 5);
        QCOMPARE(newest.value().first().details.value(QStringLiteral("n")).toInt(), 4);
        QCOMPARE(newest.value().first().prevHash, newest.value().at(1).hash);
    }

    // In a group-commit batch the chain's tail is read once and carried from entry to entry;
    // the chain stays whole across the batch and after it.
    void aBatchCarriesTheChainsTailFromEntryToEntry()
    {
        appendSome(2);
        {
            store::Transaction transaction(*m_db);
            QVERIFY(transaction.isActive());
            store::BatchScope batch;
            m_db->setBatchScope(&batch);
            appendSome(4);
            m_db->setBatchScope(nullptr);
            QVERIFY(batch.flush(*m_db).ok());
            QVERIFY(transaction.commit().ok());
        }
        appendSome(1);
        const auto verification = m_log->verify();
        QVERIFY(verification.ok());
        QVERIFY(verification.value().ok);
        QCOMPARE(verification.value().entries, 7);
    }

    void filters()
    {
        appendSome(6);
        AuditQuery byActor;
        byActor.actorId = QStringLiteral("actor-1");
        QCOMPARE(m_log->find(byActor).value().size(), 3);
        AuditQuery byAction;
        byAction.action = actions::kLogin;
        QCOMPARE(m_log->find(byAction).value().size(), 2);
        AuditQuery limited;
        limited.limit = 2;
        QCOMPARE(m_log->find(limited).value().size(), 2);
        AuditQuery window;
        window.from = m_start.addSecs(2);
        window.to = m_start.addSecs(3);
        QCOMPARE(m_log->find(window).value().size(), 2);
    }

    void editedRowIsDetected()
    {
        appendSome(5);
        store::SqlQuery edit(*m_db, QStringLiteral("UPDATE audit_log SET outcome = 'denied' WHERE seq = 3"));
        QVERIFY(edit.exec().ok());
        const QString editedId = idOf(3);
        const auto verification = m_log->verify();
        QVERIFY(verification.ok());
        QVERIFY(!verification.value().ok);
        QCOMPARE(verification.value().firstBadId, editedId);
    }

    void deletedRowIsDetected()
    {
        appendSome(5);
        const QString nextId = idOf(3);
        store::SqlQuery remove(*m_db, QStringLiteral("DELETE FROM audit_log WHERE seq = 2"));
        QVERIFY(remove.exec().ok());
        const auto verification = m_log->verify();
        QVERIFY(!verification.value().ok);
        QCOMPARE(verification.value().firstBadId, nextId);
    }

    // The send path serialises an entry's details on the network thread: the row and its hash
    // must be exactly what append() makes from the details itself.
    void detailsSerialisedAheadGiveTheSameRow()
    {
        AuditRecord record;
        record.action = actions::kMessageSend;
        record.actorId = QStringLiteral("actor-1");
        record.details
            = QJsonObject {{QStringLiteral("length"), 12}, {QStringLiteral("type"), QStringLiteral("text")}};
        AuditRecord ahead = record;
        ahead.detailsText = AuditChain::detailsText(record.details);
        m_clock.setNowUtc(m_start);
        QVERIFY(m_log->record(record).ok());
        QVERIFY(m_log->record(ahead).ok());
        const auto verification = m_log->verify();
        QVERIFY(verification.value().ok);
        QCOMPARE(verification.value().entries, 2);
        const auto entries = m_log->find(AuditQuery {});
        QCOMPARE(entries.value().size(), 2);
        QCOMPARE(entries.value().at(0).details, record.details);
        QCOMPARE(entries.value().at(1).details, record.details);
    }

    void rolledBackRecordLeavesNoTrace()
    {
        appendSome(2);
        {
            store::Transaction transaction(*m_db);
            QVERIFY(transaction.isActive());
            QVERIFY(m_log
                        ->record(AuditRecord {actions::kMessageSend, AuditOutcome::Success,
                            QStringLiteral("actor-9"), {}, {}, {}, {}, {}})
                        .ok());
            // no commit: the change this row described did not happen
        }
        appendSome(1);
        const auto verification = m_log->verify();
        QVERIFY(verification.value().ok);
        QCOMPARE(verification.value().entries, 3);
    }

private:
    void appendSome(int count)
    {
        for (int i = 0; i < count; ++i) {
            m_clock.setNowUtc(m_start.addSecs(i));
            AuditRecord record;
            record.action = i % 3 == 0 ? actions::kLogin : actions::kMessageSend;
            record.outcome = i % 2 ? AuditOutcome::Denied : AuditOutcome::Success;
            record.actorId = QStringLiteral("actor-%1").arg(i % 2);
            record.targetType = QStringLiteral("message");
            record.targetId = QStringLiteral("m-%1").arg(i);
            record.client = {QStringLiteral("127.0.0.1"), QStringLiteral("test")};
            record.details = QJsonObject {{QStringLiteral("n"), i}};
            QVERIFY(m_log->record(record).ok());
        }
    }

    QString idOf(qint64 seq)
    {
        store::SqlQuery query(*m_db, QStringLiteral("SELECT id FROM audit_log WHERE seq = ?"));
        if (!query.exec({seq}).ok() || !query.next())
            return {};
        return query.value(0).toString();
    }

    const QDateTime m_start = QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC);
    vw::test::ManualClock m_clock {m_start};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<AuditLog> m_log;
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
