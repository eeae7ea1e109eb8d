#include "app/client/outbox.h"
#include "app/client/outboxkey.h"
#include "app/client/outboxsender.h"
#include "tests/support/realtimetestserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace vw;
using vw::client::Outbox;
using vw::client::OutboxEntry;
using vw::client::OutboxKey;
using vw::client::OutboxSender;
using vw::client::OutboxSenderOptions;
using vw::client::SendResult;

namespace {

const QString kPassword = QStringLiteral("outbox sender test password");
const QUuid kUser = QUuid::fromString(QStringLiteral("33333333-3333-4333-8333-333333333333"));

OutboxEntry entry(const QString &content, const QUuid &conversation = QUuid::createUuid())
{
    OutboxEntry e;
    e.conversationId = conversation;
    e.content = content;
    return e;
}

// A send function under the test's control: records every call and keeps the completion
// so the test decides when, and how, each attempt ends.
struct FakeTransport
{
    QStringList sentIds;
    QStringList sentContents;
    QList<OutboxSender::Completion> completions;
    // When set, every attempt completes at once with this result.
    std::optional<SendResult> immediate;

    OutboxSender::SendFunction function()
    {
        return [this](const OutboxEntry &e, OutboxSender::Completion done) {
            sentIds.append(e.clientMessageId);
            sentContents.append(e.content);
            if (immediate)
                done(*immediate);
            else
                completions.append(std::move(done));
        };
    }

    void complete(const SendResult &result)
    {
        QVERIFY(!completions.isEmpty());
        completions.takeFirst()(result);
    }
};

// Backoff long enough that no retry fires on its own during a test.
OutboxSenderOptions noAutomaticRetry()
{
    OutboxSenderOptions options;
    options.backoff.initialDelayMs = 60000;
    options.backoff.maxDelayMs = 60000;
    return options;
}

} // namespace

