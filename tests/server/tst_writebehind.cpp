#include "server/core/principal.h"
#include "server/messaging/messageservice.h"
#include "server/messaging/messagingmodule.h"
#include "server/server.h"
#include "server/store/database.h"
#include "tests/support/realtimetestserver.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace vw;
using vw::test::RealtimeTestServer;
using vw::test::RealtimeTestUser;

// The network thread never waits for the disk: while another connection holds SQLite's write
// lock (as a long batch or a slow fsync would), a production server still answers requests and
// sockets whose writes (read receipts, audit rows, a user's last-seen time) queue behind it,
// and those writes reach the disk once the lock is released.
class TestWriteBehind : public QObject
{
    Q_OBJECT

private slots:
    void requestsAreAnsweredWhileTheirWritesWaitForTheLock()
    {
        RealtimeTestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const RealtimeTestUser provider = server.addUser(QStringLiteral("dr.lee"), model::UserRole::Provider);
        const RealtimeTestUser patient = server.addUser(QStringLiteral("pat"), model::UserRole::Patient);
        const RealtimeTestUser outsider = server.addUser(QStringLiteral("other"), model::UserRole::Patient);
        const RealtimeTestUser admin = server.addUser(QStringLiteral("root"), model::UserRole::Admin);
        const QString conversationId = server.openPair(provider, patient);
        const auto sent = server.clientFor(patient)->post(
            QStringLiteral("/messaging/conversations/%1/messages").arg(conversationId),
            QJsonObject {{QStringLiteral("content"), QStringLiteral("my reading is high")}});
        QCOMPARE(sent.status, 201);
        const QString messageId = sent.json().value(QStringLiteral("id")).toString();
        const auto regretted = server.clientFor(patient)->post(
            QStringLiteral("/messaging/conversations/%1/messages").arg(conversationId),
            QJsonObject {{QStringLiteral("content"), QStringLiteral("wrong chat, sorry")}});
        QCOMPARE(regretted.status, 201);
        const QString regrettedId = regretted.json().value(QStringLiteral("id")).toString();

        // Hold the write lock from a connection of our own.
        const std::unique_ptr<server::store::Database> holder = holdWriteLock(server);
        QVERIFY(holder);

        QNetworkAccessManager network;
        const auto request = [&](const RealtimeTestUser &user, const QString &path) {
            QNetworkRequest built(server.baseUrl().resolved(QUrl(path)));
            built.setRawHeader("Authorization", "Bearer " + user.accessToken.toUtf8());
            return built;
        };
        std::unique_ptr<QNetworkReply> read(network.sendCustomRequest(
            request(provider, QStringLiteral("/messaging/messages/%1/read").arg(messageId)), "PATCH"));
        QNetworkRequest opening = request(provider, QStringLiteral("/messaging/conversations"));
        opening.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        std::unique_ptr<QNetworkReply> openedPair(network.post(opening,
            QJsonDocument(QJsonObject {{QStringLiteral("patientId"), outsider.id()},
                              {QStringLiteral("providerId"), provider.id()}})
                .toJson(QJsonDocument::Compact)));
        QNetworkRequest uploading
            = request(patient, QStringLiteral("/messaging/conversations/%1/attachments").arg(conversationId));
        uploading.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("text/plain"));
        uploading.setRawHeader("X-File-Name", "readings.txt");
        std::unique_ptr<QNetworkReply> uploaded(
            network.post(uploading, QByteArray("systolic 151, diastolic 97\n")));
        std::unique_ptr<QNetworkReply> removed(network.deleteResource(
            request(patient, QStringLiteral("/messaging/messages/%1").arg(regrettedId))));
        // A refused look at someone else's conversation writes a denial to the audit trail.
        std::unique_ptr<QNetworkReply> denied(network.get(
            request(outsider, QStringLiteral("/messaging/conversations/%1/messages").arg(conversationId))));
        QVERIFY(waitFor(*denied));
        QCOMPARE(denied->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        // A socket coming and going stores when its user was last seen.
        {
            test::RawSocketPeer peer;
            QVERIFY(peer.openAndConnect(server.socketUrl(), patient.accessToken));
        }
        QCOMPARE(healthStatus(network, server), 200);
        // Each of these is answered only once its rows are on disk, so not yet.
        QVERIFY(!read->isFinished());
        QVERIFY(!removed->isFinished());
        QVERIFY(!openedPair->isFinished());
        QVERIFY(!uploaded->isFinished());

        QVERIFY(holder->exec(QStringLiteral("ROLLBACK")));
        QVERIFY(waitFor(*read));
        QCOMPARE(read->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject readMessage = QJsonDocument::fromJson(read->readAll()).object();
        QCOMPARE(readMessage.value(QStringLiteral("status")).toString(), QStringLiteral("read"));
        QVERIFY(waitFor(*uploaded));
        QCOMPARE(uploaded->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        const QString attachmentId
            = QJsonDocument::fromJson(uploaded->readAll()).object().value(QStringLiteral("id")).toString();
        const auto download
            = server.clientFor(patient)->get(QStringLiteral("/messaging/attachments/%1").arg(attachmentId));
        QCOMPARE(download.status, 200);
        QCOMPARE(download.body, QByteArray("systolic 151, diastolic 97\n"));
        QVERIFY(waitFor(*openedPair));
        QCOMPARE(openedPair->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        const QString openedId
            = QJsonDocument::fromJson(openedPair->readAll()).object().value(QStringLiteral("id")).toString();
        QCOMPARE(server.clientFor(outsider)
                     ->get(QStringLiteral("/messaging/conversations/%1").arg(openedId))
                     .status,
            200);
        QVERIFY(waitFor(*removed));
        QCOMPARE(removed->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
        const auto history = server.clientFor(provider)->get(
            QStringLiteral("/messaging/conversations/%1/messages").arg(conversationId));
        const QJsonObject tombstone
            = history.json().value(QStringLiteral("messages")).toArray().first().toObject();
        QCOMPARE(tombstone.value(QStringLiteral("id")).toString(), regrettedId);
        QCOMPARE(tombstone.value(QStringLiteral("content")).toString(), QString());
        QVERIFY(!tombstone.value(QStringLiteral("deletedAt")).toString().isEmpty());

        // Everything written behind is in the trail, in order, and the chain is whole.
        const auto trail = server.clientFor(admin)->get(QStringLiteral("/admin/audit?limit=500"));
        QCOMPARE(trail.status, 200);
        QStringList actions;
        for (const QJsonValue &entry : trail.json().value(QStringLiteral("entries")).toArray()) {
            const QJsonObject row = entry.toObject();
            actions.append(row.value(QStringLiteral("action")).toString() + QLatin1Char('/')
                + row.value(QStringLiteral("outcome")).toString());
        }
        QVERIFY2(actions.contains(QStringLiteral("message.read/success")), qPrintable(actions.join(u' ')));
        QVERIFY2(actions.contains(QStringLiteral("message.delete/success")), qPrintable(actions.join(u' ')));
        QVERIFY2(
            actions.contains(QStringLiteral("attachment.upload/success")), qPrintable(actions.join(u' ')));
        QVERIFY2(actions.count(QStringLiteral("conversation.create/success")) == 2,
            qPrintable(actions.join(u' ')));
        QVERIFY2(std::any_of(actions.cbegin(), actions.cend(),
                     [](const QString &action) { return action.endsWith(QStringLiteral("/denied")); }),
            qPrintable(actions.join(u' ')));
        const auto verified = server.clientFor(admin)->get(QStringLiteral("/admin/audit/verify"));
        QCOMPARE(verified.json().value(QStringLiteral("ok")), QJsonValue(true));
        const auto me = server.clientFor(patient)->get(QStringLiteral("/auth/me"));
        QVERIFY(!me.json().value(QStringLiteral("lastSeenAt")).toString().isEmpty());
    }

    // Signing in, refreshing and signing out store session rows: through the writer, so while
    // the lock is held they wait and everything else goes on; then each is answered.
    void sessionWritesWaitForTheLockWithoutHoldingUpTheServer()
    {
        RealtimeTestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const RealtimeTestUser staying = server.addUser(QStringLiteral("dr.lee"), model::UserRole::Provider);
        const RealtimeTestUser leaving = server.addUser(QStringLiteral("pat"), model::UserRole::Patient);

        const std::unique_ptr<server::store::Database> holder = holdWriteLock(server);
        QVERIFY(holder);

        QNetworkAccessManager network;
        const auto post = [&](const QString &path, const QJsonObject &body, const QString &token = {}) {
            QNetworkRequest built(server.baseUrl().resolved(QUrl(path)));
            built.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            if (!token.isEmpty())
                built.setRawHeader("Authorization", "Bearer " + token.toUtf8());
            return std::unique_ptr<QNetworkReply>(
                network.post(built, QJsonDocument(body).toJson(QJsonDocument::Compact)));
        };
        auto login = post(QStringLiteral("/auth/login"),
            QJsonObject {{QStringLiteral("username"), QStringLiteral("dr.lee")},
                {QStringLiteral("password"), RealtimeTestServer::kPassword}});
        auto refresh = post(QStringLiteral("/auth/refresh"),
            QJsonObject {{QStringLiteral("refreshToken"), staying.refreshToken}});
        auto logout = post(QStringLiteral("/auth/logout"), QJsonObject {}, leaving.accessToken);
        // Long enough for the password check to be done and its session queued.
        QTest::qWait(300);
        QCOMPARE(healthStatus(network, server), 200);
        QVERIFY(!login->isFinished());
        QVERIFY(!refresh->isFinished());
        QVERIFY(!logout->isFinished());

        QVERIFY(holder->exec(QStringLiteral("ROLLBACK")));
        QVERIFY(waitFor(*login));
        QVERIFY(waitFor(*refresh));
        QVERIFY(waitFor(*logout));
        QCOMPARE(login->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(refresh->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(logout->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);

        // The sessions they answered about are the ones on disk.
        for (QNetworkReply *reply : {login.get(), refresh.get()}) {
            const QJsonObject tokens = QJsonDocument::fromJson(reply->readAll()).object();
            RealtimeTestUser signedIn = staying;
            signedIn.accessToken = tokens.value(QStringLiteral("accessToken")).toString();
            QCOMPARE(server.clientFor(signedIn)->get(QStringLiteral("/auth/me")).status, 200);
        }
        QCOMPARE(server.clientFor(leaving)->get(QStringLiteral("/auth/me")).status, 401);
        const auto reused = server.clientFor(staying)->post(QStringLiteral("/auth/refresh"),
            QJsonObject {{QStringLiteral("refreshToken"), staying.refreshToken}});
        QCOMPARE(reused.status, 401);
    }

    // A connection whose answer is still being written is not idle: the idle timeout (made
    // short here) must not cut it off while its deferred request waits for the writer.
    void aPendingAnswerKeepsItsConnectionOpen()
    {
        RealtimeTestServer server(
            [](vw::server::ServerOptions &options) { options.connectionLimits.idleTimeoutMs = 300; });
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const RealtimeTestUser patient = server.addUser(QStringLiteral("pat"), model::UserRole::Patient);
        const std::unique_ptr<server::store::Database> holder = holdWriteLock(server);
        QVERIFY(holder);

        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.server().port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write("POST /auth/logout HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + patient.accessToken.toLatin1() + "\r\nContent-Length: 0\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(1000));
        QTest::qWait(1000); // three idle timeouts
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);

        QVERIFY(holder->exec(QStringLiteral("ROLLBACK")));
        QByteArray reply;
        QTRY_VERIFY_WITH_TIMEOUT((reply += socket.readAll()).contains("\r\n\r\n"), 5000);
        QVERIFY2(reply.startsWith("HTTP/1.1 204"), reply.left(80).constData());
        // Once answered, the connection is idle again and goes.
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 3000);
    }

    // Sends that share a batch write their unread counters and the conversation's preview once,
    // at the batch's end; a read receipt queued between them must still see (and reset) the
    // counters as if every message had been written on its own.
    void sendsSharingABatchCountUnreadLikeOneByOne()
    {
        RealtimeTestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const RealtimeTestUser provider = server.addUser(QStringLiteral("dr.lee"), model::UserRole::Provider);
        const RealtimeTestUser patient = server.addUser(QStringLiteral("pat"), model::UserRole::Patient);
        const QString conversationId = server.openPair(provider, patient);
        const QString messagesPath
            = QStringLiteral("/messaging/conversations/%1/messages").arg(conversationId);
        const auto first = server.clientFor(patient)->post(
            messagesPath, QJsonObject {{QStringLiteral("content"), QStringLiteral("reading 1")}});
        QCOMPARE(first.status, 201);
        const QUuid firstId = QUuid::fromString(first.json().value(QStringLiteral("id")).toString());

        const std::unique_ptr<server::store::Database> holder = holdWriteLock(server);
        QVERIFY(holder);
        server::messaging::MessageService &messages = server.server().messaging()->messages();
        const server::Principal sender {patient.user.id, model::UserRole::Patient, patient.sessionId};
        const server::Principal reader {provider.user.id, model::UserRole::Provider, provider.sessionId};
        int answered = 0;
        QStringList failures;
        const auto send = [&](const QString &content) {
            messages.sendQueued(sender, {}, QUuid::fromString(conversationId),
                QJsonObject {{QStringLiteral("content"), content}},
                [&](const Result<server::messaging::SendOutcome, server::ServiceError> &sent) {
                    ++answered;
                    if (!sent)
                        failures.append(sent.error().message);
                });
        };
        send(QStringLiteral("reading 2"));
        send(QStringLiteral("reading 3"));
        send(QStringLiteral("reading 4"));
        // The provider has read the first message only: three are unread at this point.
        messages.markReadQueued(
            reader, {}, firstId, [&](const Result<model::Message, server::ServiceError> &read) {
                ++answered;
                if (!read)
                    failures.append(read.error().message);
            });
        send(QStringLiteral("reading 5"));
        send(QStringLiteral("reading 6"));
        QVERIFY(holder->exec(QStringLiteral("ROLLBACK")));
        QTRY_COMPARE(answered, 6);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral("; "))));

        const auto seen = server.clientFor(provider)->get(
            QStringLiteral("/messaging/conversations/%1").arg(conversationId));
        QCOMPARE(seen.status, 200);
        QCOMPARE(seen.json().value(QStringLiteral("unreadCount")).toInt(), 5);
        QCOMPARE(
            seen.json().value(QStringLiteral("lastMessagePreview")).toString(), QStringLiteral("reading 6"));
        const auto history = server.clientFor(provider)->get(messagesPath);
        // Messages of one millisecond have no order among themselves: find the last one by content.
        QJsonObject last;
        for (const QJsonValue &message : history.json().value(QStringLiteral("messages")).toArray()) {
            if (message.toObject().value(QStringLiteral("content")).toString() == QStringLiteral("reading 6"))
                last = message.toObject();
        }
        QVERIFY(!last.isEmpty());
        QCOMPARE(seen.json().value(QStringLiteral("lastMessageAt")), last.value(QStringLiteral("createdAt")));
        const auto mine = server.clientFor(patient)->get(
            QStringLiteral("/messaging/conversations/%1").arg(conversationId));
        QCOMPARE(mine.json().value(QStringLiteral("unreadCount")).toInt(), 0);
    }

private:
    // Takes SQLite's write lock from a connection of our own, as a long batch or a slow fsync
    // would hold it; nullptr when it cannot.
    static std::unique_ptr<server::store::Database> holdWriteLock(const RealtimeTestServer &server)
    {
        auto opened = server::store::Database::openSqlite(
            server.dataDir() + QStringLiteral("/vytalwatch.db"), QStringLiteral("lock-holder"));
        if (!opened || !opened.value()->exec(QStringLiteral("BEGIN IMMEDIATE")))
            return nullptr;
        return std::move(opened).value();
    }

    // The status of GET /healthz, 0 when it is not answered within the wait.
    static int healthStatus(QNetworkAccessManager &network, const RealtimeTestServer &server)
    {
        std::unique_ptr<QNetworkReply> health(
            network.get(QNetworkRequest(server.baseUrl().resolved(QUrl(QStringLiteral("/healthz"))))));
        if (!waitFor(*health))
            return 0;
        return health->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    // Waits in an event loop of its own (the server runs on this thread too).
    static bool waitFor(QNetworkReply &reply, int timeoutMs = 3000)
    {
        if (reply.isFinished())
            return true;
        QEventLoop loop;
        connect(&reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        return reply.isFinished();
    }
};

QTEST_GUILESS_MAIN(TestWriteBehind)
#include "tst_writebehind.moc"
