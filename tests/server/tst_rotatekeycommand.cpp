#include "server/audit/auditlog.h"
#include "server/cli/rotatekeycommand.h"
#include "server/core/servercontext.h"
#include "server/core/storebootstrap.h"
#include "server/keys/masterkeyloader.h"
#include "server/messaging/conversationservice.h"
#include "server/messaging/messagesearch.h"
#include "server/messaging/messageservice.h"
#include "server/messaging/messagingmodule.h"
#include "server/metrics/metrics.h"
#include "server/users/userrepository.h"
#include "tests/support/manualclock.h"
#include "tests/support/serviceusers.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace vw;
using namespace vw::server;
using namespace vw::server::messaging;

using vw::test::principalOf;

namespace {

const ClientInfo kClient = vw::test::kTestClient;
const QString kSecretWord = QStringLiteral("zebracorn7731");
const QString kSecretTitle = QStringLiteral("Quokka care team 5512");
const QString kSecretPreview = QStringLiteral("platypreview9090 is the newest message");
// Stored in plaintext on purpose (a user name): proves the scan reads the store's bytes.
const QString kPlainProbe = QStringLiteral("scanprobeuser");

// A server's store and messaging module, opened the way `serve` opens them, so a test can
// close it, run a subcommand on the same data dir and open it again.
struct OpenServer
{
    test::ManualClock clock;
    ServerOptions options;
    OpenedStore store;
    std::unique_ptr<metrics::Metrics> metrics;
    std::unique_ptr<audit::AuditLog> audit;
    std::unique_ptr<ServerContext> context;
    std::unique_ptr<users::UserRepository> users;
    std::unique_ptr<MessagingModule> messaging;

    ~OpenServer()
    {
        messaging.reset();
        users.reset();
        context.reset();
        audit.reset();
        store.database.reset();
    }
};

std::unique_ptr<OpenServer> openServer(const QString &dataDir, const QString &keyFile = {})
{
    static int connection = 0;
    auto opened
        = StoreBootstrap::open(dataDir, keyFile, QString(), QStringLiteral("rotate-%1").arg(++connection));
    if (!opened) {
        qWarning() << opened.error();
        return nullptr;
    }
    auto server = std::make_unique<OpenServer>();
    server->options.dataDir = dataDir;
    server->store = std::move(opened).value();
    server->metrics = std::make_unique<metrics::Metrics>();
    server->audit = std::make_unique<audit::AuditLog>(*server->store.database, server->clock);
    server->context = std::make_unique<ServerContext>(ServerContext {server->options, server->clock,
        *server->store.database, *server->audit, *server->metrics, server->store.masterKey.key, nullptr});
    server->users = std::make_unique<users::UserRepository>(*server->store.database);
    server->messaging = std::make_unique<MessagingModule>(*server->context, *server->users);
    return server;
}

// Every encoding a careless implementation could leave the word in.
QList<QByteArray> encodingsOf(const QString &text)
{
    QByteArray le;
    QByteArray be;
    for (const QChar c : text) {
        le.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
        be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
    }
    return {text.toUtf8(), text.toLower().toUtf8(), text.toUpper().toUtf8(), le, be};
}

// Which files under `dir` hold `text` in any of its encodings.
QStringList filesContaining(const QString &dir, const QString &text)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        for (const QByteArray &needle : encodingsOf(text)) {
            if (bytes.contains(needle)) {
                hits << path;
                break;
            }
        }
    }
    return hits;
}

QStringList dataDirFiles(const QString &dir)
{
    QStringList names;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        names << it.fileName();
    }
    return names;
}

struct Written
{
    users::UserRecord patient;
    users::UserRecord provider;
    QUuid pair;
    QUuid group;
    QList<model::Message> pairMessages;
};

int rotate(const QStringList &arguments, QString *output = nullptr)
{
    QString outText;
    QString errText;
    QTextStream out(&outText);
    QTextStream err(&errText);
    const int code = cli::runRotateKeyCommand(
        QStringList {QStringLiteral("vytalwatch-server rotate-key")} + arguments, out, err);
    out.flush();
    err.flush();
    if (output)
        *output = outText + errText;
    return code;
}

} // namespace

