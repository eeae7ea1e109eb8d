#include "app/chat/composer.h"
#include "app/chat/mainwindow.h"
#include "app/client/chatsession.h"
#include "app/client/messagelistmodel.h"
#include "app/client/thumbnailcache.h"
#include "tests/app/support/chatsessionfixture.h"
#include "tests/support/sampledocuments.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>
#include <memory>
#include <type_traits>

using namespace vw;
using namespace vw::test;
using vw::client::ChatSession;
using vw::client::MessageListModel;

namespace {

constexpr int kTimeoutMs = 15000;

// Answers the next window of type Widget the app runs modally (QMenu::exec, QMessageBox,
// QFileDialog) from inside its event loop, as a user would; gives up after kTimeoutMs.
template <typename Widget>
class NextModal
{
public:
    explicit NextModal(std::function<void(Widget *)> answer) : m_answer(std::move(answer))
    {
        m_deadline.setRemainingTime(kTimeoutMs);
        m_timer.setInterval(20);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { poll(); });
        m_timer.start();
    }

    bool wasAnswered() const { return m_answered; }

private:
    void poll()
    {
        QWidget *active = std::is_base_of_v<QMenu, Widget> ? QApplication::activePopupWidget()
                                                           : QApplication::activeModalWidget();
        if (auto *widget = qobject_cast<Widget *>(active)) {
            m_timer.stop();
            m_answered = true;
            m_answer(widget);
        } else if (m_deadline.hasExpired()) {
            m_timer.stop();
        }
    }

    std::function<void(Widget *)> m_answer;
    QDeadlineTimer m_deadline;
    QTimer m_timer;
    bool m_answered = false;
};

QString withoutMnemonic(QString text)
{
    return text.remove(u'&');
}

QStringList actionTexts(const QMenu *menu)
{
    QStringList texts;
    for (const QAction *action : menu->actions())
        texts.append(withoutMnemonic(action->text()));
    return texts;
}

// Picks `text` with the keyboard (highlight, Return); closes the menu when it is not offered.
void pick(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions()) {
        if (withoutMnemonic(action->text()) == text) {
            menu->setActiveAction(action);
            QTest::keyClick(menu, Qt::Key_Return);
            return;
        }
    }
    menu->close();
}

// The list's context menu on `row`, as a right click there asks for it; returns once the
// menu (and whatever it led to) is closed.
void requestContextMenu(QListView *view, int row)
{
    const QPoint at = view->visualRect(view->model()->index(row, 0)).center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
    QApplication::sendEvent(view->viewport(), &event);
}

// The row of the message with `content` once the server has acknowledged it; -1 after the timeout.
int waitForMessage(const MessageListModel &model, const QString &content)
{
    int found = -1;
    const bool arrived = QTest::qWaitFor(
        [&] {
            for (int row = 0; row < model.rowCount(); ++row) {
                const QModelIndex index = model.index(row);
                if (index.data(MessageListModel::ContentRole).toString() == content
                    && !index.data(MessageListModel::IdRole).toUuid().isNull()) {
                    found = row;
                    return true;
                }
            }
            return false;
        },
        kTimeoutMs);
    return arrived ? found : -1;
}

QVariantMap onlyAttachment(const MessageListModel &model, int row)
{
    const QVariantList attachments = model.index(row).data(MessageListModel::AttachmentsRole).toList();
    return attachments.size() == 1 ? attachments.constFirst().toMap() : QVariantMap();
}

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

} // namespace

// The window's wiring of what is done to messages, on the offscreen platform against the
// real server: the message context menu (reply, copy, delete) and files dropped, pasted or
// chosen with the attach button. Outcomes are checked where they matter: at the patient's
// session elsewhere, on the clipboard.
class TestMainWindowMessages : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void replyQuotesTheMessageAndSendsItsId();
    void copyTakesTheTextOfTheMessageUnderTheMenu();
    void deleteOwnMessageAfterConfirmation();
    void droppedFileIsSent();
    void pastedImageIsSent();
    void attachButtonSendsTheChosenFile();

