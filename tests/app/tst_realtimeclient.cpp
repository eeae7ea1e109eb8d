#include "app/client/realtimeclient.h"
#include "server/realtime/realtimegateway.h"
#include "server/realtime/realtimemodule.h"
#include "server/server.h"
#include "tests/support/realtimetestserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <optional>

using namespace vw;
using namespace vw::test;
using vw::client::RealtimeClient;
using vw::client::RealtimeClientOptions;

namespace {

// One clock for send and receive times, so latencies do not include the polling of waitFor().
qint64 monotonicNs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return clock.nsecsElapsed();
}

struct ReceivedEvent
{
    QString name;
    QJsonObject payload;
    qint64 ackId = -1;
    qint64 receivedNs = 0;
};

using PayloadMatch = std::function<bool(const QJsonObject &)>;

// Runs the event loop until `done` or the timeout. Unlike QTest::qWaitFor it never sleeps
// between checks: server and clients share this thread, so every 10 ms nap would add to the
// latencies measured below.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QTimer wake; // processEvents(WaitForMoreEvents) returns at the latest on this timer
    wake.start(5);
    QElapsedTimer elapsed;
    elapsed.start();
    while (!done()) {
        if (elapsed.elapsed() >= timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1StringView(key)).toString();
}

// The app's realtime client with a log of everything the server sent it.
class Probe : public QObject
{
public:
    explicit Probe(const QString &label) : m_label(label), m_client(fastOptions())
    {
        connect(&m_client, &RealtimeClient::eventReceived, this,
            [this](const QString &name, const QJsonValue &payload, qint64 ackId) {
                const ReceivedEvent event {name, payload.toObject(), ackId, monotonicNs()};
                m_history.append(event);
                m_unread.append(event);
            });
    }

    static RealtimeClientOptions fastOptions()
    {
        RealtimeClientOptions options;
        options.ackTimeoutMs = 3000;
        options.connectTimeoutMs = 3000;
        options.reconnect.initialDelayMs = 50;
        options.reconnect.maxDelayMs = 200;
        return options;
    }

    RealtimeClient &client() { return m_client; }

    bool connectAs(const RealtimeTestServer &server, const RealtimeTestUser &user)
    {
        m_client.open(server.baseUrl(), user.accessToken);
        return spinUntil([this] { return m_client.state() == RealtimeClient::State::Connected; }, 3000);
    }

    // Takes the first not yet taken `name` event whose payload matches.
    std::optional<ReceivedEvent> waitFor(
        const QString &name, const PayloadMatch &match = {}, int timeoutMs = 3000)
    {
        std::optional<ReceivedEvent> found;
        const auto take = [&] {
            for (qsizetype i = 0; i < m_unread.size(); ++i) {
                if (m_unread.at(i).name == name && (!match || match(m_unread.at(i).payload))) {
                    found = m_unread.takeAt(i);
                    return true;
                }
            }
            return false;
        };
        if (!spinUntil(take, timeoutMs))
            return std::nullopt;
        return found;
    }

    bool staysQuietOf(const QString &name, const PayloadMatch &match = {}, int ms = 300)
    {
        return !waitFor(name, match, ms).has_value();
    }

    // Emits with an ack and waits for it; the ack's first argument (empty when none came).
    QJsonObject call(const QString &name, const QJsonObject &payload)
    {
        std::optional<QJsonObject> ack;
        m_client.emitEvent(name, payload, [&ack](const Result<QJsonArray, QString> &result) {
            ack = result.ok() ? result.value().first().toObject()
                              : QJsonObject {{QStringLiteral("clientError"), result.error()}};
        });
        if (!spinUntil([&ack] { return ack.has_value(); }, 3000))
            return {};
        return *ack;
    }

    const QList<ReceivedEvent> &history() const { return m_history; }
    const QString &label() const { return m_label; }

private:
    QString m_label;
    RealtimeClient m_client;
    QList<ReceivedEvent> m_history;
    QList<ReceivedEvent> m_unread;
};

PayloadMatch inConversation(const QString &conversationId)
{
    return [conversationId](
               const QJsonObject &payload) { return str(payload, "conversationId") == conversationId; };
}

PayloadMatch aboutMessage(const QString &messageId)
{
    return [messageId](const QJsonObject &payload) { return str(payload, "messageId") == messageId; };
}

