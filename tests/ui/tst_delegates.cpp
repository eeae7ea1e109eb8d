#include "app/chat/conversationdelegate.h"
#include "app/chat/messagedelegate.h"
#include "app/client/conversationlistmodel.h"
#include "app/client/messagelistmodel.h"

#include <QImage>
#include <QListView>
#include <QPainter>
#include <QTest>

using namespace vw;
using vw::chat::ConversationDelegate;
using vw::chat::MessageDelegate;
using vw::client::ConversationListModel;
using vw::client::MessageListModel;
using vw::client::PendingMessageOptions;

namespace {

QUuid id(int n)
{
    return QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
}

const QUuid kSelf = id(1);
const QUuid kJane = id(2);
const QUuid kHouse = id(3);
const QUuid kConversation = id(10);

model::User user(const QUuid &userId, const QString &name, bool online = false)
{
    model::User u;
    u.id = userId;
    u.username = name.toLower().remove(QLatin1Char(' '));
    u.displayName = name;
    u.online = online;
    return u;
}

model::Message message(int n, const QUuid &sender, const QDateTime &createdAt, const QString &content)
{
    model::Message m;
    m.id = id(1000 + n);
    m.conversationId = kConversation;
    m.senderId = sender;
    m.content = content;
    m.createdAt = createdAt;
    return m;
}

model::Attachment attachment(int n, const QString &name, model::ScanStatus scan)
{
    model::Attachment a;
    a.id = id(5000 + n);
    a.fileName = name;
    a.mimeType = QStringLiteral("application/pdf");
    a.size = 123456 * n;
    a.sha256 = QString(64, QLatin1Char('a'));
    a.scanStatus = scan;
    return a;
}

QStyleOptionViewItem optionFor(const QListView &view, const QRect &rect)
{
    QStyleOptionViewItem option;
    option.rect = rect;
    option.font = view.font();
    option.fontMetrics = view.fontMetrics();
    option.palette = view.palette();
    option.widget = &view;
    option.state = QStyle::State_Enabled | QStyle::State_Active;
    return option;
}

// How many pixels differ from the top-left one: a blank image has none.
int inkPixels(const QImage &image)
{
    const QRgb background = image.pixel(0, 0);
    int ink = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixel(x, y) != background)
                ++ink;
        }
    }
    return ink;
}

QImage render(const QStyledItemDelegate &delegate, const QListView &view, const QModelIndex &index,
    QStyle::State extraState = QStyle::State_None)
{
    QStyleOptionViewItem option = optionFor(view, QRect(0, 0, view.viewport()->width(), 10));
    const QSize hint = delegate.sizeHint(option, index);
    option.rect = QRect(QPoint(0, 0), hint);
    option.state |= extraState;
    QImage image(hint, QImage::Format_ARGB32_Premultiplied);
    image.fill(view.palette().color(QPalette::Base));
    QPainter painter(&image);
    delegate.paint(&painter, option, index);
    painter.end();
    return image;
}

} // namespace

class TestDelegates : public QObject
{
    Q_OBJECT

private slots:
    void conversationRows();
    void conversationTimeText();
    void messageHeightGrowsWithText();
    void messageRowsEveryCombination();
    void dayText();
    void viewsShowRows();

private:
    static void fillConversations(ConversationListModel &model);
    static void fillMessages(MessageListModel &model);
};

void TestDelegates::fillConversations(ConversationListModel &model)
{
    model.setSelfId(kSelf);
    model.setUsers({user(kSelf, QStringLiteral("Me")), user(kJane, QStringLiteral("Jane Doe"), true),
        user(kHouse, QStringLiteral("Dr. Gregory House"))});
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<model::Conversation> conversations;
    for (int i = 0; i < 5; ++i) {
        model::Conversation c;
        c.id = id(100 + i);
        c.participantIds = {kSelf, i % 2 ? kJane : kHouse};
        c.createdAt = now.addDays(-30);
        if (i != 4) {
            c.lastMessageAt = now.addDays(-i);
            c.lastMessagePreview = i == 3 ? QString(300, QLatin1Char('x')) : QStringLiteral("See you at 3pm");
        }
        c.unreadCount = i == 0 ? 0 : i * 7;
        if (i == 2)
            c.title = QStringLiteral("Cardiology care team with a very long title that must be elided");
        conversations.append(c);
    }
    model.setConversations(conversations);
    model.setUrgentUnread(id(101), true);
    model.setTyping(id(103), kJane, true);
}

void TestDelegates::conversationRows()
{
    ConversationListModel model;
    fillConversations(model);
    QCOMPARE(model.rowCount(), 5);
    QListView view;
    view.resize(320, 480);
    ConversationDelegate delegate;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        for (const QStyle::State state :
            {QStyle::State(QStyle::State_None), QStyle::State(QStyle::State_Selected)}) {
            const QImage image = render(delegate, view, index, state);
            QVERIFY(image.height() >= 56);
            QVERIFY(image.height() <= 120);
            QVERIFY2(inkPixels(image) > 200, qPrintable(QStringLiteral("row %1 is blank").arg(row)));
        }
    }
}

