#include "app/client/chatsession.h"
#include "app/client/conversationlistmodel.h"
#include "app/client/messagelistmodel.h"
#include "app/client/outbox.h"
#include "tests/app/support/chatsessionfixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <chrono>
#include <memory>

using namespace vw;
using namespace vw::test;
using namespace std::chrono_literals;
using vw::client::ChatSession;
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
    void expiredAccessTokenIsRenewedToSend();
    void expiredAccessTokenIsRenewedToReconnect();
    void signOutClearsTheModels();

private:
    std::unique_ptr<ChatSessionFixture> m_fixture;
};

void TestChatSession::init()
{
    m_fixture = std::make_unique<ChatSessionFixture>();
    QVERIFY2(m_fixture->start(), qPrintable(m_fixture->errorString()));
}

void TestChatSession::cleanup()
{
    m_fixture.reset();
}

void TestChatSession::signInFailsWithAWrongPassword()
{
    auto session = m_fixture->makeSession();
    QSignalSpy failed(session.get(), &ChatSession::signInFailed);
    session->signIn(m_fixture->server().baseUrl().toString(), m_fixture->provider().user.username,
        QStringLiteral("not the password"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
    QCOMPARE(failed.at(0).at(0).value<client::ApiError>().kind, client::ApiError::Kind::Unauthorized);
    QVERIFY(!session->isSignedIn());
}

void TestChatSession::signInLoadsTheConversationList()
{
    auto session = m_fixture->makeSession();
    QSignalSpy signedIn(session.get(), &ChatSession::signedIn);
    QVERIFY(m_fixture->signIn(*session, m_fixture->provider()));
    QCOMPARE(signedIn.count(), 1);
    QCOMPARE(session->currentUser().id, m_fixture->provider().user.id);
    ConversationListModel &list = *session->conversations();
    QTRY_COMPARE_WITH_TIMEOUT(list.rowCount(), 1, kTimeoutMs);
    QCOMPARE(list.data(list.index(0), ConversationListModel::IdRole).toUuid(), m_fixture->conversationId());
    QTRY_COMPARE_WITH_TIMEOUT(list.data(list.index(0), ConversationListModel::TitleRole).toString(),
        QStringLiteral("patient1"), kTimeoutMs);
}

void TestChatSession::sentMessageGoesSentDeliveredRead()
{
    auto provider = m_fixture->makeSession();
    auto patient = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    QVERIFY(m_fixture->signIn(*patient, m_fixture->patient()));
    QSignalSpy notified(patient.get(), &ChatSession::notify);

    provider->openConversation(m_fixture->conversationId());
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
    QCOMPARE(notified.at(0).at(0).toUuid(), m_fixture->conversationId());
    QCOMPARE(notified.at(0).at(1).toString(), QStringLiteral("drhouse"));

    patient->openConversation(m_fixture->conversationId());
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
    auto provider = m_fixture->makeSession();
    auto patient = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    QVERIFY(m_fixture->signIn(*patient, m_fixture->patient()));
    ConversationListModel &theirList = *patient->conversations();
    QTRY_COMPARE_WITH_TIMEOUT(theirList.rowCount(), 1, kTimeoutMs);

    provider->openConversation(m_fixture->conversationId());
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
    const auto http = m_fixture->server().clientFor(m_fixture->patient());
    const QString path = QStringLiteral("/messaging/conversations/%1/messages")
                             .arg(m_fixture->conversationId().toString(QUuid::WithoutBraces));
    for (int i = 0; i < 55; ++i)
        QCOMPARE(
            http->post(path, {{QStringLiteral("content"), QStringLiteral("note %1").arg(i)}}).status, 201);

    auto provider = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    provider->openConversation(m_fixture->conversationId());
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
    auto provider = m_fixture->makeSession(1500);
    auto patient = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    QVERIFY(m_fixture->signIn(*patient, m_fixture->patient()));
    provider->openConversation(m_fixture->conversationId());
    patient->openConversation(m_fixture->conversationId());

    QVERIFY(m_fixture->server().restart());
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
    const HttpReply history = m_fixture->server()
                                  .clientFor(m_fixture->provider())
                                  ->get(QStringLiteral("/messaging/conversations/%1/messages")
                                            .arg(m_fixture->conversationId().toString(QUuid::WithoutBraces)));
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
    auto provider = m_fixture->makeSession();
    auto patient = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    QVERIFY(m_fixture->signIn(*patient, m_fixture->patient()));
    QSignalSpy renewed(provider.get(), &ChatSession::tokensRenewed);
    QSignalSpy signedOut(provider.get(), &ChatSession::signedOut);

    provider->renewTokensNow();
    QTRY_COMPARE_WITH_TIMEOUT(renewed.count(), 1, kTimeoutMs);

    // The socket reconnects with the renewed token, and sending goes on.
    QVERIFY(m_fixture->server().restart());
    QTRY_VERIFY_WITH_TIMEOUT(!provider->isOnline(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(provider->isOnline(), kTimeoutMs);
    provider->openConversation(m_fixture->conversationId());
    QVERIFY(provider->send(QStringLiteral("still here")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(lastStatus(*provider->messages()) >= MessageListModel::Status::Sent, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(patient->conversations()->totalUnread(), 1, kTimeoutMs);
    QCOMPARE(signedOut.count(), 0);
    QVERIFY(provider->isSignedIn());
}

// Both of these: the session's renewal timer still counts on the usual token life, as after
// a sleep, so only the server's refusal can tell it the token is over.
void TestChatSession::expiredAccessTokenIsRenewedToSend()
{
    auto provider = m_fixture->makeSession();
    auto patient = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    QVERIFY(m_fixture->signIn(*patient, m_fixture->patient()));
    provider->openConversation(m_fixture->conversationId());
    patient->openConversation(m_fixture->conversationId());
    QSignalSpy renewed(provider.get(), &ChatSession::tokensRenewed);
    QSignalSpy signedOut(provider.get(), &ChatSession::signedOut);

    const auto expiresAt = m_fixture->giveShortLivedAccessToken(*provider, 1s);
    QVERIFY(expiresAt);
    const QString shortLived = provider->api()->accessToken();
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() >= *expiresAt, kTimeoutMs);
    HttpTestClient stale(m_fixture->server().baseUrl());
    stale.setBearer(shortLived);
    QCOMPARE(stale.get(QStringLiteral("/auth/me")).status, 401);

    // The send is refused with 401, the token renewed once and the send retried.
    QVERIFY(provider->send(QStringLiteral("Your refill is ready")).ok());
    MessageListModel &mine = *provider->messages();
    QTRY_VERIFY_WITH_TIMEOUT(lastStatus(mine) >= MessageListModel::Status::Sent, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(patient->messages()->rowCount(), 1, kTimeoutMs);
    QCOMPARE(contentAt(*patient->messages(), 0), QStringLiteral("Your refill is ready"));
    QCOMPARE(renewed.count(), 1);
    QVERIFY(provider->api()->accessToken() != shortLived);
    QCOMPARE(signedOut.count(), 0);
    QVERIFY(provider->isSignedIn());
    QVERIFY(provider->isOnline());
}

void TestChatSession::expiredAccessTokenIsRenewedToReconnect()
{
    auto provider = m_fixture->makeSession();
    auto patient = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    QVERIFY(m_fixture->signIn(*patient, m_fixture->patient()));
    provider->openConversation(m_fixture->conversationId());
    patient->openConversation(m_fixture->conversationId());
    QSignalSpy renewed(provider.get(), &ChatSession::tokensRenewed);
    QSignalSpy signedOut(provider.get(), &ChatSession::signedOut);

    const auto expiresAt = m_fixture->giveShortLivedAccessToken(*provider, 1s);
    QVERIFY(expiresAt);
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() >= *expiresAt, kTimeoutMs);

    // The socket drops and comes back with the expired token: refused, renewed, reopened.
    QVERIFY(m_fixture->server().restart());
    QTRY_VERIFY_WITH_TIMEOUT(!provider->isOnline(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(provider->isOnline(), kTimeoutMs);
    QCOMPARE(renewed.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(patient->isOnline(), kTimeoutMs);

    // Live events arrive again, and sending works.
    QVERIFY(patient->send(QStringLiteral("Can I take it with food?")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(provider->messages()->rowCount(), 1, kTimeoutMs);
    QCOMPARE(contentAt(*provider->messages(), 0), QStringLiteral("Can I take it with food?"));
    QVERIFY(provider->send(QStringLiteral("Yes, with food")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(patient->messages()->rowCount(), 2, kTimeoutMs);
    QCOMPARE(contentAt(*patient->messages(), 1), QStringLiteral("Yes, with food"));
    QCOMPARE(signedOut.count(), 0);
    QVERIFY(provider->isSignedIn());
}

void TestChatSession::signOutClearsTheModels()
{
    auto provider = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    provider->openConversation(m_fixture->conversationId());
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
