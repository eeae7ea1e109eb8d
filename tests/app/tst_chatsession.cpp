#include "app/client/chatsession.h"
#include "app/client/conversationlistmodel.h"
#include "app/client/messagelistmodel.h"
#include "app/client/outbox.h"
#include "tests/support/realtimetestserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace vw;
using namespace vw::test;
using vw::client::ChatSession;
using vw::client::ChatSessionOptions;
using vw::client::ConversationListModel;
using vw::client::MessageListModel;

namespace {

constexpr int kTimeoutMs = 10000;

MessageListModel::Status statusAt(const MessageListModel &model, int row)
{
    return model.statusAt(row).value_or(MessageListModel::Status::Failed);
}

// Failed when there is no row, so that a wait for any other status keeps waiting.
MessageListModel::Status lastStatus(const MessageListModel &model)
{
    return statusAt(model, model.rowCount() - 1);
}

QString contentAt(const MessageListModel &model, int row)
{
    return model.data(model.index(row), MessageListModel::ContentRole).toString();
}

} // namespace

class TestChatSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void signInFailsWithAWrongPassword();
    void signInLoadsTheConversationList();
    void sentMessageGoesSentDeliveredRead();
    void typingShowsInTheOtherList();
    void loadOlderFetchesThePreviousPage();
    void offlineMessagesArriveOnceAndInOrder();
    void tokenRenewalKeepsTheSessionAlive();
    void signOutClearsTheModels();

private:
    std::unique_ptr<ChatSession> makeSession(int reconnectDelayMs = 100);
    bool signIn(ChatSession &session, const RealtimeTestUser &user);

    std::unique_ptr<RealtimeTestServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dirs;
    RealtimeTestUser m_provider;
    RealtimeTestUser m_patient;
    QUuid m_conversationId;
    int m_sessions = 0;
};

void TestChatSession::init()
{
    m_server = std::make_unique<RealtimeTestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_dirs = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dirs->isValid());
    m_provider = m_server->addUser(QStringLiteral("drhouse"), model::UserRole::Provider);
    m_patient = m_server->addUser(QStringLiteral("patient1"), model::UserRole::Patient);
    m_conversationId = QUuid::fromString(m_server->openPair(m_provider, m_patient));
    QVERIFY(!m_conversationId.isNull());
}

void TestChatSession::cleanup()
{
    m_server.reset();
    m_dirs.reset();
}

std::unique_ptr<ChatSession> TestChatSession::makeSession(int reconnectDelayMs)
{
    ChatSessionOptions options;
    options.outboxDirectory = m_dirs->filePath(QStringLiteral("outbox-%1").arg(++m_sessions));
    options.realtime.reconnect.initialDelayMs = reconnectDelayMs;
    options.realtime.reconnect.maxDelayMs = reconnectDelayMs * 2;
    options.realtime.reconnect.jitter = 0;
    options.outboxSender.backoff.initialDelayMs = 100;
    options.outboxSender.backoff.maxDelayMs = 500;
    return std::make_unique<ChatSession>(options);
}

bool TestChatSession::signIn(ChatSession &session, const RealtimeTestUser &user)
{
    session.signIn(m_server->baseUrl().toString(), user.user.username, RealtimeTestServer::kPassword);
    return QTest::qWaitFor([&] { return session.isSignedIn() && session.isOnline(); }, kTimeoutMs);
}

