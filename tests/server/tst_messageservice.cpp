#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/messaging/conversationservice.h"
#include "server/messaging/messagesearch.h"
#include "server/messaging/messageservice.h"
#include "server/messaging/messagingevents.h"
#include "server/messaging/messagingmodule.h"
#include "server/messaging/ratelimiter.h"
#include "server/messaging/searchindexfile.h"
#include "server/metrics/metrics.h"
#include "server/store/database.h"
#include "server/store/sqlquery.h"
#include "server/users/userrepository.h"
#include "tests/support/serverfixture.h"
#include "tests/support/serviceusers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace vw;
using namespace vw::server;
using namespace vw::server::messaging;

using vw::test::principalOf;

namespace {

const ClientInfo kClient = vw::test::kTestClient;

QJsonObject body(const QString &content, const QString &clientMessageId = {})
{
    QJsonObject object {{QStringLiteral("content"), content}};
    if (!clientMessageId.isEmpty())
        object.insert(QStringLiteral("clientMessageId"), clientMessageId);
    return object;
}

QList<QUuid> idsOf(const QList<model::Message> &messages)
{
    QList<QUuid> ids;
    for (const auto &message : messages)
        ids.append(message.id);
    return ids;
}

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

// MessageService and MessageSearch on a real SQLite store: validation, idempotency, pages
// both ways, read semantics, soft delete, rate limiting, blind-index search, and ciphertext
// bound to its row.
class TestMessageService : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        test::TestServerStack::Options options;
        options.serverOptions.messagesPerMinute = 1000;
        m_stack = std::make_unique<test::TestServerStack>(options);
        QVERIFY2(m_stack->isValid(), qPrintable(m_stack->errorString()));
        m_module = std::make_unique<MessagingModule>(m_stack->context(), m_stack->users());
        m_patient = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("pat"), model::UserRole::Patient);
        m_provider = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("doc"), model::UserRole::Provider);
        m_other = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("other"), model::UserRole::Patient);
        auto pair = m_module->conversations().createPair(
            principalOf(m_patient), kClient, m_patient.id, m_provider.id);
        QVERIFY(pair.ok());
        m_conversation = pair.value().conversation.id;
        auto otherPair
            = m_module->conversations().createPair(principalOf(m_other), kClient, m_other.id, m_provider.id);
        QVERIFY(otherPair.ok());
        m_otherConversation = otherPair.value().conversation.id;
    }

    void cleanup()
    {
        m_module.reset();
        m_stack.reset();
    }

    void sendValidation_data()
    {
        QTest::addColumn<QJsonObject>("request");
        QTest::addColumn<QString>("message");
        QTest::newRow("no content") << parse("{}") << QStringLiteral("content: is required");
        QTest::newRow("null content")
            << parse(R"({"content":null})") << QStringLiteral("content: expected a string");
        QTest::newRow("number content")
            << parse(R"({"content":5})") << QStringLiteral("content: expected a string");
        QTest::newRow("empty content")
            << parse(R"({"content":""})") << QStringLiteral("content: must not be empty");
        QTest::newRow("too long") << QJsonObject {{QStringLiteral("content"), QString(10001, u'x')}}
                                  << QStringLiteral("content: must be at most 10000 characters");
        QTest::newRow("bad type") << parse(R"({"content":"a","type":"video"})")
                                  << QStringLiteral("type: expected one of: text, image, file, system");
        QTest::newRow("system type") << parse(R"({"content":"a","type":"system"})")
                                     << QStringLiteral("type: system messages are sent by the platform only");
        QTest::newRow("image type without files")
            << parse(R"({"content":"a","type":"image"})")
            << QStringLiteral("type: image and file messages need attachmentIds");
        QTest::newRow("type number") << parse(R"({"content":"a","type":1})")
                                     << QStringLiteral("type: expected one of: text, image, file, system");
        QTest::newRow("bad replyToId")
            << parse(R"({"content":"a","replyToId":"x"})") << QStringLiteral("replyToId: expected a UUID");
        QTest::newRow("bad priority") << parse(R"({"content":"a","priority":"high"})")
                                      << QStringLiteral("priority: expected one of: normal, urgent");
        QTest::newRow("clientMessageId empty") << parse(R"({"content":"a","clientMessageId":""})")
                                               << QStringLiteral("clientMessageId: must not be empty");
        QTest::newRow("clientMessageId long")
            << QJsonObject {{QStringLiteral("content"), QStringLiteral("a")},
                   {QStringLiteral("clientMessageId"), QString(65, u'c')}}
            << QStringLiteral("clientMessageId: must be at most 64 characters");
        QTest::newRow("clientMessageId number") << parse(R"({"content":"a","clientMessageId":7})")
                                                << QStringLiteral("clientMessageId: expected a string");
        QTest::newRow("unknown attachment")
            << parse(R"({"content":"a","attachmentIds":["6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"]})")
            << QStringLiteral(
                   "attachmentIds: 6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f is not an unsent upload of "
                   "yours in this conversation");
        QTest::newRow("attachment twice")
            << parse(R"({"content":"a","attachmentIds":["6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",)"
                     R"("6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f"]})")
            << QStringLiteral("attachmentIds: an attachment is listed twice");
        QTest::newRow("attachments not array") << parse(R"({"content":"a","attachmentIds":"x"})")
                                               << QStringLiteral("attachmentIds: expected an array");
        QTest::newRow("attachments bad element") << parse(R"({"content":"a","attachmentIds":["x"]})")
                                                 << QStringLiteral("attachmentIds[0]: expected a UUID");
    }

    void sendValidation()
    {
        QFETCH(QJsonObject, request);
        QFETCH(QString, message);
        auto sent = messages().send(principalOf(m_patient), kClient, m_conversation, request);
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().kind, ServiceError::Kind::BadRequest);
        QCOMPARE(sent.error().message, message);
    }

    void sendStoresAndAnnounces()
    {
        QSignalSpy created(&m_module->events(), &MessagingEvents::messageCreated);
        QJsonObject request = body(QStringLiteral("Hello doctor"), QStringLiteral("c-1"));
        request.insert(QStringLiteral("priority"), QStringLiteral("urgent"));
        request.insert(QStringLiteral("attachmentIds"), QJsonArray());
        auto sent = messages().send(principalOf(m_patient), kClient, m_conversation, request);
        QVERIFY(sent.ok());
        QVERIFY(sent.value().created);
        const model::Message &message = sent.value().message;
        QCOMPARE(message.content, QStringLiteral("Hello doctor"));
        QCOMPARE(message.senderId, m_patient.id);
        QCOMPARE(message.conversationId, m_conversation);
        QCOMPARE(message.priority, model::MessagePriority::Urgent);
        QCOMPARE(message.type, model::MessageType::Text);
        QCOMPARE(message.status, model::MessageStatus::Sent);
        QCOMPARE(message.clientMessageId, std::optional<QString>(QStringLiteral("c-1")));
        QCOMPARE(message.createdAt, m_stack->clock().nowUtc());
        QCOMPARE(created.size(), 1);
        QCOMPARE(created.first().at(0).value<model::Message>(), message);
        QCOMPARE(created.first().at(1).value<QList<QUuid>>().size(), 2);
        // The wire JSON rides along as text, serialised once for the fan-out and the sender's ack.
        QCOMPARE(
            QJsonDocument::fromJson(created.first().at(2).toByteArray()).object(), model::toJson(message));
        QCOMPARE(sent.value().wireText(), created.first().at(2).toByteArray());
        QCOMPARE(sent.value().wire(), model::toJson(message));
        QVERIFY(m_stack->metrics().renderPrometheus().contains("vytalwatch_messages_stored_total 1\n"));

        // The audit entry names ids and the length, never the content.
        audit::AuditQuery query;
        query.action = audit::actions::kMessageSend;
        const auto entries = m_stack->audit().find(query);
        QVERIFY(entries.ok());
        QCOMPARE(entries.value().size(), 1);
        QCOMPARE(entries.value().first().targetId, model::uuidToWire(message.id));
        QCOMPARE(entries.value().first().details.value(QStringLiteral("length")).toInt(), 12);
        QVERIFY(!QJsonDocument(entries.value().first().details).toJson().contains("Hello"));

        // The provider has one unread, the sender none.
        QCOMPARE(unread(m_provider, m_conversation), 1);
        QCOMPARE(unread(m_patient, m_conversation), 0);
    }

    void clientMessageIdIsIdempotent()
    {
        auto first = messages().send(principalOf(m_patient), kClient, m_conversation,
            body(QStringLiteral("once"), QStringLiteral("k")));
        QVERIFY(first.ok());
        m_stack->manualClock().advanceMs(5000);
        auto again = messages().send(principalOf(m_patient), kClient, m_conversation,
            body(QStringLiteral("twice"), QStringLiteral("k")));
        QVERIFY(again.ok());
        QVERIFY(!again.value().created);
        QCOMPARE(again.value().message.id, first.value().message.id);
        QCOMPARE(again.value().message.content, QStringLiteral("once"));
        QCOMPARE(unread(m_provider, m_conversation), 1);
        auto page = messages().list(principalOf(m_patient), kClient, m_conversation, PageRequest {});
        QVERIFY(page.ok());
        QCOMPARE(page.value().messages.size(), 1);

        // The same key from another sender is theirs.
        auto provider = messages().send(
            principalOf(m_provider), kClient, m_conversation, body(QStringLiteral("x"), QStringLiteral("k")));
        QVERIFY(provider.ok());
        QVERIFY(provider.value().created);

        // The same key in another conversation is a conflict.
        auto other = messages().send(principalOf(m_provider), kClient, m_otherConversation,
            body(QStringLiteral("x"), QStringLiteral("k")));
        QVERIFY(!other.ok());
        QCOMPARE(other.error().kind, ServiceError::Kind::Conflict);
    }

    void replyMustBeInTheSameConversation()
    {
        auto mine
            = messages().send(principalOf(m_patient), kClient, m_conversation, body(QStringLiteral("q")));
        auto theirs
            = messages().send(principalOf(m_other), kClient, m_otherConversation, body(QStringLiteral("q")));
        QVERIFY(mine.ok() && theirs.ok());
        QJsonObject reply = body(QStringLiteral("a"));
        reply.insert(QStringLiteral("replyToId"), model::uuidToWire(mine.value().message.id));
        auto ok = messages().send(principalOf(m_provider), kClient, m_conversation, reply);
        QVERIFY(ok.ok());
        QCOMPARE(ok.value().message.replyToId, std::optional<QUuid>(mine.value().message.id));
        reply.insert(QStringLiteral("replyToId"), model::uuidToWire(theirs.value().message.id));
        auto refused = messages().send(principalOf(m_provider), kClient, m_conversation, reply);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message, QStringLiteral("replyToId: not a message of this conversation"));
        reply.insert(QStringLiteral("replyToId"), model::uuidToWire(QUuid::createUuid()));
        QVERIFY(!messages().send(principalOf(m_provider), kClient, m_conversation, reply).ok());
    }

    void pagesBothWays()
    {
        // Seven messages; the last three share a millisecond so ties are ordered by id.
        QList<QUuid> ids;
        for (int i = 0; i < 7; ++i) {
            auto sent = messages().send(principalOf(i % 2 ? m_provider : m_patient), kClient, m_conversation,
                body(QStringLiteral("m%1").arg(i)));
            QVERIFY(sent.ok());
            ids.append(sent.value().message.id);
            if (i < 4)
                m_stack->manualClock().advanceMs(10);
        }
        std::sort(ids.begin() + 4, ids.end(),
            [](const QUuid &a, const QUuid &b) { return model::uuidToWire(a) < model::uuidToWire(b); });
        QList<QUuid> newestFirst(ids.crbegin(), ids.crend());

        // Backwards from the newest.
        auto p1 = messages().list(principalOf(m_patient), kClient, m_conversation, PageRequest {3, {}, {}});
        QVERIFY(p1.ok());
        QCOMPARE(idsOf(p1.value().messages), newestFirst.mid(0, 3));
        QCOMPARE(p1.value().nextCursor, std::optional<QUuid>(newestFirst.at(2)));
        auto p2 = messages().list(
            principalOf(m_patient), kClient, m_conversation, PageRequest {3, p1.value().nextCursor, {}});
        QVERIFY(p2.ok());
        QCOMPARE(idsOf(p2.value().messages), newestFirst.mid(3, 3));
        auto p3 = messages().list(
            principalOf(m_patient), kClient, m_conversation, PageRequest {3, p2.value().nextCursor, {}});
        QVERIFY(p3.ok());
        QCOMPARE(idsOf(p3.value().messages), newestFirst.mid(6, 1));
        QVERIFY(!p3.value().nextCursor);

        // Forwards from the oldest: each page newest first, the cursor is its newest.
        auto f1 = messages().list(
            principalOf(m_provider), kClient, m_conversation, PageRequest {3, {}, ids.at(0)});
        QVERIFY(f1.ok());
        QCOMPARE(idsOf(f1.value().messages), (QList<QUuid> {ids.at(3), ids.at(2), ids.at(1)}));
        QCOMPARE(f1.value().nextCursor, std::optional<QUuid>(ids.at(3)));
        auto f2 = messages().list(
            principalOf(m_provider), kClient, m_conversation, PageRequest {3, {}, f1.value().nextCursor});
        QVERIFY(f2.ok());
        QCOMPARE(idsOf(f2.value().messages), (QList<QUuid> {ids.at(6), ids.at(5), ids.at(4)}));
        QVERIFY(!f2.value().nextCursor);
        auto f3 = messages().list(
            principalOf(m_provider), kClient, m_conversation, PageRequest {3, {}, ids.at(6)});
        QVERIFY(f3.ok());
        QVERIFY(f3.value().messages.isEmpty());
        QVERIFY(!f3.value().nextCursor);

        // Cursors must be messages of this conversation; not both at once.
        auto foreign = messages().list(
            principalOf(m_patient), kClient, m_conversation, PageRequest {3, QUuid::createUuid(), {}});
        QVERIFY(!foreign.ok());
        QCOMPARE(foreign.error().message, QStringLiteral("before: not a message of this conversation"));
        auto both = messages().list(
            principalOf(m_patient), kClient, m_conversation, PageRequest {3, ids.at(1), ids.at(2)});
        QVERIFY(!both.ok());
        QCOMPARE(both.error().kind, ServiceError::Kind::BadRequest);
    }

    void markReadCoversEarlierMessagesFromOthers()
    {
        QList<QUuid> fromPatient;
        for (int i = 0; i < 4; ++i) {
            auto sent = messages().send(
                principalOf(m_patient), kClient, m_conversation, body(QStringLiteral("p%1").arg(i)));
            QVERIFY(sent.ok());
            fromPatient.append(sent.value().message.id);
            m_stack->manualClock().advanceMs(10);
        }
        auto reply
            = messages().send(principalOf(m_provider), kClient, m_conversation, body(QStringLiteral("r")));
        QVERIFY(reply.ok());
        m_stack->manualClock().advanceMs(10);
        QCOMPARE(unread(m_provider, m_conversation), 4);
        QCOMPARE(unread(m_patient, m_conversation), 1);

        QSignalSpy read(&m_module->events(), &MessagingEvents::messagesRead);
        auto marked = messages().markRead(principalOf(m_provider), kClient, fromPatient.at(2));
        QVERIFY(marked.ok());
        QCOMPARE(marked.value().id, fromPatient.at(2));
        QCOMPARE(marked.value().status, model::MessageStatus::Read);
        QCOMPARE(marked.value().readAt, std::optional<QDateTime>(m_stack->clock().nowUtc()));
        QCOMPARE(unread(m_provider, m_conversation), 1);
        QCOMPARE(unread(m_patient, m_conversation), 1);
        QCOMPARE(read.size(), 1);
        QCOMPARE(read.first().at(2).value<QUuid>(), fromPatient.at(2));

        auto page = messages().list(principalOf(m_patient), kClient, m_conversation, PageRequest {});
        QVERIFY(page.ok());
        for (const auto &message : page.value().messages) {
            const bool shouldBeRead = message.id == fromPatient.at(0) || message.id == fromPatient.at(1)
                || message.id == fromPatient.at(2);
            QCOMPARE(message.status == model::MessageStatus::Read, shouldBeRead);
            QCOMPARE(message.readAt.has_value(), shouldBeRead);
        }

        // Reading an older message never brings unread messages back.
        QVERIFY(messages().markRead(principalOf(m_provider), kClient, fromPatient.at(0)).ok());
        QCOMPARE(unread(m_provider, m_conversation), 1);

        // Marking one's own message read does not mark it read for the other side.
        auto own = messages().markRead(principalOf(m_provider), kClient, reply.value().message.id);
        QVERIFY(own.ok());
        QCOMPARE(own.value().status, model::MessageStatus::Sent);
        QCOMPARE(unread(m_provider, m_conversation), 0);
        QCOMPARE(unread(m_patient, m_conversation), 1);

        // The patient reads the reply: their count drops, the reply is read.
        auto patientRead = messages().markRead(principalOf(m_patient), kClient, reply.value().message.id);
        QVERIFY(patientRead.ok());
        QCOMPARE(patientRead.value().status, model::MessageStatus::Read);
        QCOMPARE(unread(m_patient, m_conversation), 0);

        audit::AuditQuery query;
        query.action = audit::actions::kMessageRead;
        QCOMPARE(m_stack->audit().find(query).value().size(), 4);
    }

    void softDeleteLeavesATombstone()
    {
        auto kept = messages().send(
            principalOf(m_patient), kClient, m_conversation, body(QStringLiteral("keep wombat")));
        m_stack->manualClock().advanceMs(10);
        auto gone = messages().send(
            principalOf(m_patient), kClient, m_conversation, body(QStringLiteral("delete wombat")));
        QVERIFY(kept.ok() && gone.ok());
        QCOMPARE(unread(m_provider, m_conversation), 2);

        auto notSender = messages().remove(principalOf(m_provider), kClient, gone.value().message.id);
        QVERIFY(!notSender.ok());
        QCOMPARE(notSender.error().kind, ServiceError::Kind::Forbidden);
        auto outsider = messages().remove(principalOf(m_other), kClient, gone.value().message.id);
        QVERIFY(!outsider.ok());
        QCOMPARE(outsider.error().kind, ServiceError::Kind::NotFound);

        QSignalSpy deleted(&m_module->events(), &MessagingEvents::messageDeleted);
        m_stack->manualClock().advanceMs(10);
        // A search brings the index up to date (this module has no indexer thread).
        QVERIFY(search().search(principalOf(m_patient), kClient, QStringLiteral("wombat"), {}, 20).ok());
        const SearchVocabulary indexedBefore = searchVocabulary();
        QVERIFY(messages().remove(principalOf(m_patient), kClient, gone.value().message.id).ok());
        QCOMPARE(deleted.size(), 1);
        QCOMPARE(unread(m_provider, m_conversation), 1);
        // Twice is fine and changes nothing.
        QVERIFY(messages().remove(principalOf(m_patient), kClient, gone.value().message.id).ok());
        QCOMPARE(deleted.size(), 1);

        auto page = messages().list(principalOf(m_provider), kClient, m_conversation, PageRequest {});
        QVERIFY(page.ok());
        QCOMPARE(page.value().messages.size(), 2);
        const model::Message &tombstone = page.value().messages.first();
        QCOMPARE(tombstone.id, gone.value().message.id);
        QCOMPARE(tombstone.content, QString());
        QVERIFY(tombstone.attachments.isEmpty());
        QCOMPARE(tombstone.deletedAt, std::optional<QDateTime>(m_stack->clock().nowUtc()));
        QCOMPARE(page.value().messages.last().content, QStringLiteral("keep wombat"));

        auto found = search().search(principalOf(m_provider), kClient, QStringLiteral("wombat"), {}, 20);
        QVERIFY(found.ok());
        QCOMPARE(idsOf(found.value()), QList<QUuid> {kept.value().message.id});
        auto read = messages().markRead(principalOf(m_provider), kClient, gone.value().message.id);
        QVERIFY(read.ok());
        QCOMPARE(read.value().content, QString());
        QVERIFY(read.value().deletedAt);

        // The row keeps no ciphertext and no search tokens.
        store::SqlQuery row(m_stack->database(),
            QStringLiteral("SELECT LENGTH(content_enc), metadata_enc FROM messages WHERE id = ?"));
        QVERIFY(row.exec({model::uuidToWire(gone.value().message.id)}).ok());
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toInt(), 0);
        // The deletion queued the row's tokens for the index, which took the row out (the search
        // above caught it up) and then forgot them.
        store::SqlQuery queued(m_stack->database(), QStringLiteral("SELECT COUNT(*) FROM search_removals"));
        QVERIFY(queued.exec().ok());
        QVERIFY(queued.next());
        QCOMPARE(queued.value(0).toInt(), 0);
        // The index keeps no text, so its 'delete' needs the message's own tokens: "delete"
        // leaves the index and "wombat" is held by one message fewer ("keep" is untouched).
        const SearchVocabulary indexedAfter = searchVocabulary();
        QCOMPARE(indexedAfter.terms, indexedBefore.terms - 1);
        QCOMPARE(indexedAfter.documents, indexedBefore.documents - 2);
    }

    void rateLimitPerUser()
    {
        cleanup();
        test::TestServerStack::Options options;
        options.serverOptions.messagesPerMinute = 3;
        m_stack = std::make_unique<test::TestServerStack>(options);
        m_module = std::make_unique<MessagingModule>(m_stack->context(), m_stack->users());
        m_patient = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("pat"), model::UserRole::Patient);
        m_provider = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("doc"), model::UserRole::Provider);
        auto pair = m_module->conversations().createPair(
            principalOf(m_patient), kClient, m_patient.id, m_provider.id);
        QVERIFY(pair.ok());
        const QUuid id = pair.value().conversation.id;
        for (int i = 0; i < 3; ++i)
            QVERIFY(messages().send(principalOf(m_patient), kClient, id, body(QStringLiteral("m"))).ok());
        auto limited = messages().send(principalOf(m_patient), kClient, id, body(QStringLiteral("m")));
        QVERIFY(!limited.ok());
        QCOMPARE(limited.error().kind, ServiceError::Kind::TooManyRequests);
        QCOMPARE(limited.error().retryAfterSeconds, 20);
        // The provider has a budget of their own.
        QVERIFY(messages().send(principalOf(m_provider), kClient, id, body(QStringLiteral("m"))).ok());
        m_stack->manualClock().advanceMs(20'000);
        QVERIFY(messages().send(principalOf(m_patient), kClient, id, body(QStringLiteral("m"))).ok());
        QCOMPARE(&m_module->rateLimiter(), &m_module->rateLimiter());
        QCOMPARE(m_module->rateLimiter().perMinute(), 3);
    }

    void searchIsWholeWordCaseInsensitiveAndScoped()
    {
        auto a = messages().send(
            principalOf(m_patient), kClient, m_conversation, body(QStringLiteral("Chest pain since Monday")));
        m_stack->manualClock().advanceMs(10);
        auto b = messages().send(
            principalOf(m_provider), kClient, m_conversation, body(QStringLiteral("Is the PAIN sharp?")));
        m_stack->manualClock().advanceMs(10);
        auto c = messages().send(
            principalOf(m_patient), kClient, m_conversation, body(QStringLiteral("painful knees")));
        m_stack->manualClock().advanceMs(10);
        auto other = messages().send(
            principalOf(m_other), kClient, m_otherConversation, body(QStringLiteral("pain in my back")));
        QVERIFY(a.ok() && b.ok() && c.ok() && other.ok());

        const auto ids = [&](const users::UserRecord &user, const QString &q, std::optional<QUuid> in = {},
                             int limit = 20) {
            auto found = search().search(principalOf(user), kClient, q, in, limit);
            return found.ok() ? idsOf(found.value()) : QList<QUuid> {QUuid()};
        };
        QCOMPARE(ids(m_patient, QStringLiteral("pain")),
            (QList<QUuid> {b.value().message.id, a.value().message.id}));
        QCOMPARE(ids(m_patient, QStringLiteral("PaIn")),
            (QList<QUuid> {b.value().message.id, a.value().message.id}));
        QCOMPARE(ids(m_patient, QStringLiteral("painful")), QList<QUuid> {c.value().message.id});
        QCOMPARE(ids(m_patient, QStringLiteral("pai")), QList<QUuid> {});
        QCOMPARE(ids(m_patient, QStringLiteral("chest, pain!")), QList<QUuid> {a.value().message.id});
        QCOMPARE(ids(m_patient, QStringLiteral("pain knees")), QList<QUuid> {});
        QCOMPARE(ids(m_patient, QStringLiteral("pain"), {}, 1), QList<QUuid> {b.value().message.id});
        // The other patient's conversation never leaks, not even by naming it.
        QCOMPARE(ids(m_patient, QStringLiteral("back")), QList<QUuid> {});
        auto named = search().search(
            principalOf(m_patient), kClient, QStringLiteral("back"), m_otherConversation, 20);
        QVERIFY(!named.ok());
        QCOMPARE(named.error().kind, ServiceError::Kind::NotFound);
        // The provider sees both conversations; conversationId narrows it.
        QCOMPARE(ids(m_provider, QStringLiteral("pain")),
            (QList<QUuid> {other.value().message.id, b.value().message.id, a.value().message.id}));
        QCOMPARE(ids(m_provider, QStringLiteral("pain"), m_otherConversation),
            QList<QUuid> {other.value().message.id});
        // Admins take part in nothing, so they find nothing.
        const auto admin = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("root"), model::UserRole::Admin);
        QCOMPARE(ids(admin, QStringLiteral("pain")), QList<QUuid> {});

        auto noWords = search().search(principalOf(m_patient), kClient, QStringLiteral(" ?! "), {}, 20);
        QVERIFY(!noWords.ok());
        QCOMPARE(noWords.error().kind, ServiceError::Kind::BadRequest);
        QCOMPARE(noWords.error().message, QStringLiteral("q: must contain at least one word"));
    }

    void ciphertextIsBoundToItsRow()
    {
        auto first = messages().send(
            principalOf(m_patient), kClient, m_conversation, body(QStringLiteral("first secret")));
        auto second = messages().send(
            principalOf(m_patient), kClient, m_conversation, body(QStringLiteral("second secret")));
        QVERIFY(first.ok() && second.ok());
        store::SqlQuery copy(m_stack->database(),
            QStringLiteral("UPDATE messages SET content_enc = (SELECT content_enc FROM messages WHERE id = "
                           "?) WHERE id = ?"));
        QVERIFY(copy.exec({model::uuidToWire(first.value().message.id),
                              model::uuidToWire(second.value().message.id)})
                    .ok());
        auto page = messages().list(principalOf(m_patient), kClient, m_conversation, PageRequest {});
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, ServiceError::Kind::Internal);
        QCOMPARE(page.error().message, QStringLiteral("Internal server error"));
        auto read = messages().markRead(principalOf(m_provider), kClient, second.value().message.id);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().kind, ServiceError::Kind::Internal);

        // The preview moved to another conversation fails the same way.
        store::SqlQuery movePreview(m_stack->database(),
            QStringLiteral("UPDATE conversations SET preview_enc = (SELECT preview_enc FROM conversations "
                           "WHERE id = ?) WHERE id = ?"));
        QVERIFY(messages()
                    .send(principalOf(m_other), kClient, m_otherConversation, body(QStringLiteral("x")))
                    .ok());
        QVERIFY(movePreview.exec({model::uuidToWire(m_conversation), model::uuidToWire(m_otherConversation)})
                    .ok());
        auto conversation = m_module->conversations().get(principalOf(m_other), kClient, m_otherConversation);
        QVERIFY(!conversation.ok());
        QCOMPARE(conversation.error().kind, ServiceError::Kind::Internal);
    }

    void outsidersCannotListSendOrRead()
    {
        auto sent = messages().send(
            principalOf(m_patient), kClient, m_conversation, body(QStringLiteral("private")));
        QVERIFY(sent.ok());
        auto list = messages().list(principalOf(m_other), kClient, m_conversation, PageRequest {});
        QVERIFY(!list.ok());
        QCOMPARE(list.error().message, QStringLiteral("Conversation not found"));
        auto post
            = messages().send(principalOf(m_other), kClient, m_conversation, body(QStringLiteral("hi")));
        QVERIFY(!post.ok());
        QCOMPARE(post.error().kind, ServiceError::Kind::NotFound);
        auto read = messages().markRead(principalOf(m_other), kClient, sent.value().message.id);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().message, QStringLiteral("Message not found"));
        auto unknown = messages().markRead(principalOf(m_patient), kClient, QUuid::createUuid());
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().message, QStringLiteral("Message not found"));
    }

    void deliveryReceipts()
    {
        auto sent
            = messages().send(principalOf(m_patient), kClient, m_conversation, body(QStringLiteral("x")));
        QVERIFY(sent.ok());
        auto self = messages().markDelivered(principalOf(m_patient), kClient, sent.value().message.id);
        QVERIFY(self.ok());
        QVERIFY(!self.value());
        auto delivered = messages().markDelivered(principalOf(m_provider), kClient, sent.value().message.id);
        QVERIFY(delivered.ok());
        QVERIFY(delivered.value());
        auto page = messages().list(principalOf(m_patient), kClient, m_conversation, PageRequest {});
        QVERIFY(page.ok());
        QCOMPARE(page.value().messages.first().status, model::MessageStatus::Delivered);
        QVERIFY(page.value().messages.first().deliveredAt);
    }

