#include "common/crypto/passwordhasher.h"
#include "server/messaging/conversationservice.h"
#include "server/messaging/messageservice.h"
#include "server/messaging/messagingmodule.h"
#include "server/messaging/systemmessenger.h"
#include "server/users/userrepository.h"
#include "tests/support/serverfixture.h"
#include "tests/support/serviceusers.h"

#include <QTest>

using namespace vw;
using namespace vw::server;
using namespace vw::server::messaging;

using vw::test::principalOf;

namespace {

const ClientInfo kClient = vw::test::kTestClient;

} // namespace

// The platform's internal API: system messages land in the pair's conversation (made on
// demand), from a built-in account that can never log in.
class TestSystemMessenger : public QObject
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
        m_provider = vw::test::insertTestUser(
            m_stack->users(), m_stack->clock(), QStringLiteral("doc"), model::UserRole::Provider);
    }

    void cleanup()
    {
        m_module.reset();
        m_stack.reset();
    }

    void postsIntoTheSamePairConversation()
    {
        auto first = m_module->systemMessenger().postSystemMessage(m_patient.id, m_provider.id,
            QStringLiteral("Blood pressure alert"), model::MessagePriority::Urgent);
        QVERIFY(first.ok());
        QCOMPARE(first.value().type, model::MessageType::System);
        QCOMPARE(first.value().priority, model::MessagePriority::Urgent);
        QCOMPARE(first.value().senderId, SystemMessenger::kSystemUserId);
        m_stack->manualClock().advanceMs(10);
        auto second = m_module->systemMessenger().postSystemMessage(
            m_patient.id, m_provider.id, QStringLiteral("Again"));
        QVERIFY(second.ok());
        QCOMPARE(second.value().conversationId, first.value().conversationId);

        // The pair opened later by a person is the same conversation; both sides have unread alerts.
        auto opened = m_module->conversations().createPair(
            principalOf(m_patient), kClient, m_patient.id, m_provider.id);
        QVERIFY(opened.ok());
        QVERIFY(!opened.value().created);
        QCOMPARE(opened.value().conversation.id, first.value().conversationId);
        QCOMPARE(opened.value().conversation.unreadCount, 2);
        QCOMPARE(opened.value().conversation.participantIds.size(), 2);
        QVERIFY(!opened.value().conversation.participantIds.contains(SystemMessenger::kSystemUserId));
        auto page = m_module->messages().list(
            principalOf(m_provider), kClient, first.value().conversationId, PageRequest {});
        QVERIFY(page.ok());
        QCOMPARE(page.value().messages.size(), 2);
        QCOMPARE(page.value().messages.first().content, QStringLiteral("Again"));
    }

    void systemUserCannotLogIn()
    {
        QVERIFY(m_module->systemMessenger()
                    .postSystemMessage(m_patient.id, m_provider.id, QStringLiteral("x"))
                    .ok());
        auto system = m_stack->users().findById(SystemMessenger::kSystemUserId);
        QVERIFY(system.ok() && system.value());
        QCOMPARE(system.value()->username, QStringLiteral("system"));
        QCOMPARE(system.value()->role, model::UserRole::Admin);
        QVERIFY(system.value()->disabledAt);
        for (const char *guess : {"", "system", "!system-account-cannot-log-in"}) {
            const auto check
                = crypto::PasswordHasher::verify(system.value()->passwordHash, QByteArray(guess));
            QVERIFY(!check.ok() || check.value() != crypto::PasswordCheck::Match);
        }
        // A second messenger (a restarted server) finds the existing account.
        QVERIFY(m_module->systemMessenger()
                    .postSystemMessage(m_patient.id, m_provider.id, QStringLiteral("y"))
                    .ok());
        MessagingModule restarted(m_stack->context(), m_stack->users());
        QVERIFY(restarted.systemMessenger()
                    .postSystemMessage(m_patient.id, m_provider.id, QStringLiteral("z"))
                    .ok());
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<bool>("swapRoles");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty content")
            << false << QString() << QStringLiteral("content: must be 1 to 10000 characters");
        QTest::newRow("too long") << false << QString(10001, u'x')
                                  << QStringLiteral("content: must be 1 to 10000 characters");
        QTest::newRow("roles swapped")
            << true << QStringLiteral("x") << QStringLiteral("patientId: not a patient");
    }

    void refusesBadInput()
    {
        QFETCH(bool, swapRoles);
        QFETCH(QString, content);
        QFETCH(QString, message);
        auto result = swapRoles
            ? m_module->systemMessenger().postSystemMessage(m_provider.id, m_patient.id, content)
            : m_module->systemMessenger().postSystemMessage(m_patient.id, m_provider.id, content);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ServiceError::Kind::BadRequest);
        QCOMPARE(result.error().message, message);
    }

private:
    std::unique_ptr<test::TestServerStack> m_stack;
    std::unique_ptr<MessagingModule> m_module;
    users::UserRecord m_patient;
    users::UserRecord m_provider;
};

QTEST_GUILESS_MAIN(TestSystemMessenger)
#include "tst_systemmessenger.moc"