private:
    chat::Composer *composer() const { return m_window->composer(); }
    MessageListModel &windowMessages() const { return *m_window->session().messages(); }
    // Types `text` into the composer and presses Enter.
    void typeAndSend(const QString &text);

    std::unique_ptr<ChatSessionFixture> m_fixture;
    std::unique_ptr<chat::MainWindow> m_window; // signed in as the provider, conversation open
    std::unique_ptr<ChatSession> m_patient; // the patient elsewhere, conversation open
};

void TestMainWindowMessages::init()
{
    m_fixture = std::make_unique<ChatSessionFixture>();
    QVERIFY2(m_fixture->start(), qPrintable(m_fixture->errorString()));

    m_window = std::make_unique<chat::MainWindow>(nullptr, m_fixture->sessionOptions());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_fixture->signIn(m_window->session(), m_fixture->provider()));
    QListView *conversations = m_window->conversationList();
    QTRY_COMPARE_WITH_TIMEOUT(conversations->model()->rowCount(), 1, kTimeoutMs);
    conversations->setCurrentIndex(conversations->model()->index(0, 0));
    QCOMPARE(m_window->session().openConversationId(), m_fixture->conversationId());
    QVERIFY(composer()->isEnabled());

    m_patient = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*m_patient, m_fixture->patient()));
    m_patient->openConversation(m_fixture->conversationId());
}

void TestMainWindowMessages::cleanup()
{
    m_patient.reset();
    m_window.reset();
    m_fixture.reset();
    QApplication::clipboard()->clear();
}