PayloadMatch aboutUser(const QString &userId, const QString &status)
{
    return [userId, status](const QJsonObject &payload) {
        return str(payload, "userId") == userId && str(payload, "status") == status;
    };
}

} // namespace

// vw_client's RealtimeClient against the production server in-process: two users exchange
// every event of API.md's realtime table (REST and realtime sends, delivery and read
// receipts, deletes, conversation updates, typing, presence over several devices), a revoked
// session is kicked, the client reconnects after a server restart, and an outsider connected
// all along never receives anything of their conversation.
class TestRealtimeClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RealtimeTestServer> m_server;
    RealtimeTestUser m_provider;
    RealtimeTestUser m_patient;
    RealtimeTestUser m_outsider;
    QString m_conversationId;
    std::unique_ptr<Probe> m_outsiderProbe;

    QString sendOverRest(const RealtimeTestUser &sender, const QString &content)
    {
        const auto reply = m_server->clientFor(sender)->post(
            QStringLiteral("/messaging/conversations/%1/messages").arg(m_conversationId),
            QJsonObject {{QStringLiteral("content"), content}});
        if (reply.status != 201)
            return {};
        return str(reply.json(), "id");
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<RealtimeTestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_provider = m_server->addUser(QStringLiteral("dr.live"), model::UserRole::Provider);
        m_patient = m_server->addUser(QStringLiteral("pat.live"), model::UserRole::Patient);
        m_outsider = m_server->addUser(QStringLiteral("pat.outside"), model::UserRole::Patient);
        m_conversationId = m_server->openPair(m_provider, m_patient);
        QVERIFY(!m_conversationId.isEmpty());
        m_outsiderProbe = std::make_unique<Probe>(QStringLiteral("outsider"));
        QVERIFY(m_outsiderProbe->connectAs(*m_server, m_outsider));
    }

    void badTokenIsRefusedWithoutRetrying()
    {
        Probe probe(QStringLiteral("intruder"));
        QSignalSpy refused(&probe.client(), &RealtimeClient::connectError);
        probe.client().open(m_server->baseUrl(), QStringLiteral("forged.token.value"));
        QVERIFY(refused.wait(3000));
        QCOMPARE(refused.first().first().toString(), QStringLiteral("Unauthorized"));
        QTest::qWait(300);
        QCOMPARE(probe.client().state(), RealtimeClient::State::Disconnected);
        QCOMPARE(refused.size(), 1);
    }

    void restSendReachesEveryParticipantSocketAndDeliveryAckIsReported()
    {
        Probe doctor(QStringLiteral("doctor"));
        Probe patient(QStringLiteral("patient"));
        QVERIFY(doctor.connectAs(*m_server, m_provider));
        QVERIFY(patient.connectAs(*m_server, m_patient));

        const qint64 sentNs = monotonicNs();
        const QString messageId = sendOverRest(m_provider, QStringLiteral("Your results look good"));
        QVERIFY(!messageId.isEmpty());
        const auto received = patient.waitFor(QStringLiteral("message:new"), aboutMessage(messageId));
        QVERIFY(received);
        qInfo("REST send -> message:new on the other socket: %.3f ms (in-process, loopback)",
            double(received->receivedNs - sentNs) / 1e6);
        QCOMPARE(str(received->payload, "conversationId"), m_conversationId);
        const QJsonObject message = received->payload.value(QStringLiteral("message")).toObject();
        QCOMPARE(str(message, "id"), messageId);
        QCOMPARE(str(message, "content"), QStringLiteral("Your results look good"));
        QCOMPARE(str(message, "senderId"), m_provider.id());
        QVERIFY(received->ackId >= 0); // a recipient is asked to acknowledge

        // The sender's own socket learns of it too (other devices), without an ack request.
        const auto own = doctor.waitFor(QStringLiteral("message:new"), aboutMessage(messageId));
        QVERIFY(own);
        QCOMPARE(own->ackId, -1);
        QVERIFY(doctor.staysQuietOf(QStringLiteral("message:delivered"), aboutMessage(messageId)));

        patient.client().sendAck(received->ackId, QJsonArray {QJsonObject {{QStringLiteral("ok"), true}}});
        const auto delivered = doctor.waitFor(QStringLiteral("message:delivered"), aboutMessage(messageId));
        QVERIFY(delivered);
        QCOMPARE(str(delivered->payload, "conversationId"), m_conversationId);
        QVERIFY(!str(delivered->payload, "deliveredAt").isEmpty());
        // The store agrees, and a second ack of the same delivery changes nothing.
        patient.client().sendAck(received->ackId, QJsonArray {});
        QVERIFY(doctor.staysQuietOf(QStringLiteral("message:delivered"), aboutMessage(messageId)));
        const auto page
            = m_server->clientFor(m_provider)
                  ->get(QStringLiteral("/messaging/conversations/%1/messages?limit=1").arg(m_conversationId));
        QCOMPARE(str(page.json().value(QStringLiteral("messages")).toArray().first().toObject(), "status"),
            QStringLiteral("delivered"));
    }

    void deliveredEventMarksDeliveryToo()
    {
        Probe doctor(QStringLiteral("doctor"));
        Probe patient(QStringLiteral("patient"));
        QVERIFY(doctor.connectAs(*m_server, m_provider));
        QVERIFY(patient.connectAs(*m_server, m_patient));
        const QString messageId = sendOverRest(m_provider, QStringLiteral("Please confirm"));
        QVERIFY(patient.waitFor(QStringLiteral("message:new"), aboutMessage(messageId)));
        const QJsonObject ack = patient.call(
            QStringLiteral("message:delivered"), QJsonObject {{QStringLiteral("messageId"), messageId}});
        QCOMPARE(ack.value(QStringLiteral("ok")), QJsonValue(true));
        QVERIFY(doctor.waitFor(QStringLiteral("message:delivered"), aboutMessage(messageId)));
    }

    void realtimeSendSharesTheRestPath()
    {
        Probe doctor(QStringLiteral("doctor"));
        Probe patient(QStringLiteral("patient"));
        QVERIFY(doctor.connectAs(*m_server, m_provider));
        QVERIFY(patient.connectAs(*m_server, m_patient));
        const QJsonObject body {{QStringLiteral("conversationId"), m_conversationId},
            {QStringLiteral("content"), QStringLiteral("My glucose was 140 this morning")},
            {QStringLiteral("priority"), QStringLiteral("urgent")},
            {QStringLiteral("clientMessageId"), QStringLiteral("device-1-msg-1")}};
        const qint64 sentNs = monotonicNs();
        const QJsonObject ack = patient.call(QStringLiteral("message:send"), body);
        QCOMPARE(ack.value(QStringLiteral("ok")), QJsonValue(true));
        const QJsonObject message = ack.value(QStringLiteral("message")).toObject();
        const QString messageId = str(message, "id");
        QCOMPARE(str(message, "content"), QStringLiteral("My glucose was 140 this morning"));
        QCOMPARE(str(message, "priority"), QStringLiteral("urgent"));
        QCOMPARE(str(message, "clientMessageId"), QStringLiteral("device-1-msg-1"));
        const auto arrived = doctor.waitFor(QStringLiteral("message:new"), aboutMessage(messageId));
        QVERIFY(arrived);
        qInfo("message:send -> message:new on the other socket: %.3f ms (in-process, loopback)",
            double(arrived->receivedNs - sentNs) / 1e6);

        // Idempotent like REST: the same clientMessageId answers with the original, no new event.
        const QJsonObject again = patient.call(QStringLiteral("message:send"), body);
        QCOMPARE(again.value(QStringLiteral("ok")), QJsonValue(true));
        QCOMPARE(str(again.value(QStringLiteral("message")).toObject(), "id"), messageId);
        QVERIFY(doctor.staysQuietOf(QStringLiteral("message:new"), aboutMessage(messageId)));

        // Validated like REST.
        QJsonObject tooLong = body;
        tooLong.insert(QStringLiteral("content"), QString(10001, u'x'));
        tooLong.remove(QStringLiteral("clientMessageId"));
        const QJsonObject refused = patient.call(QStringLiteral("message:send"), tooLong);
        QCOMPARE(refused.value(QStringLiteral("ok")), QJsonValue(false));
        QCOMPARE(refused.value(QStringLiteral("statusCode")).toInt(), 400);

        // Audited like REST: the admin sees a message.send entry for this message.
        const auto admin = m_server->addUser(QStringLiteral("admin.live"), model::UserRole::Admin);
        const auto audit
            = m_server->clientFor(admin)->get(QStringLiteral("/admin/audit?action=message.send&limit=200"));
        QCOMPARE(audit.status, 200);
        QVERIFY(audit.body.contains(messageId.toUtf8()));
    }

    // The figure the issue asks for, printed, never asserted: send -> message:new on the
    // other user's socket, 20 times each way. In-process (server, both clients and the HTTP
    // client share one thread), so it is an upper bound of what separate processes see.
    void deliveryLatencyIsReported()
    {
        Probe doctor(QStringLiteral("doctor"));
        Probe patient(QStringLiteral("patient"));
        QVERIFY(doctor.connectAs(*m_server, m_provider));
        QVERIFY(patient.connectAs(*m_server, m_patient));
        const auto report = [](const char *path, QList<double> ms) {
            std::sort(ms.begin(), ms.end());
            qInfo("%s -> message:new over %d messages: min %.3f ms, median %.3f ms, max %.3f ms", path,
                int(ms.size()), ms.first(), ms.at(ms.size() / 2), ms.last());
        };
        QList<double> viaRest;
        QList<double> viaSocket;
        for (int i = 0; i < 20; ++i) {
            const qint64 restSentNs = monotonicNs();
            const QString restId = sendOverRest(m_provider, QStringLiteral("REST %1").arg(i));
            const auto overRest = patient.waitFor(QStringLiteral("message:new"), aboutMessage(restId));
            QVERIFY(overRest);
            viaRest.append(double(overRest->receivedNs - restSentNs) / 1e6);

            const qint64 socketSentNs = monotonicNs();
            const QJsonObject ack = patient.call(QStringLiteral("message:send"),
                QJsonObject {{QStringLiteral("conversationId"), m_conversationId},
                    {QStringLiteral("content"), QStringLiteral("socket %1").arg(i)}});
            const auto overSocket = doctor.waitFor(QStringLiteral("message:new"),
                aboutMessage(str(ack.value(QStringLiteral("message")).toObject(), "id")));
            QVERIFY(overSocket);
            viaSocket.append(double(overSocket->receivedNs - socketSentNs) / 1e6);
        }
        report("REST send", viaRest);
        report("message:send", viaSocket);
    }

    void readReceiptsFlowBothWays()
    {
        Probe doctor(QStringLiteral("doctor"));
        Probe patient(QStringLiteral("patient"));
        Probe patientTablet(QStringLiteral("patient tablet"));
        QVERIFY(doctor.connectAs(*m_server, m_provider));
        QVERIFY(patient.connectAs(*m_server, m_patient));
        QVERIFY(patientTablet.connectAs(*m_server, m_patient));
        const QString fromDoctor = sendOverRest(m_provider, QStringLiteral("Take 5 mg tonight"));
        QVERIFY(patient.waitFor(QStringLiteral("message:new"), aboutMessage(fromDoctor)));

        // REST read by the patient: the doctor gets message:read; the patient's other device
        // gets the conversation with its unread count back to 0.
        const auto read = m_server->clientFor(m_patient)->send(
            "PATCH", QStringLiteral("/messaging/messages/%1/read").arg(fromDoctor));
        QCOMPARE(read.status, 200);
        const auto receipt = doctor.waitFor(QStringLiteral("message:read"), aboutMessage(fromDoctor));
        QVERIFY(receipt);
        QCOMPARE(str(receipt->payload, "readerId"), m_patient.id());
        QCOMPARE(str(receipt->payload, "conversationId"), m_conversationId);
        QVERIFY(!str(receipt->payload, "readAt").isEmpty());
        QVERIFY(patient.staysQuietOf(QStringLiteral("message:read"), aboutMessage(fromDoctor)));
        const auto updated = patientTablet.waitFor(QStringLiteral("conversation:updated"),
            [this](const QJsonObject &conversation) { return str(conversation, "id") == m_conversationId; });
        QVERIFY(updated);
        QCOMPARE(updated->payload.value(QStringLiteral("unreadCount")).toInt(-1), 0);

        // Realtime read by the doctor.
        const QString fromPatient = sendOverRest(m_patient, QStringLiteral("Will do"));
        QVERIFY(doctor.waitFor(QStringLiteral("message:new"), aboutMessage(fromPatient)));
        const QJsonObject ack = doctor.call(QStringLiteral("message:read"),
            QJsonObject {{QStringLiteral("conversationId"), m_conversationId},
                {QStringLiteral("messageId"), fromPatient}});
        QCOMPARE(ack.value(QStringLiteral("ok")), QJsonValue(true));
        QCOMPARE(str(ack.value(QStringLiteral("message")).toObject(), "status"), QStringLiteral("read"));
        const auto realtimeReceipt
            = patient.waitFor(QStringLiteral("message:read"), aboutMessage(fromPatient));
        QVERIFY(realtimeReceipt);
        QCOMPARE(str(realtimeReceipt->payload, "readerId"), m_provider.id());
    }

    void deletesAndConversationUpdatesReachParticipants()
    {
        Probe doctor(QStringLiteral("doctor"));
        Probe patient(QStringLiteral("patient"));
        QVERIFY(doctor.connectAs(*m_server, m_provider));
        QVERIFY(patient.connectAs(*m_server, m_patient));
        const QString messageId = sendOverRest(m_provider, QStringLiteral("Sent to the wrong patient"));
        QVERIFY(patient.waitFor(QStringLiteral("message:new"), aboutMessage(messageId)));
        const auto removed = m_server->clientFor(m_provider)
                                 ->send("DELETE", QStringLiteral("/messaging/messages/%1").arg(messageId));
        QCOMPARE(removed.status, 204);
        QVERIFY(patient.waitFor(QStringLiteral("message:deleted"), aboutMessage(messageId)));
        QVERIFY(doctor.waitFor(QStringLiteral("message:deleted"), aboutMessage(messageId)));
        QVERIFY(patient.waitFor(QStringLiteral("conversation:updated")));

        // A conversation opened by someone else shows up live in the list.
        const auto newPatient = m_server->addUser(QStringLiteral("pat.new"), model::UserRole::Patient);
        Probe newcomer(QStringLiteral("newcomer"));
        QVERIFY(newcomer.connectAs(*m_server, newPatient));
        const QString opened = m_server->openPair(m_provider, newPatient);
        const auto appeared = newcomer.waitFor(QStringLiteral("conversation:updated"),
            [&opened](const QJsonObject &conversation) { return str(conversation, "id") == opened; });
        QVERIFY(appeared);
        QCOMPARE(appeared->payload.value(QStringLiteral("participantIds")).toArray().size(), 2);
    }

    void typingIsRelayedThrottledAndExpires()
    {
        Probe doctor(QStringLiteral("doctor"));
        Probe patient(QStringLiteral("patient"));
        QVERIFY(doctor.connectAs(*m_server, m_provider));
        QVERIFY(patient.connectAs(*m_server, m_patient));
        const QJsonObject typing {
            {QStringLiteral("conversationId"), m_conversationId}, {QStringLiteral("isTyping"), true}};
        QCOMPARE(
            patient.call(QStringLiteral("typing"), typing).value(QStringLiteral("ok")), QJsonValue(true));
        const auto started = doctor.waitFor(QStringLiteral("typing"), inConversation(m_conversationId));
        QVERIFY(started);
        QCOMPARE(str(started->payload, "userId"), m_patient.id());
        QCOMPARE(started->payload.value(QStringLiteral("isTyping")), QJsonValue(true));
        QVERIFY(patient.staysQuietOf(QStringLiteral("typing"), {}, 100)); // not echoed to the typer

        // A burst of refreshes is relayed at most once per relay interval (200 ms here).
        for (int i = 0; i < 5; ++i)
            patient.client().emitEvent(QStringLiteral("typing"), typing);
        QVERIFY(doctor.staysQuietOf(QStringLiteral("typing"), {}, 100));

        // No refresh for the typing timeout (400 ms here): cleared for everyone.
        const auto expired = doctor.waitFor(QStringLiteral("typing"), inConversation(m_conversationId), 2000);
        QVERIFY(expired);
        QCOMPARE(expired->payload.value(QStringLiteral("isTyping")), QJsonValue(false));

        // REST typing goes the same way, and the typer disconnecting clears it at once.
        const auto rest
            = m_server->clientFor(m_provider)
                  ->post(QStringLiteral("/messaging/conversations/%1/typing").arg(m_conversationId),
                      QJsonObject {{QStringLiteral("isTyping"), true}});
        QCOMPARE(rest.status, 204);
        QVERIFY(patient.waitFor(QStringLiteral("typing"),
            [](const QJsonObject &payload) { return payload.value(QStringLiteral("isTyping")).toBool(); }));
        QVERIFY(patient.call(QStringLiteral("typing"), typing).value(QStringLiteral("ok")).toBool());
        QVERIFY(doctor.waitFor(QStringLiteral("typing"), inConversation(m_conversationId)));
        patient.client().close();
        const auto gone = doctor.waitFor(QStringLiteral("typing"), inConversation(m_conversationId), 300);
        QVERIFY(gone);
        QCOMPARE(gone->payload.value(QStringLiteral("isTyping")), QJsonValue(false));
    }

    void presenceCountsEveryDeviceAndStoresLastSeen()
    {
        Probe doctor(QStringLiteral("doctor"));
        QVERIFY(doctor.connectAs(*m_server, m_provider));
        // Earlier tests' sockets may still be closing: start from the patient offline.
        QTRY_VERIFY(!m_server->server().realtime()->gateway().presence().isOnline(m_patient.user.id));
        auto phone = std::make_unique<Probe>(QStringLiteral("phone"));
        auto desktop = std::make_unique<Probe>(QStringLiteral("desktop"));
        QVERIFY(phone->connectAs(*m_server, m_patient));
        const auto online = doctor.waitFor(
            QStringLiteral("user:status"), aboutUser(m_patient.id(), QStringLiteral("online")));
        QVERIFY(online);
        QVERIFY(!str(online->payload, "lastSeenAt").isEmpty());

        const auto users = m_server->clientFor(m_provider)->get(QStringLiteral("/users?role=patient"));
        bool listedOnline = false;
        for (const QJsonValue &user : users.json().value(QStringLiteral("users")).toArray()) {
            if (str(user.toObject(), "id") == m_patient.id())
                listedOnline = user.toObject().value(QStringLiteral("online")).toBool();
        }
        QVERIFY(listedOnline);

        QVERIFY(desktop->connectAs(*m_server, m_patient));
        QVERIFY(doctor.staysQuietOf(
            QStringLiteral("user:status"), aboutUser(m_patient.id(), QStringLiteral("online"))));
        phone.reset(); // one device gone: still online
        QVERIFY(doctor.staysQuietOf(
            QStringLiteral("user:status"), aboutUser(m_patient.id(), QStringLiteral("offline"))));
        desktop->client().close(); // the last one: offline
        const auto offline = doctor.waitFor(
            QStringLiteral("user:status"), aboutUser(m_patient.id(), QStringLiteral("offline")));
        QVERIFY(offline);
        const auto lastSeen = QDateTime::fromString(str(offline->payload, "lastSeenAt"), Qt::ISODateWithMs);
        QVERIFY(lastSeen.isValid());

        const auto me = m_server->clientFor(m_patient)->get(QStringLiteral("/auth/me"));
        QCOMPARE(me.json().value(QStringLiteral("online")), QJsonValue(false));
        QCOMPARE(QDateTime::fromString(str(me.json(), "lastSeenAt"), Qt::ISODateWithMs), lastSeen);
    }

    void revokedSessionIsKickedAtOnce()
    {
        const RealtimeTestUser otherSession = m_server->signIn(QStringLiteral("pat.live"));
        Probe kicked(QStringLiteral("kicked"));
        Probe stays(QStringLiteral("stays"));
        QVERIFY(kicked.connectAs(*m_server, m_patient));
        QVERIFY(stays.connectAs(*m_server, otherSession));
        QSignalSpy disconnected(&kicked.client(), &RealtimeClient::disconnected);
        const auto logout = m_server->clientFor(m_patient)->post(QStringLiteral("/auth/logout"), {});
        QCOMPARE(logout.status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 2000); // may already have come during the request
        QCOMPARE(disconnected.first().first().toString(), QStringLiteral("io server disconnect"));
        QTest::qWait(300);
        QCOMPARE(kicked.client().state(), RealtimeClient::State::Disconnected); // no reconnect
        QCOMPARE(stays.client().state(), RealtimeClient::State::Connected);

        // The revoked token cannot come back in.
        QSignalSpy refused(&kicked.client(), &RealtimeClient::connectError);
        kicked.client().open(m_server->baseUrl(), m_patient.accessToken);
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 2000);
        QCOMPARE(refused.first().first().toString(), QStringLiteral("Unauthorized"));
        m_patient = otherSession;
    }

    void rateLimitFloodClosesOnlyTheFlooder()
    {
        RealtimeTestServer limited(RealtimeTestServer::fastSettings(), 3);
        QVERIFY2(limited.start(), qPrintable(limited.errorString()));
        const auto doctor = limited.addUser(QStringLiteral("dr.limit"), model::UserRole::Provider);
        const auto patient = limited.addUser(QStringLiteral("pat.limit"), model::UserRole::Patient);
        const QString conversationId = limited.openPair(doctor, patient);
        Probe flooder(QStringLiteral("flooder"));
        Probe neighbour(QStringLiteral("neighbour"));
        QVERIFY(flooder.connectAs(limited, patient));
        QVERIFY(neighbour.connectAs(limited, doctor));
        const QJsonObject body {{QStringLiteral("conversationId"), conversationId},
            {QStringLiteral("content"), QStringLiteral("hello")}};
        for (int i = 0; i < 3; ++i)
            QCOMPARE(flooder.call(QStringLiteral("message:send"), body).value(QStringLiteral("ok")),
                QJsonValue(true));
        const QJsonObject limitedAck = flooder.call(QStringLiteral("message:send"), body);
        QCOMPARE(limitedAck.value(QStringLiteral("statusCode")).toInt(), 429);
        QVERIFY(limitedAck.value(QStringLiteral("retryAfterSeconds")).toInt() > 0);
        QSignalSpy closed(&flooder.client(), &RealtimeClient::disconnected);
        for (int i = 0; i < 12; ++i)
            flooder.client().emitEvent(QStringLiteral("message:send"), body);
        QVERIFY(closed.wait(2000));
        QCOMPARE(neighbour.client().state(), RealtimeClient::State::Connected);
        QCOMPARE(neighbour
                     .call(QStringLiteral("conversation:join"),
                         QJsonObject {{QStringLiteral("conversationId"), conversationId}})
                     .value(QStringLiteral("ok")),
            QJsonValue(true));
    }

    void outsiderNeverReceivedAnythingOfTheConversation()
    {
        // The outsider was connected while every test above ran: sends both ways, receipts,
        // typing, deletes, presence changes of both participants.
        // (A heartbeat missed while another test blocked the thread may have made it reconnect;
        // its log spans every connection.)
        QTRY_VERIFY_WITH_TIMEOUT(m_outsiderProbe->client().state() == RealtimeClient::State::Connected, 5000);
        const QJsonObject refused = m_outsiderProbe->call(QStringLiteral("conversation:join"),
            QJsonObject {{QStringLiteral("conversationId"), m_conversationId}});
        QCOMPARE(refused.value(QStringLiteral("ok")), QJsonValue(false));
        QCOMPARE(refused.value(QStringLiteral("statusCode")).toInt(), 404);
        const QStringList insiders {m_provider.id(), m_patient.id()};
        for (const ReceivedEvent &event : m_outsiderProbe->history()) {
            QVERIFY2(str(event.payload, "conversationId") != m_conversationId, qPrintable(event.name));
            QVERIFY2(str(event.payload, "id") != m_conversationId, qPrintable(event.name));
            QVERIFY2(!insiders.contains(str(event.payload, "userId")), qPrintable(event.name));
        }
        QVERIFY(m_outsiderProbe->history().isEmpty());
    }

    void clientReconnectsAfterAServerRestart()
    {
        Probe doctor(QStringLiteral("doctor"));
        QVERIFY(doctor.connectAs(*m_server, m_provider));
        QSignalSpy lost(&doctor.client(), &RealtimeClient::disconnected);
        QSignalSpy back(&doctor.client(), &RealtimeClient::connected);
        QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 3000);
        QCOMPARE(lost.first().first().toString(), QStringLiteral("transport close"));
        QTRY_COMPARE_WITH_TIMEOUT(back.size(), 1, 5000);
        // Served again: a message sent now arrives.
        const QString messageId = sendOverRest(m_patient, QStringLiteral("Are you there?"));
        QVERIFY(!messageId.isEmpty());
        QVERIFY(doctor.waitFor(QStringLiteral("message:new"), aboutMessage(messageId)));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestRealtimeClient)
#include "tst_realtimeclient.moc"
