#include "common/model/wire.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/messaging/conversationservice.h"
#include "server/messaging/messageservice.h"
#include "server/messaging/messagingevents.h"
#include "server/messaging/messagingmodule.h"
#include "server/users/userrepository.h"
#include "tests/support/serverfixture.h"
#include "tests/support/serviceusers.h"

#include <QSignalSpy>
#include <QTest>

using namespace vw;
using namespace vw::server;
using namespace vw::server::messaging;

using vw::test::principalOf;

namespace {

// Users straight into the store (no Argon2id): service tests never log in.
QString s(const char *text)
{
    return QString::fromLatin1(text);
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *name : list)
        result << QString::fromLatin1(name);
    return result;
}

const ClientInfo kClient = vw::test::kTestClient;

QJsonObject textBody(const QString &content)
{
    return QJsonObject {{QStringLiteral("content"), content}};
}

} // namespace

// ConversationService on a real SQLite store: pair/group creation rules, idempotency,
// the list's order, cursor pages, previews, titles and unread totals.
class TestConversationService : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_stack = std::make_unique<test::TestServerStack>();
        QVERIFY2(m_stack->isValid(), qPrintable(m_stack->errorString()));
        m_module = std::make_unique<MessagingModule>(m_stack->context(), m_stack->users());
        m_patient = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("pat"), model::UserRole::Patient);
        m_patient2 = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("pat2"), model::UserRole::Patient);
        m_provider = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("doc"), model::UserRole::Provider);
        m_provider2 = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("doc2"), model::UserRole::Provider);
        m_admin = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("root"), model::UserRole::Admin);
    }

    void cleanup()
    {
        m_module.reset();
        m_stack.reset();
    }

    void pairIsIdempotentFromEitherSide()
    {
        QSignalSpy updated(&m_module->events(), &MessagingEvents::conversationUpdated);
        auto first = service().createPair(principalOf(m_patient), kClient, m_patient.id, m_provider.id);
        QVERIFY(first.ok());
        QVERIFY(first.value().created);
        const model::Conversation &conversation = first.value().conversation;
        QCOMPARE(conversation.patientId, std::optional<QUuid>(m_patient.id));
        QCOMPARE(conversation.providerId, std::optional<QUuid>(m_provider.id));
        QCOMPARE(conversation.participantIds.size(), 2);
        QVERIFY(conversation.participantIds.contains(m_patient.id));
        QVERIFY(conversation.participantIds.contains(m_provider.id));
        QVERIFY(!conversation.title);
        QVERIFY(!conversation.lastMessagePreview);
        QCOMPARE(updated.size(), 1);

        auto again = service().createPair(principalOf(m_provider), kClient, m_patient.id, m_provider.id);
        QVERIFY(again.ok());
        QVERIFY(!again.value().created);
        QCOMPARE(again.value().conversation.id, conversation.id);
        QCOMPARE(updated.size(), 1);

        // The audit trail has exactly one conversation.create.
        audit::AuditQuery query;
        query.action = audit::actions::kConversationCreate;
        QCOMPARE(m_stack->audit().find(query).value().size(), 1);
    }

    void pairRules_data()
    {
        QTest::addColumn<QString>("caller");
        QTest::addColumn<QString>("patient");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<int>("status");
        QTest::newRow("patient opens with provider") << s("pat") << s("pat") << s("doc") << 201;
        QTest::newRow("provider opens with patient") << s("doc") << s("pat") << s("doc") << 201;
        QTest::newRow("patient with patient") << s("pat") << s("pat") << s("pat2") << 403;
        QTest::newRow("patient with patient reversed") << s("pat") << s("pat2") << s("pat") << 403;
        QTest::newRow("admin cannot create") << s("root") << s("pat") << s("doc") << 403;
        QTest::newRow("caller not in the pair") << s("doc2") << s("pat") << s("doc") << 403;
        QTest::newRow("patient for someone else") << s("pat2") << s("pat") << s("doc") << 403;
        QTest::newRow("provider as patient") << s("doc") << s("doc2") << s("doc") << 400;
        QTest::newRow("patient as provider (provider caller)") << s("doc") << s("pat") << s("pat2") << 400;
        QTest::newRow("admin as provider") << s("pat") << s("pat") << s("root") << 400;
        QTest::newRow("same person") << s("doc") << s("doc") << s("doc") << 400;
        QTest::newRow("unknown user") << s("pat") << s("pat") << s("ghost") << 404;
    }

    void pairRules()
    {
        QFETCH(QString, caller);
        QFETCH(QString, patient);
        QFETCH(QString, provider);
        QFETCH(int, status);
        auto result
            = service().createPair(principalOf(user(caller)), kClient, user(patient).id, user(provider).id);
        if (status == 201) {
            QVERIFY(result.ok());
            QVERIFY(result.value().created);
        } else {
            QVERIFY(!result.ok());
            QCOMPARE(httpStatus(result.error().kind), status);
        }
    }

    void groupRules_data()
    {
        QTest::addColumn<QString>("caller");
        QTest::addColumn<QStringList>("members");
        QTest::addColumn<int>("status");
        QTest::newRow("provider with patient and provider") << s("doc") << names({"pat", "doc2"}) << 201;
        QTest::newRow("caller added implicitly and deduplicated")
            << s("doc") << names({"doc", "pat", "pat"}) << 201;
        QTest::newRow("patient adds providers") << s("pat") << names({"doc", "doc2"}) << 201;
        QTest::newRow("patient adds a patient") << s("pat") << names({"doc", "pat2"}) << 403;
        QTest::newRow("no provider") << s("doc") << names({}) << 400;
        QTest::newRow("patients only") << s("pat") << names({"pat2"}) << 403;
        QTest::newRow("admin member") << s("doc") << names({"pat", "root"}) << 400;
        QTest::newRow("admin creator") << s("root") << names({"pat", "doc"}) << 403;
        QTest::newRow("unknown member") << s("doc") << names({"ghost"}) << 404;
    }

    void groupRules()
    {
        QFETCH(QString, caller);
        QFETCH(QStringList, members);
        QFETCH(int, status);
        QList<QUuid> ids;
        for (const QString &member : members)
            ids.append(user(member).id);
        auto result
            = service().createGroup(principalOf(user(caller)), kClient, ids, QStringLiteral("Care team"));
        if (status == 201) {
            QVERIFY(result.ok());
            QVERIFY(result.value().created);
            QCOMPARE(result.value().conversation.title, std::optional<QString>(QStringLiteral("Care team")));
            QVERIFY(result.value().conversation.participantIds.contains(user(caller).id));
            QCOMPARE(result.value().conversation.participantIds.size(),
                QSet<QString>(members.begin(), members.end()).unite(QSet<QString> {caller}).size());
        } else {
            QVERIFY(!result.ok());
            QCOMPARE(httpStatus(result.error().kind), status);
        }
    }

    void groupsAreAlwaysNewAndBounded()
    {
        auto a = service().createGroup(principalOf(m_provider), kClient, {m_patient.id}, QStringLiteral("A"));
        auto b = service().createGroup(principalOf(m_provider), kClient, {m_patient.id}, QStringLiteral("A"));
        QVERIFY(a.ok() && b.ok());
        QVERIFY(a.value().conversation.id != b.value().conversation.id);
        // One patient in a group is named as its patient.
        QCOMPARE(a.value().conversation.patientId, std::optional<QUuid>(m_patient.id));

        QList<QUuid> tooMany;
        for (int i = 0; i < AccessPolicy::kMaxGroupMembers; ++i)
            tooMany.append(QUuid::createUuid());
        auto refused
            = service().createGroup(principalOf(m_provider), kClient, tooMany, QStringLiteral("Big"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ServiceError::Kind::BadRequest);
        QVERIFY(refused.error().message.startsWith(QStringLiteral("participantIds")));
    }

    void listIsNewestActivityFirstWithCursorPages()
    {
        // Five conversations of the provider, created a second apart; then activity in #1.
        QList<QUuid> ids;
        QList<users::UserRecord> patients;
        for (int i = 0; i < 5; ++i) {
            const auto patient = vw::test::insertTestUser(
                m_stack->users(), m_stack->clock(), QStringLiteral("p%1").arg(i), model::UserRole::Patient);
            auto created = service().createPair(principalOf(m_provider), kClient, patient.id, m_provider.id);
            QVERIFY(created.ok());
            ids.append(created.value().conversation.id);
            patients.append(patient);
            m_stack->manualClock().advanceMs(1000);
        }
        QVERIFY(m_module->messages()
                    .send(principalOf(patients.at(1)), kClient, ids.at(1), textBody(QStringLiteral("hi")))
                    .ok());
        const QList<QUuid> expected {ids.at(1), ids.at(4), ids.at(3), ids.at(2), ids.at(0)};

        QList<QUuid> seen;
        QString cursor;
        int pages = 0;
        do {
            auto page = service().list(principalOf(m_provider), 2, cursor);
            QVERIFY(page.ok());
            for (const auto &conversation : page.value().conversations)
                seen.append(conversation.id);
            cursor = page.value().nextCursor.value_or(QString());
            ++pages;
        } while (!cursor.isEmpty() && pages < 10);
        QCOMPARE(seen, expected);
        QCOMPARE(pages, 3);

        // Exactly a page's worth: no next cursor.
        auto all = service().list(principalOf(m_provider), 5, QString());
        QVERIFY(all.ok());
        QCOMPARE(all.value().conversations.size(), 5);
        QVERIFY(!all.value().nextCursor);

        // A patient sees only their own.
        auto mine = service().list(principalOf(patients.at(1)), 20, QString());
        QVERIFY(mine.ok());
        QCOMPARE(mine.value().conversations.size(), 1);
        QCOMPARE(mine.value().conversations.first().id, ids.at(1));
        QCOMPARE(mine.value().conversations.first().lastMessagePreview,
            std::optional<QString>(QStringLiteral("hi")));
        QCOMPARE(mine.value().conversations.first().unreadCount, 0);
        QCOMPARE(all.value().conversations.first().unreadCount, 1);

        // An admin takes part in nothing.
        auto admin = service().list(principalOf(m_admin), 20, QString());
        QVERIFY(admin.ok());
        QVERIFY(admin.value().conversations.isEmpty());
    }

    void badCursorIsRefused_data()
    {
        QTest::addColumn<QString>("cursor");
        QTest::newRow("garbage") << QStringLiteral("!!!");
        QTest::newRow("base64 of junk") << QString::fromLatin1(QByteArray("junk").toBase64());
        QTest::newRow("bad uuid") << QString::fromLatin1(
            QByteArray("5:nope").toBase64(QByteArray::Base64UrlEncoding));
        QTest::newRow("negative time") << QString::fromLatin1(
            QByteArray("-5:00000000-0000-4000-8000-000000000001").toBase64(QByteArray::Base64UrlEncoding));
    }

    void badCursorIsRefused()
    {
        QFETCH(QString, cursor);
        auto page = service().list(principalOf(m_provider), 2, cursor);
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, ServiceError::Kind::BadRequest);
        QVERIFY(page.error().message.startsWith(QStringLiteral("cursor")));
    }

    void previewIsFirstHundredCharactersAndBlankWhenDeleted()
    {
        auto created = service().createPair(principalOf(m_patient), kClient, m_patient.id, m_provider.id);
        QVERIFY(created.ok());
        const QUuid id = created.value().conversation.id;
        const QString longText = QString(98, u'a') + QStringLiteral("\U0001F600") + QStringLiteral("tail");
        auto sent = m_module->messages().send(principalOf(m_patient), kClient, id, textBody(longText));
        QVERIFY(sent.ok());
        auto got = service().get(principalOf(m_provider), kClient, id);
        QVERIFY(got.ok());
        // 98 + a surrogate pair = 100 UTF-16 units; the emoji is kept whole.
        QCOMPARE(got.value().lastMessagePreview, std::optional<QString>(longText.left(100)));
        QVERIFY(got.value().lastMessageAt);

        QVERIFY(m_module->messages().remove(principalOf(m_patient), kClient, sent.value().message.id).ok());
        got = service().get(principalOf(m_provider), kClient, id);
        QVERIFY(got.ok());
        QCOMPARE(got.value().lastMessagePreview, std::optional<QString>(QString()));
    }

    void previewNeverSplitsASurrogatePair()
    {
        QCOMPARE(previewOf(QString(99, u'a') + QStringLiteral("\U0001F600"), 100), QString(99, u'a'));
        QCOMPARE(previewOf(QStringLiteral("short"), 100), QStringLiteral("short"));
    }

    void unreadTotals()
    {
        auto one = service().createPair(principalOf(m_patient), kClient, m_patient.id, m_provider.id);
        auto two = service().createPair(principalOf(m_patient2), kClient, m_patient2.id, m_provider.id);
        QVERIFY(one.ok() && two.ok());
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_module->messages()
                        .send(principalOf(m_patient), kClient, one.value().conversation.id,
                            textBody(QStringLiteral("m")))
                        .ok());
        QVERIFY(m_module->messages()
                    .send(principalOf(m_patient2), kClient, two.value().conversation.id,
                        textBody(QStringLiteral("m")))
                    .ok());
        auto counts = service().unreadCounts(principalOf(m_provider));
        QVERIFY(counts.ok());
        QCOMPARE(counts.value().total, 4);
        QCOMPARE(counts.value().byConversation.size(), 2);
        QVERIFY(counts.value().byConversation.contains(qMakePair(one.value().conversation.id, qint64(3))));
        QVERIFY(counts.value().byConversation.contains(qMakePair(two.value().conversation.id, qint64(1))));
        auto patientCounts = service().unreadCounts(principalOf(m_patient));
        QVERIFY(patientCounts.ok());
        QCOMPARE(patientCounts.value().total, 0);
        QVERIFY(patientCounts.value().byConversation.isEmpty());
    }

    void outsiderGetsNotFoundAndIsAudited()
    {
        auto created = service().createPair(principalOf(m_patient), kClient, m_patient.id, m_provider.id);
        QVERIFY(created.ok());
        const QUuid id = created.value().conversation.id;
        for (const auto &outsider : {m_patient2, m_provider2, m_admin}) {
            auto got = service().get(principalOf(outsider), kClient, id);
            QVERIFY(!got.ok());
            QCOMPARE(got.error().kind, ServiceError::Kind::NotFound);
            QCOMPARE(got.error().message, QStringLiteral("Conversation not found"));
        }
        // Unknown ids look the same.
        auto unknown = service().get(principalOf(m_patient), kClient, QUuid::createUuid());
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().message, QStringLiteral("Conversation not found"));

        audit::AuditQuery query;
        query.action = audit::actions::kAccessDenied;
        const auto denied = m_stack->audit().find(query);
        QVERIFY(denied.ok());
        QCOMPARE(denied.value().size(), 4);
        QCOMPARE(denied.value().last().targetId, model::uuidToWire(id));
        QCOMPARE(denied.value().last().actorId, model::uuidToWire(m_patient2.id));
        QCOMPARE(denied.value().last().outcome, QStringLiteral("denied"));
    }

    void typingNeedsParticipation()
    {
        auto created = service().createPair(principalOf(m_patient), kClient, m_patient.id, m_provider.id);
        QVERIFY(created.ok());
        QSignalSpy typing(&m_module->events(), &MessagingEvents::typing);
        QVERIFY(
            service().typing(principalOf(m_patient), kClient, created.value().conversation.id, true).ok());
        QCOMPARE(typing.size(), 1);
        QCOMPARE(typing.first().at(1).value<QUuid>(), m_patient.id);
        QCOMPARE(typing.first().at(2).toBool(), true);
        auto refused
            = service().typing(principalOf(m_patient2), kClient, created.value().conversation.id, true);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ServiceError::Kind::NotFound);
        QCOMPARE(typing.size(), 1);
    }

private:
    ConversationService &service() { return m_module->conversations(); }

    const users::UserRecord &user(const QString &name)
    {
        static users::UserRecord ghost;
        ghost.id = QUuid::fromString(u"00000000-0000-4000-8000-00000000dead");
        for (const auto *candidate : {&m_patient, &m_patient2, &m_provider, &m_provider2, &m_admin}) {
            if (candidate->username == name)
                return *candidate;
        }
        return ghost;
    }

    std::unique_ptr<test::TestServerStack> m_stack;
    std::unique_ptr<MessagingModule> m_module;
    users::UserRecord m_patient;
    users::UserRecord m_patient2;
    users::UserRecord m_provider;
    users::UserRecord m_provider2;
    users::UserRecord m_admin;
};

QTEST_GUILESS_MAIN(TestConversationService)
#include "tst_conversationservice.moc"