private:
    MessageService &messages() { return m_module->messages(); }
    MessageSearch &search() { return m_module->search(); }

    // What the search index holds, as FTS5's vocabulary reports it: distinct tokens, and
    // (token, message) pairs.
    struct SearchVocabulary
    {
        qint64 terms = -1;
        qint64 documents = -1;
    };
    SearchVocabulary searchVocabulary()
    {
        if (!SearchIndexFile::attach(m_stack->database()).ok()
            || !m_stack->database()
                    .exec(QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary "
                                         "USING fts5vocab(search_index, message_search, 'row')"))
                    .ok())
            return {};
        store::SqlQuery query(m_stack->database(),
            QStringLiteral("SELECT COUNT(*), COALESCE(SUM(doc), 0) FROM temp.search_vocabulary"));
        if (!query.exec().ok() || !query.next())
            return {};
        return {query.value(0).toLongLong(), query.value(1).toLongLong()};
    }

    qint64 unread(const users::UserRecord &user, const QUuid &conversationId)
    {
        auto counts = m_module->conversations().unreadCounts(principalOf(user));
        if (!counts)
            return -1;
        for (const auto &[id, count] : counts.value().byConversation) {
            if (id == conversationId)
                return count;
        }
        return 0;
    }

    std::unique_ptr<test::TestServerStack> m_stack;
    std::unique_ptr<MessagingModule> m_module;
    users::UserRecord m_patient;
    users::UserRecord m_provider;
    users::UserRecord m_other;
    QUuid m_conversation;
    QUuid m_otherConversation;
};

QTEST_GUILESS_MAIN(TestMessageService)
#include "tst_messageservice.moc"
