#include "server/auth/authmodule.h"
#include "server/auth/useradministration.h"
#include "server/server.h"
#include "tests/support/httptestclient.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace vw::server;

namespace {

const QString kPassword = QStringLiteral("restart test passphrase");

std::unique_ptr<Server> startServer(const QString &dataDir)
{
    ServerOptions options;
    options.dataDir = dataDir;
    options.port = 0;
    auto server = std::make_unique<Server>(options);
    if (!server->start().ok())
        return nullptr;
    return server;
}

std::unique_ptr<vw::test::HttpTestClient> signedIn(const Server &server, const QString &username)
{
    auto client = std::make_unique<vw::test::HttpTestClient>(
        QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
    const auto login = client->post(QStringLiteral("/auth/login"),
        QJsonObject {{QStringLiteral("username"), username}, {QStringLiteral("password"), kPassword}});
    if (login.status != 200)
        return nullptr;
    client->setBearer(login.json().value(QStringLiteral("accessToken")).toString());
    return client;
}

} // namespace

// The production Server class end to end: what was acknowledged before a stop is all there
// after a start on the same data dir (users, conversation, messages, read state, audit),
// and the data dir's key is what makes it readable.
class TestServerRestart : public QObject
{
    Q_OBJECT
private slots:
    void everythingAcknowledgedSurvivesARestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString conversationId;
        QStringList sentIds;
        {
            auto server = startServer(dir.path());
            QVERIFY(server);
            auto &admin = server->auth()->userAdministration();
            const auto provider = admin.createUser(QStringLiteral("dr.grey"), QStringLiteral("Dr. Grey"),
                vw::model::UserRole::Provider, kPassword);
            const auto patient = admin.createUser(QStringLiteral("pat.one"), QStringLiteral("Pat One"),
                vw::model::UserRole::Patient, kPassword);
            QVERIFY(provider.ok() && patient.ok());
            auto doctor = signedIn(*server, QStringLiteral("dr.grey"));
            QVERIFY(doctor);
            const auto created = doctor->post(QStringLiteral("/messaging/conversations"),
                QJsonObject {{QStringLiteral("patientId"), patient.value().id.toString(QUuid::WithoutBraces)},
                    {QStringLiteral("providerId"), provider.value().id.toString(QUuid::WithoutBraces)}});
            QCOMPARE(created.status, 201);
            conversationId = created.json().value(QStringLiteral("id")).toString();
            for (int i = 0; i < 3; ++i) {
                const auto sent = doctor->post(
                    QStringLiteral("/messaging/conversations/%1/messages").arg(conversationId),
                    QJsonObject {{QStringLiteral("content"), QStringLiteral("reading %1 is fine").arg(i)}});
                QCOMPARE(sent.status, 201);
                sentIds.prepend(sent.json().value(QStringLiteral("id")).toString());
            }
            auto patientClient = signedIn(*server, QStringLiteral("pat.one"));
            QVERIFY(patientClient);
            QCOMPARE(
                patientClient->send("PATCH", QStringLiteral("/messaging/messages/%1/read").arg(sentIds.at(1)))
                    .status,
                200);
        } // the server stops here

        auto server = startServer(dir.path());
        QVERIFY(server);
        auto patientClient = signedIn(*server, QStringLiteral("pat.one"));
        QVERIFY(patientClient);
        const auto page
            = patientClient->get(QStringLiteral("/messaging/conversations/%1/messages").arg(conversationId));
        QCOMPARE(page.status, 200);
        const QJsonArray messages = page.json().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject message = messages.at(i).toObject();
            QCOMPARE(message.value(QStringLiteral("id")).toString(), sentIds.at(i));
            QCOMPARE(message.value(QStringLiteral("content")).toString(),
                QStringLiteral("reading %1 is fine").arg(2 - i));
        }
        QCOMPARE(
            messages.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("sent"));
        QCOMPARE(
            messages.at(1).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("read"));

        const auto unread = patientClient->get(QStringLiteral("/messaging/conversations/unread-count"));
        QCOMPARE(unread.status, 200);
        QCOMPARE(unread.json().value(QStringLiteral("total")).toInt(), 1);

        const auto search = patientClient->get(QStringLiteral("/messaging/messages/search?q=READING"));
        QCOMPARE(search.status, 200);
        QCOMPARE(search.json().value(QStringLiteral("messages")).toArray().size(), 3);
    }

    void anotherKeyCannotOpenTheStore()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            auto server = startServer(dir.path());
            QVERIFY(server);
        }
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("master.key"))));
        ServerOptions options;
        options.dataDir = dir.path();
        options.port = 0;
        Server server(options);
        const auto started = server.start();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().contains(QStringLiteral("MESSAGING_ENCRYPTION_KEY")),
            qPrintable(started.error()));
    }
};

QTEST_GUILESS_MAIN(TestServerRestart)
#include "tst_serverrestart.moc"