class TestOutboxSender : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Outbox> openOutbox(const QString &dir)
    {
        auto key = OutboxKey::unlock(dir, kPassword);
        if (!key)
            return nullptr;
        return std::make_unique<Outbox>(dir, kUser, std::move(key).value());
    }

    QStringList enqueue(Outbox &outbox, const QStringList &contents)
    {
        QStringList ids;
        for (const QString &content : contents)
            ids.append(outbox.enqueue(entry(content)).value().clientMessageId);
        return ids;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Outbox> m_outbox;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_outbox = openOutbox(m_dir->path());
        QVERIFY(m_outbox);
    }

    void cleanup()
    {
        m_outbox.reset();
        m_dir.reset();
    }

    void sendsInOrderWhenOnline()
    {
        const QStringList ids
            = enqueue(*m_outbox, {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")});
        FakeTransport transport;
        transport.immediate = SendResult::sent();
        OutboxSender sender(m_outbox.get(), transport.function());
        QSignalSpy sent(&sender, &OutboxSender::entrySent);
        QSignalSpy drained(&sender, &OutboxSender::drained);

        QTest::qWait(20);
        QVERIFY(transport.sentIds.isEmpty()); // offline until told otherwise

        sender.setOnline(true);
        QCOMPARE(transport.sentIds, ids);
        QCOMPARE(sent.size(), 3);
        QCOMPARE(sent.at(2).at(0).toString(), ids.at(2));
        QCOMPARE(drained.size(), 1);
        QVERIFY(m_outbox->isEmpty());
    }

    void sendsOneAtATime()
    {
        const QStringList ids
            = enqueue(*m_outbox, {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")});
        FakeTransport transport;
        OutboxSender sender(m_outbox.get(), transport.function());
        sender.setOnline(true);
        QCOMPARE(transport.sentIds, QStringList {ids.at(0)});
        QVERIFY(sender.isSending());
        sender.flush(); // nothing more while one is under way
        QTest::qWait(10);
        QCOMPARE(transport.sentIds.size(), 1);

        transport.complete(SendResult::sent());
        QCOMPARE(transport.sentIds, (QStringList {ids.at(0), ids.at(1)}));
        QCOMPARE(m_outbox->size(), 2);
        transport.complete(SendResult::sent());
        transport.complete(SendResult::sent());
        QCOMPARE(transport.sentIds, ids);
        QVERIFY(m_outbox->isEmpty());
        QVERIFY(!sender.isSending());
    }

    void newEntriesGoOutWhileOnline()
    {
        FakeTransport transport;
        transport.immediate = SendResult::sent();
        OutboxSender sender(m_outbox.get(), transport.function());
        sender.setOnline(true);
        const QString id
            = m_outbox->enqueue(entry(QStringLiteral("typed while online"))).value().clientMessageId;
        QTRY_COMPARE(transport.sentIds, QStringList {id});
        QVERIFY(m_outbox->isEmpty());

        sender.setOnline(false);
        const QString queued
            = m_outbox->enqueue(entry(QStringLiteral("typed offline"))).value().clientMessageId;
        QTest::qWait(20);
        QCOMPARE(transport.sentIds.size(), 1);
        sender.setOnline(true);
        QCOMPARE(transport.sentIds, (QStringList {id, queued}));
    }

    void retryLaterStopsUntilOnlineAgain()
    {
        const QStringList ids = enqueue(*m_outbox, {QStringLiteral("1"), QStringLiteral("2")});
        FakeTransport transport;
        OutboxSender sender(m_outbox.get(), transport.function(), noAutomaticRetry());
        QSignalSpy scheduled(&sender, &OutboxSender::retryScheduled);
        sender.setOnline(true);
        transport.complete(SendResult::retryLater(QStringLiteral("HTTP 503")));
        QCOMPARE(scheduled.size(), 1);
        QVERIFY(sender.isWaitingToRetry());
        QTest::qWait(30);
        // The second entry must not overtake the first.
        QCOMPARE(transport.sentIds, QStringList {ids.at(0)});
        QCOMPARE(m_outbox->size(), 2);

        sender.setOnline(true); // reconnected: retry at once
        QCOMPARE(transport.sentIds, (QStringList {ids.at(0), ids.at(0)}));
        transport.complete(SendResult::sent());
        transport.complete(SendResult::sent());
        QCOMPARE(transport.sentIds, (QStringList {ids.at(0), ids.at(0), ids.at(1)}));
        QVERIFY(m_outbox->isEmpty());
    }

    void retryLaterRetriesAfterTheBackoff()
    {
        const QStringList ids = enqueue(*m_outbox, {QStringLiteral("1")});
        FakeTransport transport;
        OutboxSenderOptions options;
        options.backoff.initialDelayMs = 20;
        options.backoff.jitter = 0;
        OutboxSender sender(m_outbox.get(), transport.function(), options);
        QSignalSpy scheduled(&sender, &OutboxSender::retryScheduled);
        sender.setOnline(true);
        transport.complete(SendResult::retryLater());
        QCOMPARE(transport.sentIds.size(), 1); // not before the delay
        QTRY_COMPARE(transport.sentIds.size(), 2);
        QCOMPARE(scheduled.at(0).at(0).toInt(), 20);
        transport.complete(SendResult::retryLater());
        QTRY_COMPARE(transport.sentIds.size(), 3);
        QCOMPARE(scheduled.at(1).at(0).toInt(), 40); // backing off
        transport.complete(SendResult::sent());
        QVERIFY(m_outbox->isEmpty());
        QCOMPARE(transport.sentIds, (QStringList {ids.at(0), ids.at(0), ids.at(0)}));
    }

    void retryLaterWhileOfflineWaitsForOnline()
    {
        enqueue(*m_outbox, {QStringLiteral("1")});
        FakeTransport transport;
        OutboxSenderOptions options;
        options.backoff.initialDelayMs = 5;
        OutboxSender sender(m_outbox.get(), transport.function(), options);
        sender.setOnline(true);
        sender.setOnline(false); // the connection dropped while the send was under way
        transport.complete(SendResult::retryLater(QStringLiteral("connection lost")));
        QTest::qWait(30);
        QCOMPARE(transport.sentIds.size(), 1);
        sender.setOnline(true);
        QCOMPARE(transport.sentIds.size(), 2);
    }

    void rejectedMovesAsideAndContinues()
    {
        const QStringList ids
            = enqueue(*m_outbox, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        FakeTransport transport;
        OutboxSender sender(m_outbox.get(), transport.function());
        QSignalSpy failed(&sender, &OutboxSender::entryFailed);
        QSignalSpy drained(&sender, &OutboxSender::drained);
        sender.setOnline(true);
        transport.complete(SendResult::sent());
        transport.complete(SendResult::rejected(QStringLiteral("Conversation not found")));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), ids.at(1));
        QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("Conversation not found"));
        transport.complete(SendResult::sent());
        QCOMPARE(transport.sentIds, ids);
        QCOMPARE(drained.size(), 1);
        QVERIFY(m_outbox->isEmpty());
        QCOMPARE(sender.failed().size(), 1);
        QCOMPARE(sender.failed().at(0).entry.content, QStringLiteral("b"));
        QCOMPARE(sender.failed().at(0).reason, QStringLiteral("Conversation not found"));

        // Still there after a restart.
        m_outbox = openOutbox(m_dir->path());
        QVERIFY(m_outbox);
        QCOMPARE(m_outbox->failed().size(), 1);
        QVERIFY(m_outbox->isEmpty());
    }

    void lateAndRepeatedCompletionsAreIgnored()
    {
        const QStringList ids = enqueue(*m_outbox, {QStringLiteral("1"), QStringLiteral("2")});
        FakeTransport transport;
        OutboxSenderOptions options = noAutomaticRetry();
        options.sendTimeoutMs = 30;
        OutboxSender sender(m_outbox.get(), transport.function(), options);
        QSignalSpy scheduled(&sender, &OutboxSender::retryScheduled);
        sender.setOnline(true);
        QTRY_COMPARE(scheduled.size(), 1); // no answer: timed out
        const OutboxSender::Completion late = transport.completions.takeFirst();
        late(SendResult::sent()); // the stale answer does not remove the entry
        QCOMPARE(m_outbox->size(), 2);

        sender.flush();
        QCOMPARE(transport.sentIds, (QStringList {ids.at(0), ids.at(0)}));
        const OutboxSender::Completion current = transport.completions.takeFirst();
        current(SendResult::sent());
        current(SendResult::rejected(QStringLiteral("twice"))); // ignored
        QCOMPARE(sender.failed().size(), 0);
        QCOMPARE(transport.sentIds.size(), 3);
        QCOMPARE(m_outbox->size(), 1);
    }

    void completionAfterTheSenderIsGoneIsHarmless()
    {
        enqueue(*m_outbox, {QStringLiteral("1")});
        FakeTransport transport;
        {
            OutboxSender sender(m_outbox.get(), transport.function());
            sender.setOnline(true);
        }
        transport.complete(SendResult::sent());
        QCOMPARE(m_outbox->size(), 1);
    }

    // The server stored the message but the app died before markSent(): the next start sends
    // the same clientMessageId again, and the server's idempotency does the rest.
    void crashBeforeMarkSentResendsTheSameId()
    {
        const QStringList ids = enqueue(*m_outbox, {QStringLiteral("1"), QStringLiteral("2")});
        QString firstAttempt;
        {
            FakeTransport transport;
            OutboxSender sender(m_outbox.get(), transport.function());
            sender.setOnline(true);
            firstAttempt = transport.sentIds.value(0);
            m_outbox.reset(); // "crash": the completion never comes
        }
        QCOMPARE(firstAttempt, ids.at(0));

        m_outbox = openOutbox(m_dir->path());
        QVERIFY(m_outbox);
        FakeTransport transport;
        transport.immediate = SendResult::sent();
        OutboxSender sender(m_outbox.get(), transport.function());
        sender.setOnline(true);
        QCOMPARE(transport.sentIds, ids);
        QVERIFY(m_outbox->isEmpty());
    }

    // End to end against the real server: the REST send, a crash between "the server stored
    // it" and markSent(), a restart, and exactly one message on the server.
    void realServerStoresAResentMessageOnce()
    {
        test::RealtimeTestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const auto provider = server.addUser(QStringLiteral("dr.outbox"), model::UserRole::Provider);
        const auto patient = server.addUser(QStringLiteral("pat.outbox"), model::UserRole::Patient);
        const QString conversation = server.openPair(provider, patient);
        QVERIFY(!conversation.isEmpty());
        const auto http = server.clientFor(patient);
        const QString path = QStringLiteral("/messaging/conversations/%1/messages");

        QList<int> statuses;
        const auto post = [&](const OutboxEntry &e) {
            QJsonObject body {{QStringLiteral("content"), e.content},
                {QStringLiteral("clientMessageId"), e.clientMessageId},
                {QStringLiteral("priority"), e.priority}};
            const auto reply = http->post(path.arg(e.conversationId.toString(QUuid::WithoutBraces)), body);
            statuses.append(reply.status);
            return reply;
        };
        const auto send = [&](const OutboxEntry &e, const OutboxSender::Completion &done) {
            const auto reply = post(e);
            if (reply.status == 200 || reply.status == 201)
                done(SendResult::sent());
            else if (reply.status >= 400 && reply.status < 500 && reply.status != 408 && reply.status != 429)
                done(SendResult::rejected(reply.json().value(QStringLiteral("message")).toString()));
            else
                done(SendResult::retryLater(QStringLiteral("HTTP %1").arg(reply.status)));
        };

        const QUuid conversationId = QUuid::fromString(conversation);
        const QString first = m_outbox->enqueue(entry(QStringLiteral("Queued while offline"), conversationId))
                                  .value()
                                  .clientMessageId;
        const QString second = m_outbox->enqueue(entry(QStringLiteral("And a second one"), conversationId))
                                   .value()
                                   .clientMessageId;
        const QString gone = m_outbox->enqueue(entry(QStringLiteral("To nowhere"))).value().clientMessageId;
        {
            // The first attempt reaches the server, then the app dies before markSent().
            OutboxSender crashing(
                m_outbox.get(), [&](const OutboxEntry &e, const OutboxSender::Completion &) { post(e); });
            crashing.setOnline(true);
            QCOMPARE(statuses, QList<int> {201});
            m_outbox.reset();
        }

        m_outbox = openOutbox(m_dir->path());
        QVERIFY(m_outbox);
        QCOMPARE(m_outbox->head()->clientMessageId, first);
        OutboxSender sender(m_outbox.get(), send);
        QSignalSpy failed(&sender, &OutboxSender::entryFailed);
        sender.setOnline(true);
        // The resend is answered 200 with the stored message; the unknown conversation is refused.
        QCOMPARE(statuses, (QList<int> {201, 200, 201, 404}));
        QVERIFY(m_outbox->isEmpty());
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), gone);

        const auto page = http->get(path.arg(conversation) + QStringLiteral("?limit=100"));
        QCOMPARE(page.status, 200);
        const QJsonArray messages = page.json().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QStringList clientIds;
        QStringList contents;
        for (const QJsonValue &message : messages) {
            clientIds.append(message.toObject().value(QStringLiteral("clientMessageId")).toString());
            contents.append(message.toObject().value(QStringLiteral("content")).toString());
        }
        QCOMPARE(clientIds.count(first), 1);
        QCOMPARE(clientIds.count(second), 1);
        QVERIFY(contents.contains(QStringLiteral("Queued while offline")));
    }
};

QTEST_GUILESS_MAIN(TestOutboxSender)
#include "tst_outboxsender.moc"
