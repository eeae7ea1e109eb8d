#include "app/chat/newconversationdialog.h"
#include "app/client/apiclient.h"
#include "app/client/serverendpoint.h"
#include "tests/support/realtimetestserver.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using vw::chat::NewConversationDialog;
using vw::client::ApiClient;
using vw::client::ServerEndpoint;
using vw::model::Conversation;
using vw::model::UserRole;
using vw::test::RealtimeTestServer;
using vw::test::RealtimeTestUser;

class TestNewConversationDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void patientSeesOnlyProviders();
    void patientOpensPairWithProvider();
    void doubleClickOpensPair();
    void searchFiltersDirectory();
    void providerCreatesGroup();
    void groupNeedsTitle();
    void serverDownShowsReadableError();
    void everyControlHasAnAccessibleName();

private:
    std::unique_ptr<ApiClient> apiFor(const RealtimeTestUser &user) const;
    static QListWidget *peopleList(NewConversationDialog &dialog);
    static QLineEdit *field(NewConversationDialog &dialog, const QString &accessibleName);
    static QPushButton *startButton(NewConversationDialog &dialog);
    static QListWidgetItem *itemNamed(NewConversationDialog &dialog, const QString &name);
    static bool waitForPeople(NewConversationDialog &dialog, int count);

    RealtimeTestServer m_server;
    RealtimeTestUser m_patient;
    RealtimeTestUser m_patient2;
    RealtimeTestUser m_provider;
    RealtimeTestUser m_provider2;
};

void TestNewConversationDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_patient = m_server.addUser(QStringLiteral("ncd_patient"), UserRole::Patient);
    m_patient2 = m_server.addUser(QStringLiteral("ncd_patient2"), UserRole::Patient);
    m_provider = m_server.addUser(QStringLiteral("ncd_provider"), UserRole::Provider);
    m_provider2 = m_server.addUser(QStringLiteral("ncd_other_provider"), UserRole::Provider);
}

std::unique_ptr<ApiClient> TestNewConversationDialog::apiFor(const RealtimeTestUser &user) const
{
    auto api = std::make_unique<ApiClient>(ServerEndpoint::parse(m_server.baseUrl().toString()).value());
    api->setAccessToken(user.accessToken);
    return api;
}

QListWidget *TestNewConversationDialog::peopleList(NewConversationDialog &dialog)
{
    const auto lists = dialog.findChildren<QListWidget *>();
    for (QListWidget *list : lists) {
        if (list->accessibleName() == QStringLiteral("People"))
            return list;
    }
    return nullptr;
}

QLineEdit *TestNewConversationDialog::field(NewConversationDialog &dialog, const QString &accessibleName)
{
    const auto edits = dialog.findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->accessibleName() == accessibleName)
            return edit;
    }
    return nullptr;
}

QPushButton *TestNewConversationDialog::startButton(NewConversationDialog &dialog)
{
    const auto buttons = dialog.findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->accessibleName() == QStringLiteral("Start conversation"))
            return button;
    }
    return nullptr;
}

QListWidgetItem *TestNewConversationDialog::itemNamed(NewConversationDialog &dialog, const QString &name)
{
    QListWidget *list = peopleList(dialog);
    for (int row = 0; list && row < list->count(); ++row) {
        if (list->item(row)->text().startsWith(name + QStringLiteral(" ")))
            return list->item(row);
    }
    return nullptr;
}

bool TestNewConversationDialog::waitForPeople(NewConversationDialog &dialog, int count)
{
    return QTest::qWaitFor([&] { return peopleList(dialog)->count() == count; }, 5000);
}

void TestNewConversationDialog::patientSeesOnlyProviders()
{
    auto api = apiFor(m_patient);
    NewConversationDialog dialog(*api, m_patient.user);
    QVERIFY(!dialog.canCreateGroups());
    QVERIFY(waitForPeople(dialog, 2));
    for (const auto &person : dialog.people())
        QCOMPARE(person.role, UserRole::Provider);
    // Patients do not tick people: no check boxes, no title.
    QVERIFY(!(peopleList(dialog)->item(0)->flags() & Qt::ItemIsUserCheckable));
    QVERIFY(field(dialog, QStringLiteral("Group title"))->isHidden());
}