void TestMainWindowMessages::typeAndSend(const QString &text)
{
    QPlainTextEdit *edit = composer()->editor();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

void TestMainWindowMessages::replyQuotesTheMessageAndSendsItsId()
{
    QVERIFY(m_patient->send(QStringLiteral("Is the new dose twice a day?")).ok());
    const int row = waitForMessage(windowMessages(), QStringLiteral("Is the new dose twice a day?"));
    QVERIFY(row >= 0);
    const QUuid questionId = windowMessages().index(row).data(MessageListModel::IdRole).toUuid();

    QStringList offered;
    NextModal<QMenu> menu([&](QMenu *shown) {
        offered = actionTexts(shown);
        pick(shown, QStringLiteral("Reply"));
    });
    requestContextMenu(m_window->messageList(), row);
    QVERIFY(menu.wasAnswered());
    // Someone else's message cannot be deleted from here.
    QCOMPARE(offered, (QStringList {QStringLiteral("Reply"), QStringLiteral("Copy text")}));

    QVERIFY(composer()->isReplying());
    QWidget *replyBar = childNamed<QWidget>(composer(), QStringLiteral("Reply"));
    QVERIFY(replyBar);
    QCOMPARE(replyBar->accessibleDescription(),
        QStringLiteral("Replying to patient1: Is the new dose twice a day?"));

    typeAndSend(QStringLiteral("Yes, morning and evening"));
    QVERIFY(!composer()->isReplying());

    // What the patient receives is a reply to that very message.
    MessageListModel &theirs = *m_patient->messages();
    const int replyRow = waitForMessage(theirs, QStringLiteral("Yes, morning and evening"));
    QVERIFY(replyRow >= 0);
    const auto reply = theirs.messageAt(replyRow);
    QVERIFY(reply && reply->replyToId);
    QCOMPARE(*reply->replyToId, questionId);
    QCOMPARE(theirs.index(replyRow).data(MessageListModel::ReplyPreviewRole).toString(),
        QStringLiteral("Is the new dose twice a day?"));

    // The reply bar is gone after sending: the next message is not a reply.
    typeAndSend(QStringLiteral("Take it with food"));
    const int nextRow = waitForMessage(theirs, QStringLiteral("Take it with food"));
    QVERIFY(nextRow >= 0);
    QVERIFY(!theirs.messageAt(nextRow)->replyToId);
}

void TestMainWindowMessages::copyTakesTheTextOfTheMessageUnderTheMenu()
{
    QVERIFY(m_patient->send(QStringLiteral("Blood pressure 128/82 this morning")).ok());
    const int row = waitForMessage(windowMessages(), QStringLiteral("Blood pressure 128/82 this morning"));
    QVERIFY(row >= 0);
    QApplication::clipboard()->setText(QStringLiteral("something else"));

    // An older page arrives while the menu is open and pushes the rows down by one.
    model::Message older;
    older.id = QUuid::createUuid();
    older.conversationId = m_fixture->conversationId();
    older.senderId = m_fixture->patient().user.id;
    older.content = QStringLiteral("An older note");
    older.createdAt = windowMessages().messageAt(row)->createdAt.addSecs(-3600);
    NextModal<QMenu> menu([&](QMenu *shown) {
        windowMessages().prependOlder({older});
        pick(shown, QStringLiteral("Copy text"));
    });
    requestContextMenu(m_window->messageList(), row);
    QVERIFY(menu.wasAnswered());
    QCOMPARE(windowMessages().rowCount(), 2);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Blood pressure 128/82 this morning"));
}

void TestMainWindowMessages::deleteOwnMessageAfterConfirmation()
{
    typeAndSend(QStringLiteral("Wrong chart, please ignore"));
    const int row = waitForMessage(windowMessages(), QStringLiteral("Wrong chart, please ignore"));
    QVERIFY(row >= 0);
    MessageListModel &theirs = *m_patient->messages();
    const int theirRow = waitForMessage(theirs, QStringLiteral("Wrong chart, please ignore"));
    QVERIFY(theirRow >= 0);

    // "No" keeps it.
    QStringList offered;
    {
        NextModal<QMenu> menu([&](QMenu *shown) {
            offered = actionTexts(shown);
            pick(shown, QStringLiteral("Delete for everyone"));
        });
        NextModal<QMessageBox> confirm([](QMessageBox *box) { box->button(QMessageBox::No)->click(); });
        requestContextMenu(m_window->messageList(), row);
        QVERIFY(menu.wasAnswered());
        QVERIFY(confirm.wasAnswered());
    }
    QCOMPARE(offered,
        (QStringList {
            QStringLiteral("Reply"), QStringLiteral("Copy text"), QStringLiteral("Delete for everyone")}));
    QTest::qWait(300);
    QVERIFY(!theirs.index(theirRow).data(MessageListModel::IsDeletedRole).toBool());

    // "Yes" deletes it for everyone: the patient sees the placeholder.
    {
        NextModal<QMenu> menu([](QMenu *shown) { pick(shown, QStringLiteral("Delete for everyone")); });
        NextModal<QMessageBox> confirm([](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
        requestContextMenu(m_window->messageList(), row);
        QVERIFY(menu.wasAnswered());
        QVERIFY(confirm.wasAnswered());
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        theirs.index(theirRow).data(MessageListModel::IsDeletedRole).toBool(), kTimeoutMs);
    QVERIFY(theirs.index(theirRow).data(MessageListModel::ContentRole).toString().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(
        windowMessages().index(row).data(MessageListModel::IsDeletedRole).toBool(), kTimeoutMs);

    // A deleted message has no menu any more.
    NextModal<QMenu> none([](QMenu *shown) { shown->close(); });
    requestContextMenu(m_window->messageList(), row);
    QVERIFY(!none.wasAnswered());
}

void TestMainWindowMessages::droppedFileIsSent()
{
    QImage picture(400, 300, QImage::Format_RGB32);
    picture.fill(QColor(0x20, 0x80, 0xc0));
    const QString path = m_fixture->filePath(QStringLiteral("knee.png"));
    QVERIFY(picture.save(path, "PNG"));

    QMimeData dragged;
    dragged.setUrls({QUrl::fromLocalFile(path)});
    QWidget *target = composer()->editor()->viewport();
    const QPoint at = target->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &dragged, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &dragged, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY(drop.isAccepted());
    QVERIFY(composer()->text().isEmpty()); // a file, not its path as text

    MessageListModel &theirs = *m_patient->messages();
    QTRY_COMPARE_WITH_TIMEOUT(theirs.rowCount(), 1, kTimeoutMs);
    QCOMPARE(theirs.index(0).data(MessageListModel::TypeRole).value<model::MessageType>(),
        model::MessageType::Image);
    const QVariantMap attachment = onlyAttachment(theirs, 0);
    QCOMPARE(attachment.value(QStringLiteral("fileName")).toString(), QStringLiteral("knee.png"));
    QCOMPARE(attachment.value(QStringLiteral("mimeType")).toString(), QStringLiteral("image/png"));
}

void TestMainWindowMessages::pastedImageIsSent()
{
    QImage pasted(120, 80, QImage::Format_ARGB32);
    pasted.fill(QColor(0xe0, 0x30, 0x30));
    QApplication::clipboard()->setImage(pasted);
    QTest::keyClick(composer()->editor(), Qt::Key_V, Qt::ControlModifier);
    QVERIFY(composer()->text().isEmpty());

    MessageListModel &theirs = *m_patient->messages();
    QTRY_COMPARE_WITH_TIMEOUT(theirs.rowCount(), 1, kTimeoutMs);
    QCOMPARE(theirs.index(0).data(MessageListModel::TypeRole).value<model::MessageType>(),
        model::MessageType::Image);
    const QVariantMap attachment = onlyAttachment(theirs, 0);
    QCOMPARE(attachment.value(QStringLiteral("fileName")).toString(), QStringLiteral("image.png"));
    QCOMPARE(attachment.value(QStringLiteral("mimeType")).toString(), QStringLiteral("image/png"));

    // The very pixels: the patient's thumbnail of it.
    client::ThumbnailCache &thumbnails = *m_patient->thumbnails();
    QSignalSpy ready(&thumbnails, &client::ThumbnailCache::thumbnailReady);
    const QUuid id = attachment.value(QStringLiteral("id")).toUuid();
    QVERIFY(thumbnails.image(id).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeoutMs);
    const QImage received = thumbnails.image(id);
    QCOMPARE(received.size(), QSize(120, 80));
    QCOMPARE(received.pixelColor(60, 40), QColor(0xe0, 0x30, 0x30));
}

void TestMainWindowMessages::attachButtonSendsTheChosenFile()
{
    const QString path = m_fixture->filePath(QStringLiteral("report.pdf"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write(samples::pdf()) > 0);
    }
    QToolButton *attach = childNamed<QToolButton>(composer(), QStringLiteral("Attach file"));
    QVERIFY(attach);
    NextModal<QFileDialog> chooser([&](QFileDialog *dialog) {
        // Typed into the file name box (selectFile() leaves the box alone once it has focus).
        auto *fileName = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        if (!fileName) {
            dialog->reject();
            return;
        }
        fileName->setText(path);
        static_cast<QDialog *>(dialog)->accept(); // as the Open button does
        if (dialog->isVisible())
            dialog->reject(); // fail below rather than wait here
    });
    QTest::mouseClick(attach, Qt::LeftButton);
    QVERIFY(chooser.wasAnswered());

    MessageListModel &theirs = *m_patient->messages();
    QTRY_COMPARE_WITH_TIMEOUT(theirs.rowCount(), 1, kTimeoutMs);
    QCOMPARE(theirs.index(0).data(MessageListModel::TypeRole).value<model::MessageType>(),
        model::MessageType::File);
    const QVariantMap attachment = onlyAttachment(theirs, 0);
    QCOMPARE(attachment.value(QStringLiteral("fileName")).toString(), QStringLiteral("report.pdf"));
    QCOMPARE(attachment.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/pdf"));
    QCOMPARE(attachment.value(QStringLiteral("size")).toLongLong(), samples::pdf().size());
}

QTEST_MAIN(TestMainWindowMessages)
#include "tst_mainwindowmessages.moc"
