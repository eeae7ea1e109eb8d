#include "common/model/wire.h"
#include "server/messaging/messagingmodule.h"
#include "tests/support/serverfixture.h"

#include <QJsonArray>
#include <QTest>

using namespace vw;
using namespace vw::server;
using namespace vw::server::messaging;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

// Every messaging route over real HTTP on the server fixture (real logins): the happy
// paths, bad input for every field naming it, the authorization matrix, 401s and 429.
class TestMessagingModule : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        test::TestServerStack::Options options;
        options.serverOptions.messagesPerMinute = 0;
        m_stack = std::make_unique<test::TestServerStack>(options);
        QVERIFY2(m_stack->isValid(), qPrintable(m_stack->errorString()));
        m_module = std::make_unique<MessagingModule>(m_stack->context(), m_stack->users());
        m_module->registerRoutes(m_stack->router());
        QVERIFY(m_stack->start());
        const QList<QPair<QString, model::UserRole>> people {{s("patient"), model::UserRole::Patient},
            {s("provider"), model::UserRole::Provider}, {s("admin"), model::UserRole::Admin},
            {s("outsider"), model::UserRole::Patient}};
        for (const auto &[name, role] : people) {
            m_users.insert(name, m_stack->createUser(name, role));
            m_clients.insert(name, m_stack->clientFor(m_stack->login(name)).release());
        }
        auto created = as("patient").post(s("/messaging/conversations"),
            QJsonObject {{s("patientId"), id("patient")}, {s("providerId"), id("provider")}});
        QCOMPARE(created.status, 201);
        m_conversation = created.json().value(s("id")).toString();
        auto sent = as("patient").post(
            path("/messaging/conversations/{conv}/messages"), QJsonObject {{s("content"), s("hello")}});
        QCOMPARE(sent.status, 201);
        m_message = sent.json().value(s("id")).toString();
    }

    void cleanupTestCase()
    {
        qDeleteAll(m_clients);
        m_module.reset();
        m_stack.reset();
    }

    void happyPathThroughEveryRoute()
    {
        auto again
            = as("provider")
                  .post(s("/messaging/conversations"),
                      QJsonObject {{s("patientId"), id("patient")}, {s("providerId"), id("provider")}});
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(s("id")).toString(), m_conversation);
        QCOMPARE(again.json().value(s("participantIds")).toArray().size(), 2);

        m_stack->manualClock().advanceMs(1000);
        QJsonObject request {{s("content"), s("How are you feeling today?")}, {s("priority"), s("urgent")},
            {s("clientMessageId"), s("http-1")}, {s("type"), s("text")}};
        auto sent = as("provider").post(path("/messaging/conversations/{conv}/messages"), request);
        QCOMPARE(sent.status, 201);
        const QJsonObject message = sent.json();
        QCOMPARE(message.value(s("content")).toString(), s("How are you feeling today?"));
        QCOMPARE(message.value(s("priority")).toString(), s("urgent"));
        QCOMPARE(message.value(s("status")).toString(), s("sent"));
        QCOMPARE(message.value(s("senderId")).toString(), id("provider"));
        QVERIFY(message.value(s("attachments")).isArray());
        QVERIFY(message.value(s("deletedAt")).isNull());
        auto repeated = as("provider").post(path("/messaging/conversations/{conv}/messages"), request);
        QCOMPARE(repeated.status, 200);
        QCOMPARE(repeated.json().value(s("id")), message.value(s("id")));

        auto list = as("patient").get(s("/messaging/conversations?limit=10"));
        QCOMPARE(list.status, 200);
        const QJsonArray conversations = list.json().value(s("conversations")).toArray();
        QCOMPARE(conversations.size(), 1);
        QCOMPARE(conversations.first().toObject().value(s("lastMessagePreview")).toString(),
            s("How are you feeling today?"));
        QVERIFY(conversations.first().toObject().value(s("unreadCount")).toInt() >= 1);
        QVERIFY(list.json().value(s("nextCursor")).isNull());

        auto unread = as("patient").get(s("/messaging/conversations/unread-count"));
        QCOMPARE(unread.status, 200);
        QVERIFY(unread.json().value(s("total")).toInt() >= 1);
        QCOMPARE(unread.json().value(s("byConversation")).toObject().value(m_conversation).toInt(),
            unread.json().value(s("total")).toInt());

        auto one = as("provider").get(path("/messaging/conversations/{conv}"));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value(s("patientId")).toString(), id("patient"));

        auto page = as("patient").get(path("/messaging/conversations/{conv}/messages?limit=1"));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json().value(s("messages")).toArray().size(), 1);
        QCOMPARE(page.json().value(s("nextCursor")).toString(), message.value(s("id")).toString());
        auto older = as("patient").get(path("/messaging/conversations/{conv}/messages?limit=100&before=")
            + page.json().value(s("nextCursor")).toString());
        QCOMPARE(older.status, 200);
        QVERIFY(older.json().value(s("messages")).toArray().size() >= 1);
        auto newer = as("patient").get(path("/messaging/conversations/{conv}/messages?after={msg}"));
        QCOMPARE(newer.status, 200);
        QVERIFY(newer.json().value(s("messages")).toArray().size() >= 1);

        auto read = as("patient").send(
            "PATCH", s("/messaging/messages/") + message.value(s("id")).toString() + s("/read"));
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json().value(s("status")).toString(), s("read"));
        QCOMPARE(
            as("patient").get(s("/messaging/conversations/unread-count")).json().value(s("total")).toInt(),
            0);

        auto found = as("patient").get(s("/messaging/messages/search?q=FEELING"));
        QCOMPARE(found.status, 200);
        QCOMPARE(found.json().value(s("messages")).toArray().size(), 1);
        QCOMPARE(found.json().value(s("messages")).toArray().first().toObject().value(s("id")),
            message.value(s("id")));

        auto typing = as("patient").send(
            "POST", path("/messaging/conversations/{conv}/typing"), json({{s("isTyping"), true}}));
        QCOMPARE(typing.status, 204);

        auto removed
            = as("provider").send("DELETE", s("/messaging/messages/") + message.value(s("id")).toString());
        QCOMPARE(removed.status, 204);
        auto afterDelete = as("patient").get(s("/messaging/messages/search?q=feeling"));
        QCOMPARE(afterDelete.json().value(s("messages")).toArray().size(), 0);
        auto tombstone = as("patient").get(path("/messaging/conversations/{conv}/messages?limit=1"));
        const QJsonObject first = tombstone.json().value(s("messages")).toArray().first().toObject();
        QCOMPARE(first.value(s("id")), message.value(s("id")));
        QCOMPARE(first.value(s("content")).toString(), QString());
        QCOMPARE(first.value(s("attachments")).toArray().size(), 0);
        QVERIFY(first.value(s("deletedAt")).isString());

        auto group = as("provider")
                         .post(s("/messaging/conversations"),
                             QJsonObject {{s("participantIds"), QJsonArray {id("patient")}},
                                 {s("title"), s("Care team")}});
        QCOMPARE(group.status, 201);
        QCOMPARE(group.json().value(s("title")).toString(), s("Care team"));
        QVERIFY(group.json().value(s("providerId")).isNull());
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("route");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const QByteArray post = "POST";
        const QString create = s("/messaging/conversations");
        const QString send = s("/messaging/conversations/{conv}/messages");
        const QString typing = s("/messaging/conversations/{conv}/typing");
        QTest::newRow("create: not json") << post << create << QByteArray("{nope") << QString();
        QTest::newRow("create: array body") << post << create << QByteArray("[1]") << QString();
        QTest::newRow("create: patientId missing")
            << post << create << QByteArray(R"({"providerId":"{provider}"})") << s("patientId");
        QTest::newRow("create: patientId number")
            << post << create << QByteArray(R"({"patientId":5,"providerId":"{provider}"})") << s("patientId");
        QTest::newRow("create: patientId bad uuid")
            << post << create << QByteArray(R"({"patientId":"abc","providerId":"{provider}"})")
            << s("patientId");
        QTest::newRow("create: providerId null")
            << post << create << QByteArray(R"({"patientId":"{patient}","providerId":null})")
            << s("providerId");
        QTest::newRow("create: providerId nil uuid")
            << post << create
            << QByteArray(R"({"patientId":"{patient}","providerId":"00000000-0000-0000-0000-000000000000"})")
            << s("providerId");
        QTest::newRow("create: participantIds not array")
            << post << create << QByteArray(R"({"participantIds":"x","title":"t"})") << s("participantIds");
        QTest::newRow("create: participantIds bad element")
            << post << create << QByteArray(R"({"participantIds":["{patient}",3],"title":"t"})")
            << s("participantIds[1]");
        QTest::newRow("create: title missing")
            << post << create << QByteArray(R"({"participantIds":["{patient}"]})") << s("title");
        QTest::newRow("create: title number")
            << post << create << QByteArray(R"({"participantIds":["{patient}"],"title":1})") << s("title");
        QTest::newRow("create: title empty")
            << post << create << QByteArray(R"({"participantIds":["{patient}"],"title":""})") << s("title");
        QTest::newRow("create: title too long")
            << post << create
            << (QByteArray(R"({"participantIds":["{patient}"],"title":")") + QByteArray(201, 't') + "\"}")
            << s("title");
        QTest::newRow("send: not json") << post << send << QByteArray("content=hi") << QString();
        QTest::newRow("send: content missing") << post << send << QByteArray("{}") << s("content");
        QTest::newRow("send: content number")
            << post << send << QByteArray(R"({"content":1})") << s("content");
        QTest::newRow("send: content empty")
            << post << send << QByteArray(R"({"content":""})") << s("content");
        QTest::newRow("send: content too long")
            << post << send << (QByteArray(R"({"content":")") + QByteArray(10001, 'x') + "\"}")
            << s("content");
        QTest::newRow("send: type unknown")
            << post << send << QByteArray(R"({"content":"a","type":"gif"})") << s("type");
        QTest::newRow("send: type system")
            << post << send << QByteArray(R"({"content":"a","type":"system"})") << s("type");
        QTest::newRow("send: type bool")
            << post << send << QByteArray(R"({"content":"a","type":true})") << s("type");
        QTest::newRow("send: priority unknown")
            << post << send << QByteArray(R"({"content":"a","priority":"URGENT"})") << s("priority");
        QTest::newRow("send: priority number")
            << post << send << QByteArray(R"({"content":"a","priority":2})") << s("priority");
        QTest::newRow("send: replyToId bad")
            << post << send << QByteArray(R"({"content":"a","replyToId":"12"})") << s("replyToId");
        QTest::newRow("send: replyToId object")
            << post << send << QByteArray(R"({"content":"a","replyToId":{}})") << s("replyToId");
        QTest::newRow("send: replyToId elsewhere")
            << post << send << QByteArray(R"({"content":"a","replyToId":"{patient}"})") << s("replyToId");
        QTest::newRow("send: clientMessageId long")
            << post << send
            << (QByteArray(R"({"content":"a","clientMessageId":")") + QByteArray(65, 'c') + "\"}")
            << s("clientMessageId");
        QTest::newRow("send: clientMessageId array")
            << post << send << QByteArray(R"({"content":"a","clientMessageId":[]})") << s("clientMessageId");
        QTest::newRow("send: attachmentIds object")
            << post << send << QByteArray(R"({"content":"a","attachmentIds":{}})") << s("attachmentIds");
        QTest::newRow("send: attachmentIds bad element")
            << post << send << QByteArray(R"({"content":"a","attachmentIds":["x"]})")
            << s("attachmentIds[0]");
        QTest::newRow("send: attachmentIds not yet")
            << post << send << QByteArray(R"({"content":"a","attachmentIds":["{patient}"]})")
            << s("attachmentIds");
        QTest::newRow("typing: missing") << post << typing << QByteArray("{}") << s("isTyping");
        QTest::newRow("typing: string")
            << post << typing << QByteArray(R"({"isTyping":"yes"})") << s("isTyping");
        QTest::newRow("typing: null")
            << post << typing << QByteArray(R"({"isTyping":null})") << s("isTyping");
        const QByteArray get = "GET";
        QTest::newRow("get: bad id") << get << s("/messaging/conversations/not-a-uuid") << QByteArray()
                                     << s("id");
        QTest::newRow("send: bad id") << post << s("/messaging/conversations/xyz/messages")
                                      << QByteArray(R"({"content":"a"})") << s("id");
        QTest::newRow("read: bad id")
            << QByteArray("PATCH") << s("/messaging/messages/1/read") << QByteArray() << s("id");
        QTest::newRow("delete: bad id")
            << QByteArray("DELETE") << s("/messaging/messages/{}") << QByteArray() << s("id");
        QTest::newRow("list: limit 0")
            << get << s("/messaging/conversations?limit=0") << QByteArray() << s("limit");
        QTest::newRow("list: limit 101")
            << get << s("/messaging/conversations?limit=101") << QByteArray() << s("limit");
        QTest::newRow("list: bad cursor")
            << get << s("/messaging/conversations?cursor=%25%25") << QByteArray() << s("cursor");
        QTest::newRow("messages: limit text")
            << get << s("/messaging/conversations/{conv}/messages?limit=ten") << QByteArray() << s("limit");
        QTest::newRow("messages: before bad")
            << get << s("/messaging/conversations/{conv}/messages?before=x") << QByteArray() << s("before");
        QTest::newRow("messages: after bad")
            << get << s("/messaging/conversations/{conv}/messages?after=x") << QByteArray() << s("after");
        QTest::newRow("messages: before unknown")
            << get << s("/messaging/conversations/{conv}/messages?before={patient}") << QByteArray()
            << s("before");
        QTest::newRow("search: q missing")
            << get << s("/messaging/messages/search") << QByteArray() << s("q");
        QTest::newRow("search: q without words")
            << get << s("/messaging/messages/search?q=%21%21") << QByteArray() << s("q");
        QTest::newRow("search: conversationId bad")
            << get << s("/messaging/messages/search?q=a&conversationId=1") << QByteArray()
            << s("conversationId");
        QTest::newRow("search: limit 1000")
            << get << s("/messaging/messages/search?q=a&limit=1000") << QByteArray() << s("limit");
    }

    void badInput()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, route);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const auto reply = as("patient").send(method, path(route), path(QString::fromUtf8(body)).toUtf8());
        QCOMPARE(reply.status, 400);
        const QJsonObject error = reply.json();
        QCOMPARE(error.value(s("statusCode")).toInt(), 400);
        QCOMPARE(error.value(s("error")).toString(), s("Bad Request"));
        const QString message = error.value(s("message")).toString();
        if (!field.isEmpty())
            QVERIFY2(message.startsWith(field + s(":")) || message.startsWith(field + s(" ")),
                qPrintable(message));
    }

    void authorizationMatrix_data()
    {
        QTest::addColumn<QString>("actor");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("status");
        const QList<QPair<const char *, QList<int>>> operations {
            {"get conversation", {200, 200, 404, 404}},
            {"list messages", {200, 200, 404, 404}},
            {"send message", {201, 201, 404, 404}},
            {"mark read", {200, 200, 404, 404}},
            {"delete message", {204, 403, 404, 404}},
            {"typing", {204, 204, 404, 404}},
            {"search conversation", {200, 200, 404, 404}},
            {"open pair", {200, 200, 403, 403}},
            {"open group", {403, 201, 403, 403}},
        };
        const QStringList actors {s("patient"), s("provider"), s("admin"), s("outsider")};
        for (const auto &[operation, statuses] : operations) {
            for (int i = 0; i < actors.size(); ++i) {
                QTest::addRow("%s / %s", operation, qPrintable(actors.at(i)))
                    << actors.at(i) << s(operation) << statuses.at(i);
            }
        }
    }

    void authorizationMatrix()
    {
        QFETCH(QString, actor);
        QFETCH(QString, operation);
        QFETCH(int, status);
        // A fresh message from the patient for the operations that act on one.
        auto fresh = as("patient").post(
            path("/messaging/conversations/{conv}/messages"), QJsonObject {{s("content"), s("matrix")}});
        QCOMPARE(fresh.status, 201);
        const QString messageId = fresh.json().value(s("id")).toString();
        test::HttpTestClient &client = as(actor);
        test::HttpReply reply;
        if (operation == s("get conversation"))
            reply = client.get(path("/messaging/conversations/{conv}"));
        else if (operation == s("list messages"))
            reply = client.get(path("/messaging/conversations/{conv}/messages"));
        else if (operation == s("send message"))
            reply = client.post(
                path("/messaging/conversations/{conv}/messages"), QJsonObject {{s("content"), s("x")}});
        else if (operation == s("mark read"))
            reply = client.send("PATCH", s("/messaging/messages/%1/read").arg(messageId));
        else if (operation == s("delete message"))
            reply = client.send("DELETE", s("/messaging/messages/%1").arg(messageId));
        else if (operation == s("typing"))
            reply = client.send(
                "POST", path("/messaging/conversations/{conv}/typing"), json({{s("isTyping"), false}}));
        else if (operation == s("search conversation"))
            reply = client.get(path("/messaging/messages/search?q=matrix&conversationId={conv}"));
        else if (operation == s("open pair"))
            reply = client.post(s("/messaging/conversations"),
                QJsonObject {{s("patientId"), id("patient")}, {s("providerId"), id("provider")}});
        else if (operation == s("open group"))
            reply = client.post(s("/messaging/conversations"),
                QJsonObject {
                    {s("participantIds"), QJsonArray {id("patient"), id("outsider")}}, {s("title"), s("g")}});
        QVERIFY2(reply.status == status,
            qPrintable(QString::number(reply.status) + QString::fromUtf8(reply.body)));
        if (status == 404) {
            const QString message = reply.json().value(s("message")).toString();
            QVERIFY2(message == s("Conversation not found") || message == s("Message not found"),
                qPrintable(message));
        }
        // Content never reaches an outsider or admin in any answer.
        if (actor == s("admin") || actor == s("outsider"))
            QVERIFY(!reply.body.contains("matrix"));
    }

    void unauthenticatedIsRefused_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("route");
        QTest::newRow("create") << QByteArray("POST") << s("/messaging/conversations");
        QTest::newRow("list") << QByteArray("GET") << s("/messaging/conversations");
        QTest::newRow("unread") << QByteArray("GET") << s("/messaging/conversations/unread-count");
        QTest::newRow("get") << QByteArray("GET") << s("/messaging/conversations/{conv}");
        QTest::newRow("send") << QByteArray("POST") << s("/messaging/conversations/{conv}/messages");
        QTest::newRow("history") << QByteArray("GET") << s("/messaging/conversations/{conv}/messages");
        QTest::newRow("read") << QByteArray("PATCH") << s("/messaging/messages/{msg}/read");
        QTest::newRow("search") << QByteArray("GET") << s("/messaging/messages/search?q=hello");
        QTest::newRow("delete") << QByteArray("DELETE") << s("/messaging/messages/{msg}");
        QTest::newRow("typing") << QByteArray("POST") << s("/messaging/conversations/{conv}/typing");
    }

    void unauthenticatedIsRefused()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, route);
        const auto reply = m_stack->newClient()->send(method, path(route), QByteArray("{}"));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(s("statusCode")).toInt(), 401);
    }

    void rateLimitAnswers429WithRetryAfter()
    {
        test::TestServerStack::Options options;
        options.serverOptions.messagesPerMinute = 2;
        test::TestServerStack stack(options);
        QVERIFY(stack.isValid());
        MessagingModule module(stack.context(), stack.users());
        module.registerRoutes(stack.router());
        QVERIFY(stack.start());
        const auto patient = stack.createUser(s("pat"), model::UserRole::Patient);
        const auto provider = stack.createUser(s("doc"), model::UserRole::Provider);
        auto client = stack.clientFor(stack.login(s("pat")));
        auto created = client->post(s("/messaging/conversations"),
            QJsonObject {{s("patientId"), model::uuidToWire(patient.id)},
                {s("providerId"), model::uuidToWire(provider.id)}});
        QCOMPARE(created.status, 201);
        const QString route
            = s("/messaging/conversations/%1/messages").arg(created.json().value(s("id")).toString());
        QCOMPARE(client->post(route, QJsonObject {{s("content"), s("1")}}).status, 201);
        QCOMPARE(client->post(route, QJsonObject {{s("content"), s("2")}}).status, 201);
        const auto limited = client->post(route, QJsonObject {{s("content"), s("3")}});
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.json().value(s("message")).toString(), s("Too many messages"));
        QCOMPARE(limited.header("Retry-After"), QByteArray("30"));
        stack.manualClock().advanceMs(30'000);
        QCOMPARE(client->post(route, QJsonObject {{s("content"), s("4")}}).status, 201);
    }

private:
    test::HttpTestClient &as(const QString &name) { return *m_clients.value(name); }
    test::HttpTestClient &as(const char *name) { return as(s(name)); }
    QString id(const char *name) const { return model::uuidToWire(m_users.value(s(name)).id); }

    // Fills {conv}, {msg}, {patient} and {provider} into a route or body.
    QString path(QString text) const
    {
        return text.replace(s("{conv}"), m_conversation)
            .replace(s("{msg}"), m_message)
            .replace(s("{patient}"), id("patient"))
            .replace(s("{provider}"), id("provider"));
    }
    QString path(const char *text) const { return path(s(text)); }

    std::unique_ptr<test::TestServerStack> m_stack;
    std::unique_ptr<MessagingModule> m_module;
    QHash<QString, model::User> m_users;
    QHash<QString, test::HttpTestClient *> m_clients;
    QString m_conversation;
    QString m_message;
};

QTEST_GUILESS_MAIN(TestMessagingModule)
#include "tst_messagingmodule.moc"
