#include "tests/support/httptestclient.h"
#include "tests/support/realtimetestserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace vw;
using namespace vw::test;

namespace {

const QString kPassword = QStringLiteral("durability test passphrase");

// A real vytalwatch-server process on a data dir, so the test can kill it with SIGKILL the
// way a power cut or the OOM killer would, with no chance to flush anything.
class ServerProcess
{
public:
    explicit ServerProcess(const QString &dataDir) : m_dataDir(dataDir)
    {
        QByteArray key(32, '\0');
        QRandomGenerator::securelySeeded().fillRange(reinterpret_cast<quint32 *>(key.data()), 8);
        m_environment = QProcessEnvironment::systemEnvironment();
        m_environment.insert(QStringLiteral("MESSAGING_ENCRYPTION_KEY"), QString::fromLatin1(key.toBase64()));
    }
    ~ServerProcess() { kill(); }

    // Runs a maintenance subcommand on the same data dir; its exit code.
    int runCommand(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcess command;
        command.setProcessEnvironment(m_environment);
        command.start(QStringLiteral(VW_SERVER_BINARY),
            arguments + QStringList {QStringLiteral("--data-dir"), m_dataDir});
        command.write(input);
        command.closeWriteChannel();
        if (!command.waitForFinished(60000))
            return -1;
        return command.exitStatus() == QProcess::NormalExit ? command.exitCode() : -1;
    }

    bool addUser(const QString &username, const QString &role)
    {
        return runCommand({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--username"),
                              username, QStringLiteral("--role"), role, QStringLiteral("--display-name"),
                              username, QStringLiteral("--password-stdin")},
                   kPassword.toUtf8() + '\n')
            == 0;
    }

    // Starts `serve` on a free port (read from the "listening on" line); false on failure.
    bool start()
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessEnvironment(m_environment);
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(QStringLiteral(VW_SERVER_BINARY),
            {QStringLiteral("serve"), QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--port"),
                QString::number(m_port), QStringLiteral("--rate-limit"), QStringLiteral("0")});
        static const QRegularExpression listening(QStringLiteral("listening on [0-9.]+:(\\d+)"));
        QByteArray output;
        for (int waited = 0; waited < 30000; waited += 50) {
            m_process->waitForReadyRead(50);
            output += m_process->readAllStandardOutput();
            if (const auto match = listening.match(QString::fromUtf8(output)); match.hasMatch()) {
                m_port = match.captured(1).toUShort();
                return true;
            }
            if (m_process->state() == QProcess::NotRunning)
                return false;
        }
        return false;
    }

    // SIGKILL: no destructor, no flush, no goodbye.
    void kill()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        m_process->kill();
        m_process->waitForFinished(10000);
    }

    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    QUrl socketUrl() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(m_port));
    }

private:
    QString m_dataDir;
    QProcessEnvironment m_environment;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0; // 0 first, then the same port on restarts
};

struct SignedIn
{
    QString token;
    QString userId;
};

SignedIn signIn(const QUrl &baseUrl, const QString &username)
{
    HttpTestClient client(baseUrl);
    const HttpReply reply = client.post(QStringLiteral("/auth/login"),
        QJsonObject {{QStringLiteral("username"), username}, {QStringLiteral("password"), kPassword}});
    const QJsonObject body = reply.json();
    return SignedIn {body.value(QStringLiteral("accessToken")).toString(),
        body.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString()};
}

// Every message id of the conversation, paging back through the whole history.
QSet<QString> storedMessageIds(const QUrl &baseUrl, const QString &token, const QString &conversationId)
{
    HttpTestClient client(baseUrl);
    client.setBearer(token);
    QSet<QString> ids;
    QString before;
    for (int page = 0; page < 1000; ++page) {
        QString path = QStringLiteral("/messaging/conversations/%1/messages?limit=100").arg(conversationId);
        if (!before.isEmpty())
            path += QStringLiteral("&before=") + before;
        const QJsonObject body = client.get(path).json();
        for (const QJsonValue &message : body.value(QStringLiteral("messages")).toArray())
            ids.insert(message.toObject().value(QStringLiteral("id")).toString());
        before = body.value(QStringLiteral("nextCursor")).toString();
        if (before.isEmpty())
            break;
    }
    return ids;
}

// How many messages a search finds (at most 100, one page).
int searchHits(const QUrl &baseUrl, const QString &token, const QString &words)
{
    HttpTestClient client(baseUrl);
    client.setBearer(token);
    const HttpReply reply = client.get(QStringLiteral("/messaging/messages/search?limit=100&q=%1")
                                           .arg(QString::fromLatin1(QUrl::toPercentEncoding(words))));
    if (reply.status != 200)
        return -1;
    return int(reply.json().value(QStringLiteral("messages")).toArray().size());
}

} // namespace