void TestDelegates::conversationTimeText()
{
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime today(now.date(), QTime(14, 5));
    QCOMPARE(
        ConversationDelegate::timeText(today, now), ConversationDelegate::shortTime(QLocale(), QTime(14, 5)));
    QVERIFY(!ConversationDelegate::timeText(today, now).contains(QStringLiteral("05:00")));
    const QDateTime old(now.date().addDays(-40), QTime(9, 0));
    QCOMPARE(ConversationDelegate::timeText(old, now), QLocale().toString(old.date(), QLocale::ShortFormat));
    QVERIFY(ConversationDelegate::timeText(QDateTime(), now).isEmpty());
}

void TestDelegates::messageHeightGrowsWithText()
{
    MessageListModel model;
    model.setSelfId(kSelf);
    model.setUsers({user(kSelf, QStringLiteral("Me")), user(kJane, QStringLiteral("Jane Doe"))});
    const QDateTime t = QDateTime::currentDateTimeUtc().addSecs(-3600);
    const QString longText
        = QStringLiteral("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ").repeated(12);
    model.setMessages({message(3, kJane, t.addSecs(20), longText + longText),
        message(2, kJane, t.addSecs(10), longText), message(1, kJane, t, QStringLiteral("Hi"))});
    QListView view;
    view.resize(420, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    MessageDelegate delegate;
    const QStyleOptionViewItem option = optionFor(view, QRect(0, 0, view.viewport()->width(), 10));
    const int row0 = delegate.sizeHint(option, model.index(0)).height();
    const int row1 = delegate.sizeHint(option, model.index(1)).height();
    const int row2 = delegate.sizeHint(option, model.index(2)).height();
    // Row 0 starts the day and the group, so compare the text alone through rows 1 and 2.
    QVERIFY2(row2 > row1 + 40, qPrintable(QStringLiteral("%1 vs %2").arg(row2).arg(row1)));
    QVERIFY(row0 > 0);
    // A narrower view wraps into more lines.
    view.resize(260, 600);
    QTRY_VERIFY(view.viewport()->width() < 300);
    const QStyleOptionViewItem narrow = optionFor(view, QRect(0, 0, view.viewport()->width(), 10));
    QVERIFY(delegate.sizeHint(narrow, model.index(1)).height() > row1);
    // Never wider than the view.
    QVERIFY(delegate.sizeHint(narrow, model.index(2)).width() <= view.viewport()->width());
}

void TestDelegates::fillMessages(MessageListModel &model)
{
    model.setSelfId(kSelf);
    model.setUsers({user(kSelf, QStringLiteral("Me")), user(kJane, QStringLiteral("Jane Doe")),
        user(kHouse, QStringLiteral("Dr. Gregory House"))});
    const QDateTime today = QDateTime::currentDateTimeUtc().addSecs(-7200);
    const QDateTime older = today.addDays(-3);

    QList<model::Message> oldestFirst;
    oldestFirst << message(1, kHouse, older, QStringLiteral("Welcome to the care team."));
    model::Message system
        = message(2, kHouse, older.addSecs(60), QStringLiteral("Jane Doe joined the conversation"));
    system.type = model::MessageType::System;
    oldestFirst << system;
    model::Message own = message(3, kSelf, older.addSecs(120), QStringLiteral("Thank you!"));
    own.status = model::MessageStatus::Read;
    own.readAt = older.addSecs(130);
    oldestFirst << own;
    model::Message urgent = message(4, kJane, today, QStringLiteral("My blood pressure is 190/120"));
    urgent.priority = model::MessagePriority::Urgent;
    oldestFirst << urgent;
    model::Message reply
        = message(5, kHouse, today.addSecs(30), QStringLiteral("Go to the emergency room now."));
    reply.replyToId = urgent.id;
    reply.priority = model::MessagePriority::Urgent;
    oldestFirst << reply;
    model::Message files = message(6, kHouse, today.addSecs(60), QStringLiteral("Your results"));
    files.attachments = {
        attachment(1, QStringLiteral("lab-results-2026-with-a-very-long-name.pdf"), model::ScanStatus::Clean),
        attachment(2, QStringLiteral("scan.png"), model::ScanStatus::Skipped)};
    oldestFirst << files;
    model::Message onlyFile = message(7, kSelf, today.addSecs(90), QString());
    onlyFile.attachments = {attachment(3, QStringLiteral("photo.jpg"), model::ScanStatus::Clean)};
    onlyFile.status = model::MessageStatus::Delivered;
    onlyFile.deliveredAt = today.addSecs(91);
    oldestFirst << onlyFile;
    model::Message ownReply = message(8, kSelf, today.addSecs(120), QStringLiteral("On my way"));
    ownReply.replyToId = reply.id;
    oldestFirst << ownReply;
    oldestFirst << message(9, kJane, today.addSecs(150), QStringLiteral("To be deleted"));
    model::Message missingQuote
        = message(10, kJane, today.addSecs(180), QStringLiteral("About that old message"));
    missingQuote.replyToId = id(999);
    oldestFirst << missingQuote;
    model::Message rtl = message(11, kJane, today.addSecs(200), QStringLiteral("שלום, מה שלומך?"));
    oldestFirst << rtl;

    QList<model::Message> newestFirst(oldestFirst.crbegin(), oldestFirst.crend());
    model.setMessages(newestFirst);
    model.setLastReadAt(today.addSecs(45));
    QVERIFY(model.applyDeleted(id(1009)));
    QVERIFY(model.addPending(QStringLiteral("c-1"), QStringLiteral("Pending message")));
    QVERIFY(model.addPending(QStringLiteral("c-2"), QStringLiteral("This one failed")));
    QVERIFY(model.markFailed(QStringLiteral("c-2")));
    PendingMessageOptions urgentOptions;
    urgentOptions.priority = model::MessagePriority::Urgent;
    urgentOptions.replyToId = id(1004);
    urgentOptions.attachments = {attachment(4, QStringLiteral("ecg.pdf"), model::ScanStatus::Clean)};
    QVERIFY(model.addPending(
        QStringLiteral("c-3"), QStringLiteral("Urgent pending with a quote"), urgentOptions));
}

void TestDelegates::messageRowsEveryCombination()
{
    MessageListModel model;
    fillMessages(model);
    QCOMPARE(model.rowCount(), 14);
    QVERIFY(model.firstUnreadRow() >= 0);
    QListView view;
    view.resize(480, 700);
    MessageDelegate delegate;
    const QStyleOptionViewItem option = optionFor(view, QRect(0, 0, view.viewport()->width(), 10));
    const int plainHeight = delegate.sizeHint(option, model.index(model.rowOf(id(1008)))).height();
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        for (const QStyle::State state : {QStyle::State(QStyle::State_None),
                 QStyle::State(QStyle::State_Selected | QStyle::State_HasFocus)}) {
            const QImage image = render(delegate, view, index, state);
            QVERIFY(image.height() > 10);
            QVERIFY2(inkPixels(image) > 100, qPrintable(QStringLiteral("row %1 is blank").arg(row)));
        }
    }
    // Extras make a row taller than the same bubble without them.
    const int withAttachments = delegate.sizeHint(option, model.index(model.rowOf(id(1006)))).height();
    QVERIFY(withAttachments > plainHeight);
    const int firstUnread = model.firstUnreadRow();
    QVERIFY(delegate.sizeHint(option, model.index(firstUnread)).height() > plainHeight);
}

