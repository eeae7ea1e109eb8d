#include "app/chat/searchpanel.h"
#include "app/client/apiclient.h"
#include "app/client/serverendpoint.h"
#include "tests/support/realtimetestserver.h"

#include <QAbstractButton>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using vw::chat::SearchPanel;
using vw::client::ApiClient;
using vw::client::ServerEndpoint;
using vw::model::UserRole;
using vw::test::RealtimeTestServer;
using vw::test::RealtimeTestUser;

class TestSearchPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void findsWholeWordsInAllConversations();
    void thisConversationScope();
    void partialWordFindsNothing();
    void activatingEmitsIds_data();
    void activatingEmitsIds();
    void emptySearchDoesNothing();
    void escapeCloses();
    void serverDownShowsReadableError();
    void everyControlHasAnAccessibleName();

private:
    QUuid sendMessage(const RealtimeTestUser &from, const QString &conversationId, const QString &content);
    std::unique_ptr<ApiClient> apiFor(const RealtimeTestUser &user) const;
    static QLineEdit *line(SearchPanel &panel);
    static QListWidget *results(SearchPanel &panel);
    static QLabel *status(SearchPanel &panel);
    static void runSearch(SearchPanel &panel, const QString &text);

    RealtimeTestServer m_server;
    RealtimeTestUser m_provider;
    RealtimeTestUser m_patient;
    RealtimeTestUser m_patient2;
    QUuid m_conversationA;
    QUuid m_conversationB;
    QUuid m_messageA;
    QUuid m_messageB;
};

void TestSearchPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_provider = m_server.addUser(QStringLiteral("sp_provider"), UserRole::Provider);
    m_patient = m_server.addUser(QStringLiteral("sp_patient"), UserRole::Patient);
    m_patient2 = m_server.addUser(QStringLiteral("sp_patient2"), UserRole::Patient);
    const QString a = m_server.openPair(m_provider, m_patient);
    const QString b = m_server.openPair(m_provider, m_patient2);
    m_conversationA = QUuid::fromString(a);
    m_conversationB = QUuid::fromString(b);
    QVERIFY(!m_conversationA.isNull() && !m_conversationB.isNull());
    m_messageA = sendMessage(m_provider, a, QStringLiteral("Your bloodwork results look fine."));
    m_messageB = sendMessage(m_patient2, b, QStringLiteral("I will bring the bloodwork form tomorrow"));
    sendMessage(m_patient, a, QStringLiteral("Thanks, see you next week"));
}

QUuid TestSearchPanel::sendMessage(
    const RealtimeTestUser &from, const QString &conversationId, const QString &content)
{
    const auto reply = m_server.clientFor(from)->post(
        QStringLiteral("/messaging/conversations/%1/messages").arg(conversationId),
        QJsonObject {{QStringLiteral("content"), content}});
    if (reply.status != 201)
        qWarning() << "send failed" << reply.status << reply.body;
    return QUuid::fromString(reply.json().value(QStringLiteral("id")).toString());
}

std::unique_ptr<ApiClient> TestSearchPanel::apiFor(const RealtimeTestUser &user) const
{
    auto api = std::make_unique<ApiClient>(ServerEndpoint::parse(m_server.baseUrl().toString()).value());
    api->setAccessToken(user.accessToken);
    return api;
}

QLineEdit *TestSearchPanel::line(SearchPanel &panel)
{
    return panel.findChild<QLineEdit *>();
}

QListWidget *TestSearchPanel::results(SearchPanel &panel)
{
    return panel.findChild<QListWidget *>();
}

QLabel *TestSearchPanel::status(SearchPanel &panel)
{
    for (QLabel *label : panel.findChildren<QLabel *>()) {
        if (label->accessibleName() == QStringLiteral("Search status"))
            return label;
    }
    return nullptr;
}

void TestSearchPanel::runSearch(SearchPanel &panel, const QString &text)
{
    QLineEdit *edit = line(panel);
    edit->clear();
    QTest::keyClicks(edit, text);
    status(panel)->clear();
    QTest::keyClick(edit, Qt::Key_Return);
}

void TestSearchPanel::findsWholeWordsInAllConversations()
{
    auto api = apiFor(m_provider);
    SearchPanel panel(*api);
    panel.setUsers({m_provider.user, m_patient.user, m_patient2.user});
    panel.show();
    QCOMPARE(line(panel)->placeholderText(), QStringLiteral("Search messages"));
    QVERIFY(panel.searchesAllConversations());

    runSearch(panel, QStringLiteral("BLOODWORK"));
    QTRY_COMPARE_WITH_TIMEOUT(results(panel)->count(), 2, 5000);
    QList<QUuid> ids;
    for (const auto &message : panel.results())
        ids.append(message.id);
    QVERIFY(ids.contains(m_messageA));
    QVERIFY(ids.contains(m_messageB));
    // Sender, date and snippet are all in the row.
    bool sawSender = false;
    for (int row = 0; row < results(panel)->count(); ++row) {
        const QString text = results(panel)->item(row)->text();
        QVERIFY(text.contains(QStringLiteral("bloodwork")));
        sawSender = sawSender || text.startsWith(QStringLiteral("sp_patient2"));
    }
    QVERIFY(sawSender);
}