// "Nothing acknowledged before it is durable": the group-commit writer acknowledges a message
// only after the batch holding it committed with synchronous=FULL. A real server process is
// killed with SIGKILL right after acknowledgements and started again on the same data dir;
// every acknowledged message must be there, and the audit chain must still verify.
class TestDurability : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_server = std::make_unique<ServerProcess>(m_dir->path());
        QVERIFY(m_server->addUser(QStringLiteral("provider"), QStringLiteral("provider")));
        QVERIFY(m_server->addUser(QStringLiteral("patient"), QStringLiteral("patient")));
        QVERIFY(m_server->start());
        m_provider = signIn(m_server->baseUrl(), QStringLiteral("provider"));
        m_patient = signIn(m_server->baseUrl(), QStringLiteral("patient"));
        QVERIFY(!m_provider.token.isEmpty() && !m_patient.token.isEmpty());
        HttpTestClient client(m_server->baseUrl());
        client.setBearer(m_provider.token);
        const HttpReply opened = client.post(QStringLiteral("/messaging/conversations"),
            QJsonObject {{QStringLiteral("patientId"), m_patient.userId},
                {QStringLiteral("providerId"), m_provider.userId}});
        QCOMPARE(opened.status, 201);
        m_conversationId = opened.json().value(QStringLiteral("id")).toString();
    }

    void cleanup()
    {
        m_server.reset();
        m_dir.reset();
    }

    void messagesAcknowledgedOverTheSocketSurviveAKill()
    {
        RawSocketPeer sender;
        QVERIFY(sender.openAndConnect(m_server->socketUrl(), m_provider.token));
        // Many sends in flight at once, so acknowledgements come from batches of several.
        constexpr int kSends = 300;
        constexpr int kKillAfterAcks = 120;
        for (int i = 0; i < kSends; ++i) {
            const QJsonObject payload {{QStringLiteral("conversationId"), m_conversationId},
                {QStringLiteral("content"), QStringLiteral("durable message %1").arg(i)},
                {QStringLiteral("clientMessageId"), QStringLiteral("durable-%1").arg(i)}};
            sender.send(QStringLiteral("42/messaging,%1[\"message:send\",%2]")
                            .arg(i)
                            .arg(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))));
        }
        QSet<QString> acknowledged;
        while (acknowledged.size() < kKillAfterAcks) {
            const QString frame = sender.waitForPrefix(QStringLiteral("43/messaging,"), 10000);
            QVERIFY2(!frame.isEmpty(), "acknowledgements stopped coming");
            // 43/messaging,<ackId>[{"ok":true,"message":{...}}]
            const QJsonArray args
                = QJsonDocument::fromJson(frame.mid(frame.indexOf(QLatin1Char('['))).toUtf8()).array();
            const QJsonObject ack = args.at(0).toObject();
            QVERIFY2(ack.value(QStringLiteral("ok")).toBool(), qPrintable(frame));
            acknowledged.insert(
                ack.value(QStringLiteral("message")).toObject().value(QStringLiteral("id")).toString());
        }
        m_server->kill();

        QVERIFY(m_server->start());
        const SignedIn again = signIn(m_server->baseUrl(), QStringLiteral("patient"));
        const QSet<QString> stored = storedMessageIds(m_server->baseUrl(), again.token, m_conversationId);
        for (const QString &id : acknowledged)
            QVERIFY2(
                stored.contains(id), qPrintable(QStringLiteral("acknowledged message %1 was lost").arg(id)));
        QVERIFY(stored.size() >= acknowledged.size());
        QVERIFY(stored.size() <= kSends);
        // The search index (its own file, filled behind the writer) caught up after the restart.
        QCOMPARE(searchHits(m_server->baseUrl(), again.token, QStringLiteral("durable")),
            100); // the most one page holds
        m_server->kill();
        QCOMPARE(m_server->runCommand({QStringLiteral("audit"), QStringLiteral("verify")}), 0);
    }

    void aMessageAnsweredOverRestSurvivesAKill()
    {
        HttpTestClient client(m_server->baseUrl());
        client.setBearer(m_patient.token);
        const HttpReply sent
            = client.post(QStringLiteral("/messaging/conversations/%1/messages").arg(m_conversationId),
                QJsonObject {{QStringLiteral("content"), QStringLiteral("please call me back")}});
        QCOMPARE(sent.status, 201);
        const QString id = sent.json().value(QStringLiteral("id")).toString();
        m_server->kill();

        QVERIFY(m_server->start());
        const SignedIn again = signIn(m_server->baseUrl(), QStringLiteral("provider"));
        QVERIFY(storedMessageIds(m_server->baseUrl(), again.token, m_conversationId).contains(id));
        QCOMPARE(searchHits(m_server->baseUrl(), again.token, QStringLiteral("call back")), 1);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
    SignedIn m_provider;
    SignedIn m_patient;
    QString m_conversationId;
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