void TestChatSession::signInFailsWithAWrongPassword()
{
    auto session = makeSession();
    QSignalSpy failed(session.get(), &ChatSession::signInFailed);
    session->signIn(
        m_server->baseUrl().toString(), m_provider.user.username, QStringLiteral("not the password"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
    QCOMPARE(failed.at(0).at(0).value<client::ApiError>().kind, client::ApiError::Kind::Unauthorized);
    QVERIFY(!session->isSignedIn());
}

void TestChatSession::signInLoadsTheConversationList()
{
    auto session = makeSession();
    QSignalSpy signedIn(session.get(), &ChatSession::signedIn);
    QVERIFY(signIn(*session, m_provider));
    QCOMPARE(signedIn.count(), 1);
    QCOMPARE(session->currentUser().id, m_provider.user.id);
    ConversationListModel &list = *session->conversations();
    QTRY_COMPARE_WITH_TIMEOUT(list.rowCount(), 1, kTimeoutMs);
    QCOMPARE(list.data(list.index(0), ConversationListModel::IdRole).toUuid(), m_conversationId);
    QTRY_COMPARE_WITH_TIMEOUT(list.data(list.index(0), ConversationListModel::TitleRole).toString(),
        QStringLiteral("patient1"), kTimeoutMs);
}

void TestChatSession::sentMessageGoesSentDeliveredRead()
{
    auto provider = makeSession();
    auto patient = makeSession();
    QVERIFY(signIn(*provider, m_provider));
    QVERIFY(signIn(*patient, m_patient));
    QSignalSpy notified(patient.get(), &ChatSession::notify);

    provider->openConversation(m_conversationId);
    auto sent = provider->send(QStringLiteral("How is the knee today?"));
    QVERIFY2(sent.ok(), qPrintable(sent.ok() ? QString() : sent.error()));
    MessageListModel &mine = *provider->messages();
    QCOMPARE(mine.rowCount(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(lastStatus(mine), MessageListModel::Status::Delivered, kTimeoutMs);
    QCOMPARE(mine.rowCount(), 1); // the pending row became the real one
    QVERIFY(!mine.data(mine.index(0), MessageListModel::IdRole).toUuid().isNull());

    // Not open on the patient's side: an unread count and a notification without content.
    ConversationListModel &theirList = *patient->conversations();
    QTRY_COMPARE_WITH_TIMEOUT(theirList.totalUnread(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, kTimeoutMs);
    QCOMPARE(notified.at(0).at(0).toUuid(), m_conversationId);
    QCOMPARE(notified.at(0).at(1).toString(), QStringLiteral("drhouse"));

    patient->openConversation(m_conversationId);
    QTRY_COMPARE_WITH_TIMEOUT(patient->messages()->rowCount(), 1, kTimeoutMs);
    QCOMPARE(contentAt(*patient->messages(), 0), QStringLiteral("How is the knee today?"));
    QTRY_COMPARE_WITH_TIMEOUT(lastStatus(mine), MessageListModel::Status::Read, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(theirList.totalUnread(), 0, kTimeoutMs);

    // With the conversation open, a reply shows up live on the other side.
    QVERIFY(patient->send(QStringLiteral("Much better, thanks")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(mine.rowCount(), 2, kTimeoutMs);
    QCOMPARE(contentAt(mine, 1), QStringLiteral("Much better, thanks"));
    QTRY_COMPARE_WITH_TIMEOUT(lastStatus(*patient->messages()), MessageListModel::Status::Read, kTimeoutMs);
}

void TestChatSession::typingShowsInTheOtherList()
{
    auto provider = makeSession();
    auto patient = makeSession();
    QVERIFY(signIn(*provider, m_provider));
    QVERIFY(signIn(*patient, m_patient));
    ConversationListModel &theirList = *patient->conversations();
    QTRY_COMPARE_WITH_TIMEOUT(theirList.rowCount(), 1, kTimeoutMs);

    provider->openConversation(m_conversationId);
    provider->setTyping(true);
    QTRY_COMPARE_WITH_TIMEOUT(
        theirList.data(theirList.index(0), ConversationListModel::TypingRole).toStringList(),
        QStringList {QStringLiteral("drhouse")}, kTimeoutMs);
    provider->setTyping(false);
    QTRY_VERIFY_WITH_TIMEOUT(
        theirList.data(theirList.index(0), ConversationListModel::TypingRole).toStringList().isEmpty(),
        kTimeoutMs);
}

void TestChatSession::loadOlderFetchesThePreviousPage()
{
    const auto http = m_server->clientFor(m_patient);
    const QString path = QStringLiteral("/messaging/conversations/%1/messages")
                             .arg(m_conversationId.toString(QUuid::WithoutBraces));
    for (int i = 0; i < 55; ++i)
        QCOMPARE(
            http->post(path, {{QStringLiteral("content"), QStringLiteral("note %1").arg(i)}}).status, 201);

    auto provider = makeSession();
    QVERIFY(signIn(*provider, m_provider));
    provider->openConversation(m_conversationId);
    MessageListModel &model = *provider->messages();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 50, kTimeoutMs);
    QVERIFY(model.hasMore());
    QCOMPARE(contentAt(model, 49), QStringLiteral("note 54"));

    provider->loadOlder();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 55, kTimeoutMs);
    QVERIFY(!model.hasMore());
    QCOMPARE(contentAt(model, 0), QStringLiteral("note 0"));
    // Opening marked everything read.
    QTRY_COMPARE_WITH_TIMEOUT(provider->conversations()->totalUnread(), 0, kTimeoutMs);
}

void TestChatSession::offlineMessagesArriveOnceAndInOrder()
{
    // A long first reconnect delay keeps the provider offline while it writes.
    auto provider = makeSession(1500);
    auto patient = makeSession();
    QVERIFY(signIn(*provider, m_provider));
    QVERIFY(signIn(*patient, m_patient));
    provider->openConversation(m_conversationId);
    patient->openConversation(m_conversationId);

    QVERIFY(m_server->restart());
    QTRY_VERIFY_WITH_TIMEOUT(!provider->isOnline(), kTimeoutMs);
    QVERIFY(provider->send(QStringLiteral("first while offline")).ok());
    QVERIFY(provider->send(QStringLiteral("second while offline")).ok());
    MessageListModel &mine = *provider->messages();
    QCOMPARE(mine.rowCount(), 2);
    QCOMPARE(statusAt(mine, 0), MessageListModel::Status::Pending);
    QCOMPARE(statusAt(mine, 1), MessageListModel::Status::Pending);
    QCOMPARE(provider->outbox()->size(), 2);

    QTRY_VERIFY_WITH_TIMEOUT(provider->isOnline(), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(provider->outbox()->size(), 0, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(statusAt(mine, 1) != MessageListModel::Status::Pending, kTimeoutMs);
    QCOMPARE(mine.rowCount(), 2);
    QVERIFY(statusAt(mine, 0) != MessageListModel::Status::Pending);
    QCOMPARE(contentAt(mine, 0), QStringLiteral("first while offline"));
    QCOMPARE(contentAt(mine, 1), QStringLiteral("second while offline"));

    // Exactly once and in order on the server.
    const HttpReply history = m_server->clientFor(m_provider)
                                  ->get(QStringLiteral("/messaging/conversations/%1/messages")
                                            .arg(m_conversationId.toString(QUuid::WithoutBraces)));
    QCOMPARE(history.status, 200);
    const QJsonArray messages = history.json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(),
        QStringLiteral("second while offline"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(),
        QStringLiteral("first while offline"));

    // The patient's session caught up after its own reconnect.
    QTRY_COMPARE_WITH_TIMEOUT(patient->messages()->rowCount(), 2, kTimeoutMs);
    QCOMPARE(contentAt(*patient->messages(), 0), QStringLiteral("first while offline"));
    QCOMPARE(contentAt(*patient->messages(), 1), QStringLiteral("second while offline"));
}

void TestChatSession::tokenRenewalKeepsTheSessionAlive()
{
    auto provider = makeSession();
    auto patient = makeSession();
    QVERIFY(signIn(*provider, m_provider));
    QVERIFY(signIn(*patient, m_patient));
    QSignalSpy renewed(provider.get(), &ChatSession::tokensRenewed);
    QSignalSpy signedOut(provider.get(), &ChatSession::signedOut);

    provider->renewTokensNow();
    QTRY_COMPARE_WITH_TIMEOUT(renewed.count(), 1, kTimeoutMs);

    // The socket reconnects with the renewed token, and sending goes on.
    QVERIFY(m_server->restart());
    QTRY_VERIFY_WITH_TIMEOUT(!provider->isOnline(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(provider->isOnline(), kTimeoutMs);
    provider->openConversation(m_conversationId);
    QVERIFY(provider->send(QStringLiteral("still here")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(lastStatus(*provider->messages()) >= MessageListModel::Status::Sent, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(patient->conversations()->totalUnread(), 1, kTimeoutMs);
    QCOMPARE(signedOut.count(), 0);
    QVERIFY(provider->isSignedIn());
}

void TestChatSession::signOutClearsTheModels()
{
    auto provider = makeSession();
    QVERIFY(signIn(*provider, m_provider));
    provider->openConversation(m_conversationId);
    QVERIFY(provider->send(QStringLiteral("Lab results are in")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(lastStatus(*provider->messages()) >= MessageListModel::Status::Sent, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(provider->conversations()->rowCount(), 1, kTimeoutMs);

    QSignalSpy signedOut(provider.get(), &ChatSession::signedOut);
    provider->signOut();
    QCOMPARE(signedOut.count(), 1);
    QCOMPARE(
        signedOut.at(0).at(0).value<ChatSession::SignOutReason>(), ChatSession::SignOutReason::UserRequested);
    QVERIFY(!provider->isSignedIn());
    QVERIFY(!provider->isOnline());
    QCOMPARE(provider->conversations()->rowCount(), 0);
    QCOMPARE(provider->messages()->rowCount(), 0);
    QVERIFY(provider->openConversationId().isNull());

    // Late answers of the old session do not refill the models.
    QTest::qWait(200);
    QCOMPARE(provider->conversations()->rowCount(), 0);
    QCOMPARE(provider->messages()->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestChatSession)
#include "tst_chatsession.moc"
