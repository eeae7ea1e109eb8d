#include "common/crypto/passwordhasher.h"
#include "server/cli/useraddcommand.h"
#include "server/core/storebootstrap.h"
#include "server/users/userrepository.h"

#include <QTemporaryDir>
#include <QTest>

using vw::server::cli::runUserAddCommand;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QStringList &options, const QString &stdinText)
{
    QString input = stdinText;
    QTextStream in(&input, QIODevice::ReadOnly);
    Run result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.exitCode = runUserAddCommand(
        QStringList {QStringLiteral("vytalwatch-server user add")} + options, in, out, err);
    out.flush();
    err.flush();
    return result;
}

} // namespace

// `vytalwatch-server user add`: creates the account in the data dir's store, prints its id,
// reads the password from stdin only, and reports usage errors (2) and failures (1).
class TestUserAddCommand : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_dataDir = m_dir->filePath(QStringLiteral("data"));
    }

    void createsUser()
    {
        const Run result = run(
            {QStringLiteral("--username"), QStringLiteral("Nurse.Joy"), QStringLiteral("--role"),
                QStringLiteral("provider"), QStringLiteral("--display-name"), QStringLiteral("Nurse Joy"),
                QStringLiteral("--password-stdin"), QStringLiteral("--data-dir"), m_dataDir},
            QStringLiteral("pokemon center 42\nignored second line\n"));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QUuid id = QUuid::fromString(result.out.trimmed());
        QVERIFY(!id.isNull());
        QVERIFY(!result.out.contains(QStringLiteral("pokemon")));

        auto opened
            = vw::server::StoreBootstrap::open(m_dataDir, {}, {}, QStringLiteral("tst-useradd-check"));
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error()));
        vw::server::users::UserRepository users(*opened.value().database);
        const auto user = users.findById(id);
        QVERIFY(user.ok() && user.value());
        QCOMPARE(user.value()->username, QStringLiteral("nurse.joy"));
        QCOMPARE(user.value()->displayName, QStringLiteral("Nurse Joy"));
        QCOMPARE(user.value()->role, vw::model::UserRole::Provider);
        // The first line only, without its newline.
        QCOMPARE(vw::crypto::PasswordHasher::verify(user.value()->passwordHash, "pokemon center 42").value(),
            vw::crypto::PasswordCheck::Match);

        // The same name again: a clear failure.
        const Run again
            = run({QStringLiteral("--username"), QStringLiteral("nurse.joy"), QStringLiteral("--role"),
                      QStringLiteral("patient"), QStringLiteral("--display-name"), QStringLiteral("Joy"),
                      QStringLiteral("--password-stdin"), QStringLiteral("--data-dir"), m_dataDir},
                QStringLiteral("another long password\n"));
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("Username already exists")), qPrintable(again.err));
    }

    void refuses_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("stdinText");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("errorPart");
        const QString password = QStringLiteral("long enough password\n");
        const auto base = [](const QStringList &extra) {
            return QStringList {QStringLiteral("--username"), QStringLiteral("someone"),
                       QStringLiteral("--role"), QStringLiteral("patient"), QStringLiteral("--display-name"),
                       QStringLiteral("Some One")}
            + extra;
        };
        QTest::newRow("no --password-stdin")
            << base({}) << password << 2 << QStringLiteral("--password-stdin");
        QTest::newRow("password as an argument") << base({QStringLiteral("--password"), QStringLiteral("x")})
                                                 << password << 2 << QStringLiteral("password");
        QTest::newRow("bad role") << QStringList {QStringLiteral("--username"), QStringLiteral("someone"),
            QStringLiteral("--role"), QStringLiteral("doctor"), QStringLiteral("--display-name"),
            QStringLiteral("X"), QStringLiteral("--password-stdin")}
                                  << password << 2 << QStringLiteral("--role");
        QTest::newRow("missing username") << QStringList {QStringLiteral("--role"), QStringLiteral("patient"),
            QStringLiteral("--display-name"), QStringLiteral("X"), QStringLiteral("--password-stdin")}
                                          << password << 2 << QStringLiteral("--username");
        QTest::newRow("stray argument") << base({QStringLiteral("--password-stdin"), QStringLiteral("extra")})
                                        << password << 2 << QStringLiteral("extra");
        QTest::newRow("weak password")
            << base({QStringLiteral("--password-stdin")}) << QStringLiteral("short\n") << 1
            << QStringLiteral("at least 12 characters");
        QTest::newRow("no password on stdin") << base({QStringLiteral("--password-stdin")}) << QString() << 1
                                              << QStringLiteral("standard input");
        QTest::newRow("bad username") << QStringList {QStringLiteral("--username"),
            QStringLiteral("no spaces please"), QStringLiteral("--role"), QStringLiteral("patient"),
            QStringLiteral("--display-name"), QStringLiteral("X"), QStringLiteral("--password-stdin")}
                                      << password << 1 << QStringLiteral("username");
    }

    void refuses()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, stdinText);
        QFETCH(int, exitCode);
        QFETCH(QString, errorPart);
        const Run result = run(options + QStringList {QStringLiteral("--data-dir"), m_dataDir}, stdinText);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.contains(errorPart), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
        // Nothing was created: the store was not even opened for usage errors and policy failures.
        QVERIFY(!QFileInfo::exists(m_dataDir + QStringLiteral("/vytalwatch.db")));
    }

    void help()
    {
        const Run result = run({QStringLiteral("--help")}, {});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral("--password-stdin")));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dataDir;
};

QTEST_GUILESS_MAIN(TestUserAddCommand)
#include "tst_useraddcommand.moc"