void TestSearchPanel::thisConversationScope()
{
    auto api = apiFor(m_provider);
    SearchPanel panel(*api);
    panel.setConversation(m_conversationA);
    QVERIFY(!panel.searchesAllConversations());
    runSearch(panel, QStringLiteral("bloodwork"));
    QTRY_COMPARE_WITH_TIMEOUT(results(panel)->count(), 1, 5000);
    QCOMPARE(panel.results().first().id, m_messageA);
    QCOMPARE(panel.results().first().conversationId, m_conversationA);

    // Switching the scope runs the search again, over everything.
    QRadioButton *all = nullptr;
    for (QRadioButton *button : panel.findChildren<QRadioButton *>()) {
        if (button->accessibleName() == QStringLiteral("Search all conversations"))
            all = button;
    }
    QVERIFY(all);
    all->click();
    QTRY_COMPARE_WITH_TIMEOUT(results(panel)->count(), 2, 5000);

    // Without a conversation only "all" is possible.
    panel.setConversation({});
    QVERIFY(panel.searchesAllConversations());
}

void TestSearchPanel::partialWordFindsNothing()
{
    auto api = apiFor(m_provider);
    SearchPanel panel(*api);
    runSearch(panel, QStringLiteral("blood"));
    QTRY_VERIFY_WITH_TIMEOUT(status(panel)->text() == QStringLiteral("No messages found."), 5000);
    QCOMPARE(results(panel)->count(), 0);
}

void TestSearchPanel::activatingEmitsIds_data()
{
    QTest::addColumn<bool>("byKeyboard");
    QTest::newRow("enter") << true;
    QTest::newRow("click") << false;
}

void TestSearchPanel::activatingEmitsIds()
{
    QFETCH(bool, byKeyboard);
    auto api = apiFor(m_patient);
    SearchPanel panel(*api);
    panel.setUsers({m_provider.user, m_patient.user});
    panel.show();
    QSignalSpy activated(&panel, &SearchPanel::resultActivated);
    runSearch(panel, QStringLiteral("results"));
    QTRY_COMPARE_WITH_TIMEOUT(results(panel)->count(), 1, 5000);
    QVERIFY(results(panel)->item(0)->text().startsWith(QStringLiteral("sp_provider")));

    QListWidget *list = results(panel);
    if (byKeyboard) {
        QTest::keyClick(line(panel), Qt::Key_Down);
        QTest::keyClick(list, Qt::Key_Return);
    } else {
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
    }
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<QUuid>(), m_conversationA);
    QCOMPARE(activated.at(0).at(1).value<QUuid>(), m_messageA);
}

void TestSearchPanel::emptySearchDoesNothing()
{
    auto api = apiFor(m_provider);
    SearchPanel panel(*api);
    runSearch(panel, QStringLiteral("bloodwork"));
    QTRY_COMPARE_WITH_TIMEOUT(results(panel)->count(), 2, 5000);

    runSearch(panel, QStringLiteral("   "));
    QTest::qWait(200);
    QVERIFY(status(panel)->text().isEmpty());
    QCOMPARE(results(panel)->count(), 2);
}

void TestSearchPanel::escapeCloses()
{
    auto api = apiFor(m_provider);
    SearchPanel panel(*api);
    panel.show();
    QSignalSpy closed(&panel, &SearchPanel::closed);
    panel.focusSearch();
    QTest::keyClick(line(panel), Qt::Key_Escape);
    QCOMPARE(closed.count(), 1);
    QTest::keyClick(results(panel), Qt::Key_Escape);
    QCOMPARE(closed.count(), 2);
}

void TestSearchPanel::serverDownShowsReadableError()
{
    auto server = std::make_unique<RealtimeTestServer>();
    QVERIFY(server->start());
    const RealtimeTestUser user = server->addUser(QStringLiteral("sp_down"), UserRole::Provider);
    ApiClient api(ServerEndpoint::parse(server->baseUrl().toString()).value());
    api.setAccessToken(user.accessToken);
    server.reset();

    SearchPanel panel(api);
    runSearch(panel, QStringLiteral("anything"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !status(panel)->text().isEmpty() && status(panel)->text() != QStringLiteral("Searching…"), 10000);
    QVERIFY(status(panel)->text() != QStringLiteral("No messages found."));
    QCOMPARE(results(panel)->count(), 0);
}

void TestSearchPanel::everyControlHasAnAccessibleName()
{
    auto api = apiFor(m_provider);
    SearchPanel panel(*api);
    for (QWidget *widget : panel.findChildren<QWidget *>()) {
        if (qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractButton *>(widget)
            || qobject_cast<QListWidget *>(widget)) {
            if (widget->parent() && qobject_cast<QLineEdit *>(widget->parent()))
                continue; // the line edit's own clear button
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
        }
    }
}

QTEST_MAIN(TestSearchPanel)
#include "tst_searchpanel.moc"
