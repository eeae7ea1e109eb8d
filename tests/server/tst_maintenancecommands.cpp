#include "common/core/clock.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/cli/commanddispatch.h"
#include "server/core/storebootstrap.h"
#include "server/store/sqlquery.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace vw::server;

namespace {

struct CommandRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

CommandRun run(QStringList arguments)
{
    arguments.prepend(QStringLiteral("vytalwatch-server"));
    CommandRun result;
    QString input;
    QTextStream in(&input);
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.exitCode = cli::runMaintenanceCommand(arguments, in, out, err).value_or(-100);
    out.flush();
    err.flush();
    return result;
}

} // namespace

// `audit verify` and `backup` as an operator runs them, on a real store.
class TestMaintenanceCommands : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_dataDir = m_dir->filePath(QStringLiteral("data"));
    }

    void serveIsNotAMaintenanceCommand()
    {
        QString none;
        QTextStream in(&none), out(&none), err(&none);
        QCOMPARE(cli::runMaintenanceCommand(
                     {QStringLiteral("vytalwatch-server"), QStringLiteral("--port"), QStringLiteral("0")}, in,
                     out, err),
            std::nullopt);
        QCOMPARE(cli::runMaintenanceCommand(
                     {QStringLiteral("vytalwatch-server"), QStringLiteral("serve")}, in, out, err),
            std::nullopt);
    }

    void unknownSubcommandIsAUsageError()
    {
        const auto result = run({QStringLiteral("audit"), QStringLiteral("shred")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(QStringLiteral("audit shred")));
    }

    void auditVerifyOnMissingStoreCreatesNothing()
    {
        const auto result = run(
            {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), m_dataDir});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.err.contains(QStringLiteral("no store")));
        QVERIFY(!QFile::exists(m_dataDir));
    }

    void auditVerifyFindsATamperedRow()
    {
        seedAuditTrail(4);
        auto intact = run(
            {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), m_dataDir});
        QCOMPARE(intact.exitCode, 0);
        QVERIFY(intact.out.contains(QStringLiteral("4 entries")));

        QString tamperedId;
        {
            auto opened = StoreBootstrap::open(m_dataDir, {}, {}, QStringLiteral("tamper"));
            QVERIFY(opened.ok());
            store::SqlQuery select(
                *opened.value().database, QStringLiteral("SELECT id FROM audit_log WHERE seq = 2"));
            QVERIFY(select.exec().ok() && select.next());
            tamperedId = select.value(0).toString();
            store::SqlQuery edit(*opened.value().database,
                QStringLiteral("UPDATE audit_log SET actor_id = 'mallory' WHERE seq = 2"));
            QVERIFY(edit.exec().ok());
        }
        auto broken = run(
            {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), m_dataDir});
        QCOMPARE(broken.exitCode, 3);
        QVERIFY2(broken.out.contains(tamperedId), qPrintable(broken.out));
    }

    void backupIsAConsistentReadableCopy()
    {
        seedAuditTrail(3);
        const QString target = m_dir->filePath(QStringLiteral("copy.db"));
        auto result = run({QStringLiteral("backup"), QStringLiteral("--to"), target,
            QStringLiteral("--data-dir"), m_dataDir});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(QFile::exists(target));
        QCOMPARE(QFile::permissions(target) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
            QFileDevice::Permissions());

        // The copy is a working store: move it into a fresh data dir with the same key.
        const QString restored = m_dir->filePath(QStringLiteral("restored"));
        QVERIFY(QDir().mkpath(restored));
        QVERIFY(QFile::copy(
            target, QDir(restored).filePath(QString::fromLatin1(StoreBootstrap::kDatabaseFileName))));
        QVERIFY(QFile::copy(QDir(m_dataDir).filePath(QStringLiteral("master.key")),
            QDir(restored).filePath(QStringLiteral("master.key"))));
        auto verify = run(
            {QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data-dir"), restored});
        QCOMPARE(verify.exitCode, 0);
        QVERIFY(verify.out.contains(QStringLiteral("3 entries")));

        // A second backup never overwrites an existing file.
        result = run({QStringLiteral("backup"), QStringLiteral("--to"), target, QStringLiteral("--data-dir"),
            m_dataDir});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.err.contains(QStringLiteral("already exists")));
    }

    void backupNeedsATarget()
    {
        QCOMPARE(run({QStringLiteral("backup"), QStringLiteral("--data-dir"), m_dataDir}).exitCode, 2);
    }

private:
    void seedAuditTrail(int entries)
    {
        auto opened = StoreBootstrap::open(m_dataDir, {}, {}, QStringLiteral("seed"));
        QVERIFY(opened.ok());
        vw::SystemClock clock;
        audit::AuditLog log(*opened.value().database, clock);
        for (int i = 0; i < entries; ++i) {
            audit::AuditRecord record;
            record.action = audit::actions::kLogin;
            record.actorId = QStringLiteral("user-%1").arg(i);
            QVERIFY(log.record(record).ok());
        }
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dataDir;
};

QTEST_GUILESS_MAIN(TestMaintenanceCommands)
#include "tst_maintenancecommands.moc"