void TestNewConversationDialog::patientOpensPairWithProvider()
{
    auto api = apiFor(m_patient);
    NewConversationDialog dialog(*api, m_patient.user);
    dialog.show();
    QVERIFY(waitForPeople(dialog, 2));
    QSignalSpy opened(&dialog, &NewConversationDialog::conversationOpened);

    QListWidgetItem *item = itemNamed(dialog, QStringLiteral("ncd_provider"));
    QVERIFY(item);
    peopleList(dialog)->setCurrentItem(item);
    QVERIFY(startButton(dialog)->isEnabled());
    QTest::keyClick(peopleList(dialog), Qt::Key_Return);

    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 5000);
    const auto conversation = opened.at(0).at(0).value<Conversation>();
    QCOMPARE(conversation.patientId, std::optional<QUuid>(m_patient.user.id));
    QCOMPARE(conversation.providerId, std::optional<QUuid>(m_provider.user.id));
    QVERIFY(conversation.participantIds.contains(m_patient.user.id));
    QVERIFY(conversation.participantIds.contains(m_provider.user.id));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestNewConversationDialog::doubleClickOpensPair()
{
    // The provider's side: the ids go the other way round.
    auto api = apiFor(m_provider);
    NewConversationDialog dialog(*api, m_provider.user);
    dialog.show();
    QVERIFY(waitForPeople(dialog, 3));
    QSignalSpy opened(&dialog, &NewConversationDialog::conversationOpened);

    QListWidgetItem *item = itemNamed(dialog, QStringLiteral("ncd_patient2"));
    QVERIFY(item);
    QListWidget *list = peopleList(dialog);
    const QPoint center = list->visualItemRect(item).center();
    // An item view takes a double click only on the item the press went to.
    QTest::mousePress(list->viewport(), Qt::LeftButton, {}, center);
    QTest::mouseRelease(list->viewport(), Qt::LeftButton, {}, center);
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, center);

    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 5000);
    const auto conversation = opened.at(0).at(0).value<Conversation>();
    QCOMPARE(conversation.patientId, std::optional<QUuid>(m_patient2.user.id));
    QCOMPARE(conversation.providerId, std::optional<QUuid>(m_provider.user.id));
}

void TestNewConversationDialog::searchFiltersDirectory()
{
    auto api = apiFor(m_provider);
    NewConversationDialog dialog(*api, m_provider.user);
    dialog.show();
    QVERIFY(waitForPeople(dialog, 3));
    QTest::keyClicks(field(dialog, QStringLiteral("Search people")), QStringLiteral("patient2"));
    QVERIFY(waitForPeople(dialog, 1));
    QCOMPARE(dialog.people().first().id, m_patient2.user.id);

    QTest::keyClicks(field(dialog, QStringLiteral("Search people")), QStringLiteral("zzz"));
    QVERIFY(waitForPeople(dialog, 0));
    QVERIFY(!startButton(dialog)->isEnabled());
}

void TestNewConversationDialog::providerCreatesGroup()
{
    auto api = apiFor(m_provider);
    NewConversationDialog dialog(*api, m_provider.user);
    dialog.show();
    QVERIFY(dialog.canCreateGroups());
    QVERIFY(waitForPeople(dialog, 3));
    QSignalSpy opened(&dialog, &NewConversationDialog::conversationOpened);

    itemNamed(dialog, QStringLiteral("ncd_patient"))->setCheckState(Qt::Checked);
    itemNamed(dialog, QStringLiteral("ncd_patient2"))->setCheckState(Qt::Checked);
    QTest::keyClicks(field(dialog, QStringLiteral("Group title")), QStringLiteral("Diabetes care team"));
    QVERIFY(startButton(dialog)->isEnabled());
    QTest::mouseClick(startButton(dialog), Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 5000);
    const auto conversation = opened.at(0).at(0).value<Conversation>();
    QCOMPARE(conversation.title, std::optional<QString>(QStringLiteral("Diabetes care team")));
    QCOMPARE(conversation.participantIds.size(), 3);
    QVERIFY(conversation.participantIds.contains(m_provider.user.id));
    QVERIFY(conversation.participantIds.contains(m_patient.user.id));
    QVERIFY(conversation.participantIds.contains(m_patient2.user.id));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestNewConversationDialog::groupNeedsTitle()
{
    auto api = apiFor(m_provider);
    NewConversationDialog dialog(*api, m_provider.user);
    QVERIFY(waitForPeople(dialog, 3));
    itemNamed(dialog, QStringLiteral("ncd_patient"))->setCheckState(Qt::Checked);
    itemNamed(dialog, QStringLiteral("ncd_other_provider"))->setCheckState(Qt::Checked);
    QVERIFY(!startButton(dialog)->isEnabled());
    field(dialog, QStringLiteral("Group title"))->setText(QStringLiteral("Team"));
    QVERIFY(startButton(dialog)->isEnabled());
}

void TestNewConversationDialog::serverDownShowsReadableError()
{
    auto server = std::make_unique<RealtimeTestServer>();
    QVERIFY(server->start());
    const RealtimeTestUser patient = server->addUser(QStringLiteral("ncd_down_patient"), UserRole::Patient);
    ApiClient api(ServerEndpoint::parse(server->baseUrl().toString()).value());
    api.setAccessToken(patient.accessToken);
    server.reset();

    NewConversationDialog dialog(api, patient.user);
    dialog.show();
    QLabel *error = nullptr;
    for (QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->accessibleName() == QStringLiteral("Error"))
            error = label;
    }
    QVERIFY(error);
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
    QVERIFY(!error->text().isEmpty());
    QVERIFY(!startButton(dialog)->isEnabled());
}

void TestNewConversationDialog::everyControlHasAnAccessibleName()
{
    auto api = apiFor(m_provider);
    NewConversationDialog dialog(*api, m_provider.user);
    const auto widgets = dialog.findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractButton *>(widget)
            || qobject_cast<QListWidget *>(widget)) {
            if (widget->parent() && qobject_cast<QLineEdit *>(widget->parent()))
                continue; // the line edit's own clear button
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
        }
    }
}

QTEST_MAIN(TestNewConversationDialog)
#include "tst_newconversationdialog.moc"
