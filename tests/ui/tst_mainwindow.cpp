#include "app/chat/composer.h"
#include "app/chat/mainwindow.h"
#include "app/chat/signindialog.h"
#include "app/client/chatsession.h"
#include "app/client/conversationlistmodel.h"
#include "app/client/messagelistmodel.h"
#include "tests/support/realtimetestserver.h"

#include <QDialog>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace vw;
using vw::client::ChatSession;
using vw::client::MessageListModel;

namespace {

template <typename Widget>
Widget *childNamed(QWidget *parent, const QString &accessibleName)
{
    const auto children = parent->findChildren<Widget *>();
    for (Widget *child : children) {
        if (child->accessibleName() == accessibleName)
            return child;
    }
    return nullptr;
}

client::ChatSessionOptions optionsIn(const QString &outboxDir)
{
    client::ChatSessionOptions options;
    options.outboxDirectory = outboxDir;
    options.realtime.reconnect.initialDelayMs = 50;
    options.realtime.reconnect.maxDelayMs = 200;
    return options;
}

} // namespace

// The real window on the offscreen platform against the real server: sign in through the
// dialog with the keyboard, open the conversation, send with Enter, see it arrive at a
// second client, and see the read tick when that client reads it.
class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void signInSendAndSeeTheReadTick()
    {
        test::RealtimeTestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const auto provider = server.addUser(QStringLiteral("dr.window"), model::UserRole::Provider);
        const auto patient = server.addUser(QStringLiteral("pat.window"), model::UserRole::Patient);
        QVERIFY(!server.openPair(provider, patient).isEmpty());

        QTemporaryDir outboxes;
        chat::MainWindow window(nullptr, optionsIn(outboxes.filePath(QStringLiteral("provider"))));
        window.setServerUrl(server.baseUrl(), true);
        window.show();
        window.requestSignIn();
        chat::SignInDialog *dialog = window.signInDialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *address = childNamed<QLineEdit>(dialog, QStringLiteral("Server address"));
        auto *username = childNamed<QLineEdit>(dialog, QStringLiteral("Username"));
        auto *password = childNamed<QLineEdit>(dialog, QStringLiteral("Password"));
        QVERIFY(address && username && password);
        QCOMPARE(address->text(), server.baseUrl().toString());
        QTest::keyClicks(username, QStringLiteral("dr.window"));
        QTest::keyClicks(password, test::RealtimeTestServer::kPassword);
        QTest::keyClick(password, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(window.session().isSignedIn(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window.session().isOnline(), 5000);

        // The conversation is listed; open it with the keyboard.
        QListView *conversations = window.conversationList();
        QTRY_COMPARE_WITH_TIMEOUT(conversations->model()->rowCount(), 1, 5000);
        conversations->setFocus();
        QTest::keyClick(conversations, Qt::Key_Down);
        QTRY_VERIFY(!window.session().openConversationId().isNull());

        // The patient, elsewhere, has the conversation open.
        QTemporaryDir patientOutbox;
        ChatSession other(optionsIn(patientOutbox.path()));
        other.signIn(
            server.baseUrl().toString(), QStringLiteral("pat.window"), test::RealtimeTestServer::kPassword);
        QTRY_VERIFY_WITH_TIMEOUT(other.isSignedIn() && other.isOnline(), 10000);

        // Type and press Enter.
        auto *edit = window.composer()->findChild<QPlainTextEdit *>();
        QVERIFY(edit);
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("Your labs are back and look fine"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY(edit->toPlainText().isEmpty());

        const MessageListModel *mine = window.session().messages();
        QTRY_COMPARE_WITH_TIMEOUT(mine->rowCount(), 1, 5000);
        QCOMPARE(mine->index(0).data(MessageListModel::ContentRole).toString(),
            QStringLiteral("Your labs are back and look fine"));
        QTRY_VERIFY_WITH_TIMEOUT(mine->index(0).data(MessageListModel::IdRole).toUuid() != QUuid(), 5000);

        // It reaches the other client; opening the conversation there reads it...
        const QUuid conversationId = window.session().openConversationId();
        other.openConversation(conversationId);
        QTRY_COMPARE_WITH_TIMEOUT(other.messages()->rowCount(), 1, 5000);
        QCOMPARE(other.messages()->index(0).data(MessageListModel::ContentRole).toString(),
            QStringLiteral("Your labs are back and look fine"));
        // ... and the sender's window shows the read tick.
        QTRY_COMPARE_WITH_TIMEOUT(
            mine->index(0).data(MessageListModel::StatusRole).value<MessageListModel::Status>(),
            MessageListModel::Status::Read, 5000);
    }

    void shortcutsOpenSearchAndNewConversation()
    {
        test::RealtimeTestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const auto provider = server.addUser(QStringLiteral("dr.keys"), model::UserRole::Provider);
        const auto patient = server.addUser(QStringLiteral("pat.keys"), model::UserRole::Patient);
        const QString conversationId = server.openPair(provider, patient);
        server.clientFor(patient)->post(
            QStringLiteral("/messaging/conversations/%1/messages").arg(conversationId),
            QJsonObject {{QStringLiteral("content"), QStringLiteral("my ankle is swollen again")}});

        QTemporaryDir outbox;
        chat::MainWindow window(nullptr, optionsIn(outbox.path()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.session().signIn(
            server.baseUrl().toString(), QStringLiteral("dr.keys"), test::RealtimeTestServer::kPassword);
        QTRY_VERIFY_WITH_TIMEOUT(window.session().isSignedIn(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window.conversationList()->model()->rowCount(), 1, 5000);

        // Ctrl+F: search, then jump to the hit.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        auto *query = childNamed<QLineEdit>(&window, QStringLiteral("Search messages"));
        QVERIFY(query);
        QTRY_VERIFY(query->isVisible());
        QTest::keyClicks(query, QStringLiteral("ankle"));
        QTest::keyClick(query, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!window.findChildren<QListWidget *>().isEmpty()
                && window.findChildren<QListWidget *>().constFirst()->count() == 1,
            5000);
        QListWidget *hits = window.findChildren<QListWidget *>().constFirst();
        hits->setCurrentRow(0);
        QTest::keyClick(hits, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(
            window.session().openConversationId().toString(QUuid::WithoutBraces), conversationId, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(window.messageList()->currentIndex().isValid(), 5000);

        // Ctrl+N: the new-conversation dialog.
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(window.findChild<QDialog *>() && window.findChild<QDialog *>()->isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