// Encryption at rest end to end: no plaintext word, title or preview in any file of the
// data dir, and `rotate-key` re-wraps the keys so the server reads everything with the new
// master key (and nothing with the old one).
class TestRotateKeyCommand : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qunsetenv(keys::MasterKeyLoader::kEnvironmentVariable);
        qunsetenv("MESSAGING_NEW_ENCRYPTION_KEY");
    }

    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_dataDir = m_tmp->filePath(QStringLiteral("data"));
    }

    void atRestScanThenRotate()
    {
        auto server = openServer(m_dataDir);
        QVERIFY(server);
        QCOMPARE(server->store.masterKey.origin, keys::MasterKeyOrigin::Generated);
        const Written written = writeSecrets(*server);
        // The blind index finds the word, so it was indexed, yet it is in no file.
        auto found
            = server->messaging->search().search(principalOf(written.provider), kClient, kSecretWord, {}, 20);
        QVERIFY(found.ok());
        QCOMPARE(found.value().size(), 3);

        const QStringList files = dataDirFiles(m_dataDir);
        QVERIFY2(files.contains(QStringLiteral("vytalwatch.db-wal")), qPrintable(files.join(u',')));
        QVERIFY(files.contains(QStringLiteral("master.key")));
        QVERIFY(!filesContaining(m_dataDir, kPlainProbe).isEmpty());
        for (const QString &secret : {kSecretWord, kSecretTitle, kSecretPreview,
                 QStringLiteral("platypreview9090"), QStringLiteral("Quokka")})
            QVERIFY2(filesContaining(m_dataDir, secret).isEmpty(),
                qPrintable(secret + filesContaining(m_dataDir, secret).join(u',')));
        server.reset();
        for (const QString &secret : {kSecretWord, kSecretTitle, kSecretPreview})
            QVERIFY(filesContaining(m_dataDir, secret).isEmpty());

        // Rotate to a new key; the data dir's key file is replaced.
        const QString keyPath = QDir(m_dataDir).filePath(QStringLiteral("master.key"));
        const QString oldKeyPath = m_tmp->filePath(QStringLiteral("old.key"));
        QVERIFY(QFile::copy(keyPath, oldKeyPath));
        const QString newKeyPath = m_tmp->filePath(QStringLiteral("new.key"));
        QVERIFY(keys::MasterKeyLoader::generateKeyFile(newKeyPath).ok());
        QString output;
        QCOMPARE(
            rotate({QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--new-key-file"), newKeyPath},
                &output),
            0);
        QVERIFY2(output.contains(QStringLiteral("2 conversation keys")), qPrintable(output));
        QVERIFY(keys::MasterKeyLoader::readKeyFile(keyPath).value().equals(
            keys::MasterKeyLoader::readKeyFile(newKeyPath).value()));
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
            | QFileDevice::WriteOther;
        QVERIFY((QFile::permissions(keyPath) & others) == 0);
        QVERIFY(QFile::permissions(keyPath) & QFileDevice::ReadOwner);

        // Everything reads back with the new key.
        server = openServer(m_dataDir);
        QVERIFY(server);
        verifyEverythingReads(*server, written);
        server.reset();

        // The old key opens nothing any more, and fails cleanly.
        server = openServer(m_dataDir, oldKeyPath);
        QVERIFY(server);
        auto listed = server->messaging->messages().list(
            principalOf(written.patient), kClient, written.pair, PageRequest {});
        QVERIFY(!listed.ok());
        QCOMPARE(listed.error().kind, ServiceError::Kind::Internal);
        server.reset();

        // A second run with the same new key has nothing to do and still succeeds.
        QCOMPARE(rotate({QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--key-file"), newKeyPath,
                            QStringLiteral("--new-key-file"), oldKeyPath},
                     &output),
            0);
        server = openServer(m_dataDir, oldKeyPath);
        QVERIFY(server);
        verifyEverythingReads(*server, written);
    }

    void newKeyFromEnvironmentWithExplicitKeyFile()
    {
        const QString oldKeyPath = m_tmp->filePath(QStringLiteral("old.key"));
        QVERIFY(keys::MasterKeyLoader::generateKeyFile(oldKeyPath).ok());
        auto server = openServer(m_dataDir, oldKeyPath);
        QVERIFY(server);
        const Written written = writeSecrets(*server);
        server.reset();

        const QString newKeyPath = m_tmp->filePath(QStringLiteral("new.key"));
        auto newKey = keys::MasterKeyLoader::generateKeyFile(newKeyPath);
        QVERIFY(newKey.ok());
        const QByteArray base64
            = QByteArray(newKey.value().toBase64().view().data(), newKey.value().toBase64().size());
        qputenv("MESSAGING_NEW_ENCRYPTION_KEY", base64);
        QString output;
        const int code = rotate(
            {QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--key-file"), oldKeyPath}, &output);
        qunsetenv("MESSAGING_NEW_ENCRYPTION_KEY");
        QCOMPARE(code, 0);
        // The operator's own key file is not touched; they are told to switch.
        QVERIFY(output.contains(QStringLiteral("start the server with the new key")));
        server = openServer(m_dataDir, newKeyPath);
        QVERIFY(server);
        verifyEverythingReads(*server, written);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("no new key") << QStringLiteral("none") << 2;
        QTest::newRow("both file and env") << QStringLiteral("both") << 2;
        QTest::newRow("new key equals current") << QStringLiteral("same") << 2;
        QTest::newRow("wrong current key") << QStringLiteral("wrong") << 1;
        QTest::newRow("no store") << QStringLiteral("nostore") << 1;
        QTest::newRow("bad option") << QStringLiteral("badoption") << 2;
    }

    void refusals()
    {
        QFETCH(QString, scenario);
        QFETCH(int, exitCode);
        const QString keyPath = m_tmp->filePath(QStringLiteral("current.key"));
        QVERIFY(keys::MasterKeyLoader::generateKeyFile(keyPath).ok());
        const QString otherPath = m_tmp->filePath(QStringLiteral("other.key"));
        QVERIFY(keys::MasterKeyLoader::generateKeyFile(otherPath).ok());
        const QString newKeyPath = m_tmp->filePath(QStringLiteral("new.key"));
        QVERIFY(keys::MasterKeyLoader::generateKeyFile(newKeyPath).ok());
        std::optional<Written> written;
        if (scenario != QStringLiteral("nostore")) {
            auto server = openServer(m_dataDir, keyPath);
            QVERIFY(server);
            written = writeSecrets(*server);
        }

        QStringList arguments {
            QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--key-file"), keyPath};
        if (scenario == QStringLiteral("both")) {
            qputenv("MESSAGING_NEW_ENCRYPTION_KEY", "AAAA");
            arguments << QStringLiteral("--new-key-file") << newKeyPath;
        } else if (scenario == QStringLiteral("same")) {
            arguments << QStringLiteral("--new-key-file") << keyPath;
        } else if (scenario == QStringLiteral("wrong")) {
            arguments = {QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--key-file"), otherPath,
                QStringLiteral("--new-key-file"), newKeyPath};
        } else if (scenario == QStringLiteral("nostore")) {
            arguments << QStringLiteral("--new-key-file") << newKeyPath;
        } else if (scenario == QStringLiteral("badoption")) {
            arguments << QStringLiteral("--frobnicate");
        }
        QString output;
        const int code = rotate(arguments, &output);
        qunsetenv("MESSAGING_NEW_ENCRYPTION_KEY");
        QVERIFY2(code == exitCode, qPrintable(QString::number(code) + QLatin1Char(' ') + output));
        QVERIFY(!output.isEmpty());
        if (written) {
            // Nothing changed: the current key still reads everything.
            auto server = openServer(m_dataDir, keyPath);
            QVERIFY(server);
            verifyEverythingReads(*server, *written);
        }
    }

private:
    Written writeSecrets(OpenServer &server)
    {
        Written written;
        written.patient
            = vw::test::insertTestUser(*server.users, server.clock, kPlainProbe, model::UserRole::Patient);
        written.provider = vw::test::insertTestUser(
            *server.users, server.clock, QStringLiteral("doc"), model::UserRole::Provider);
        auto pair = server.messaging->conversations().createPair(
            principalOf(written.patient), kClient, written.patient.id, written.provider.id);
        auto group = server.messaging->conversations().createGroup(
            principalOf(written.provider), kClient, {written.patient.id}, kSecretTitle);
        if (!pair || !group)
            qFatal("cannot create conversations");
        written.pair = pair.value().conversation.id;
        written.group = group.value().conversation.id;
        const QStringList contents {QStringLiteral("first %1 note").arg(kSecretWord),
            QStringLiteral("Second: %1!").arg(kSecretWord.toUpper()), kSecretPreview};
        for (const QString &content : contents) {
            auto sent = server.messaging->messages().send(principalOf(written.patient), kClient, written.pair,
                QJsonObject {{QStringLiteral("content"), content}});
            if (!sent)
                qFatal("cannot send");
            written.pairMessages.prepend(sent.value().message);
            server.clock.advanceMs(10);
        }
        auto inGroup
            = server.messaging->messages().send(principalOf(written.provider), kClient, written.group,
                QJsonObject {{QStringLiteral("content"), QStringLiteral("group %1").arg(kSecretWord)}});
        if (!inGroup)
            qFatal("cannot send");
        return written;
    }

    void verifyEverythingReads(OpenServer &server, const Written &written)
    {
        auto page = server.messaging->messages().list(
            principalOf(written.patient), kClient, written.pair, PageRequest {});
        QVERIFY(page.ok());
        QCOMPARE(page.value().messages.size(), written.pairMessages.size());
        for (qsizetype i = 0; i < written.pairMessages.size(); ++i)
            QCOMPARE(page.value().messages.at(i).content, written.pairMessages.at(i).content);
        auto pair
            = server.messaging->conversations().get(principalOf(written.provider), kClient, written.pair);
        QVERIFY(pair.ok());
        QCOMPARE(pair.value().lastMessagePreview, std::optional<QString>(kSecretPreview));
        auto group
            = server.messaging->conversations().get(principalOf(written.provider), kClient, written.group);
        QVERIFY(group.ok());
        QCOMPARE(group.value().title, std::optional<QString>(kSecretTitle));
        auto found
            = server.messaging->search().search(principalOf(written.provider), kClient, kSecretWord, {}, 20);
        QVERIFY(found.ok());
        QCOMPARE(found.value().size(), 3);
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dataDir;
};

QTEST_GUILESS_MAIN(TestRotateKeyCommand)
#include "tst_rotatekeycommand.moc"