void TestDelegates::dayText()
{
    const QDate today(2026, 3, 10);
    QCOMPARE(MessageDelegate::dayText(today, today), QStringLiteral("Today"));
    QCOMPARE(MessageDelegate::dayText(today.addDays(-1), today), QStringLiteral("Yesterday"));
    QCOMPARE(MessageDelegate::dayText(today.addDays(-5), today),
        QLocale().toString(today.addDays(-5), QLocale::LongFormat));
}

void TestDelegates::viewsShowRows()
{
    ConversationListModel conversations;
    fillConversations(conversations);
    MessageListModel messages;
    fillMessages(messages);

    QWidget window;
    window.resize(900, 700);
    QListView sidebar(&window);
    sidebar.setGeometry(0, 0, 320, 700);
    ConversationDelegate conversationDelegate;
    sidebar.setItemDelegate(&conversationDelegate);
    sidebar.setModel(&conversations);
    QListView chat(&window);
    chat.setGeometry(320, 0, 580, 700);
    chat.setResizeMode(QListView::Adjust);
    chat.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    chat.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    MessageDelegate messageDelegate;
    chat.setItemDelegate(&messageDelegate);
    chat.setModel(&messages);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QVERIFY(sidebar.visualRect(conversations.index(1)).height() >= 56);
    const QImage sidebarImage = sidebar.viewport()->grab().toImage();
    QVERIFY(inkPixels(sidebarImage) > 2000);
    const QImage chatImage = chat.viewport()->grab().toImage();
    QVERIFY(inkPixels(chatImage) > 2000);
    // Rows are laid out one under the other without overlapping.
    for (int row = 1; row < messages.rowCount(); ++row) {
        const QRect previous = chat.visualRect(messages.index(row - 1));
        const QRect current = chat.visualRect(messages.index(row));
        QVERIFY(current.top() >= previous.bottom());
    }
}

QTEST_MAIN(TestDelegates)
#include "tst_delegates.moc"
