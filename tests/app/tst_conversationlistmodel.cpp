#include "app/client/conversationlistmodel.h"
#include "tests/support/modeltestdata.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace vw;
using vw::client::ConversationListModel;
using vw::test::utc;

namespace {

QUuid id(int n)
{
    return QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
}

const QUuid kSelf = id(1);
const QUuid kJane = id(2);
const QUuid kJohn = id(3);
const QUuid kHouse = id(4);
const QUuid kWilson = id(5);

const QUuid kWithJane = id(10);
const QUuid kWithJohn = id(11);
const QUuid kTeam = id(12);

model::User user(const QUuid &userId, const QString &name, bool online = false)
{
    model::User u;
    u.id = userId;
    u.username = name.toLower().remove(QLatin1Char(' '));
    u.displayName = name;
    u.role = model::UserRole::Provider;
    u.online = online;
    return u;
}

model::Conversation conversation(const QUuid &conversationId, QList<QUuid> participants,
    std::optional<QDateTime> lastMessageAt, qint64 unread = 0, std::optional<QString> title = std::nullopt)
{
    model::Conversation c;
    c.id = conversationId;
    c.participantIds = std::move(participants);
    c.title = std::move(title);
    c.lastMessageAt = lastMessageAt;
    if (lastMessageAt)
        c.lastMessagePreview = QStringLiteral("earlier");
    c.unreadCount = unread;
    c.createdAt = utc(2026, 3, 1, 8, 0, 0, 0);
    return c;
}

model::Message message(const QUuid &messageId, const QUuid &conversationId, const QUuid &sender,
    const QDateTime &createdAt, const QString &content = QStringLiteral("hello"))
{
    model::Message m;
    m.id = messageId;
    m.conversationId = conversationId;
    m.senderId = sender;
    m.content = content;
    m.createdAt = createdAt;
    return m;
}

model::Attachment attachment(const QString &fileName, const QString &mimeType)
{
    model::Attachment a;
    a.id = QUuid::createUuid();
    a.fileName = fileName;
    a.mimeType = mimeType;
    a.size = 1234;
    return a;
}

// The three conversations most tests start from, newest activity first: John (11:00),
// Jane (10:00), the care team (no message, created 08:00).
QList<model::Conversation> standardPage()
{
    return {
        conversation(kWithJane, {kSelf, kJane}, utc(2026, 3, 1, 10, 0, 0, 0)),
        conversation(kTeam, {kSelf, kJane, kHouse}, std::nullopt, 0, QStringLiteral("Cardiology team")),
        conversation(kWithJohn, {kSelf, kJohn}, utc(2026, 3, 1, 11, 0, 0, 0)),
    };
}

QList<QUuid> order(const ConversationListModel &model)
{
    QList<QUuid> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row).data(ConversationListModel::IdRole).toUuid());
    return ids;
}

template <typename T>
T value(const ConversationListModel &model, const QUuid &conversationId, int role)
{
    return model.indexOf(conversationId).data(role).value<T>();
}

} // namespace

// The sidebar model: its order follows activity with row moves (so selections survive),
// unread counting follows the rules of the issue, and presence/typing/titles read well.
class TestConversationListModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<ConversationListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

private slots:
    void init()
    {
        m_model = std::make_unique<ConversationListModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setSelfId(kSelf);
        m_model->setUsers({user(kSelf, QStringLiteral("Lisa Cuddy")), user(kJane, QStringLiteral("Jane Doe")),
            user(kJohn, QStringLiteral("John Smith")), user(kHouse, QStringLiteral("Dr. House")),
            user(kWilson, QStringLiteral("James Wilson"))});
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void firstPageIsSortedByActivity()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->setConversations(standardPage());
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(order(*m_model), (QList<QUuid> {kWithJohn, kWithJane, kTeam}));
        QCOMPARE(value<QDateTime>(*m_model, kTeam, ConversationListModel::LastActivityRole),
            utc(2026, 3, 1, 8, 0, 0, 0));
        QCOMPARE(m_model->rowOf(kTeam), 2);
        QCOMPARE(m_model->rowOf(id(99)), -1);
        QVERIFY(!m_model->indexOf(id(99)).isValid());
    }

    void newMessageMovesItsConversationToTheTop()
    {
        m_model->setConversations(standardPage());
        const QPersistentModelIndex selected = m_model->indexOf(kWithJane);
        const QPersistentModelIndex other = m_model->indexOf(kWithJohn);
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        QVERIFY(m_model->applyNewMessage(
            message(id(100), kWithJane, kJane, utc(2026, 3, 1, 11, 30, 0, 0), QStringLiteral("Thanks!")),
            false));

        QCOMPARE(order(*m_model), (QList<QUuid> {kWithJane, kWithJohn, kTeam}));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(moved.at(0).at(1).toInt(), 1); // from row 1
        QCOMPARE(moved.at(0).at(4).toInt(), 0); // to before row 0
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(layout.size(), 0);
        QVERIFY(selected.isValid());
        QCOMPARE(selected.row(), 0);
        QCOMPARE(selected.data(ConversationListModel::IdRole).toUuid(), kWithJane);
        QCOMPARE(other.row(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(value<QString>(*m_model, kWithJane, ConversationListModel::PreviewRole),
            QStringLiteral("Thanks!"));
        QCOMPARE(value<QDateTime>(*m_model, kWithJane, ConversationListModel::LastActivityRole),
            utc(2026, 3, 1, 11, 30, 0, 0));

        // A message to the last row moves it all the way up.
        QVERIFY(
            m_model->applyNewMessage(message(id(101), kTeam, kHouse, utc(2026, 3, 1, 12, 0, 0, 0)), false));
        QCOMPARE(order(*m_model), (QList<QUuid> {kTeam, kWithJane, kWithJohn}));
        QCOMPARE(moved.size(), 2);
        QCOMPARE(selected.row(), 1);
    }

    void messageToTheTopConversationDoesNotMoveIt()
    {
        m_model->setConversations(standardPage());
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->applyNewMessage(
            message(id(100), kWithJohn, kJohn, utc(2026, 3, 1, 11, 5, 0, 0)), false));
        QCOMPARE(moved.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(order(*m_model), (QList<QUuid> {kWithJohn, kWithJane, kTeam}));
    }

    void lateMessageDoesNotRollThePreviewBack()
    {
        m_model->setConversations(standardPage());
        QVERIFY(m_model->applyNewMessage(
            message(id(100), kWithJane, kJane, utc(2026, 3, 1, 9, 0, 0, 0), QStringLiteral("old")), false));
        QCOMPARE(value<QString>(*m_model, kWithJane, ConversationListModel::PreviewRole),
            QStringLiteral("earlier"));
        QCOMPARE(value<QDateTime>(*m_model, kWithJane, ConversationListModel::LastActivityRole),
            utc(2026, 3, 1, 10, 0, 0, 0));
        QCOMPARE(value<int>(*m_model, kWithJane, ConversationListModel::UnreadCountRole), 1);
    }

    void unreadCounting_data()
    {
        QTest::addColumn<QUuid>("sender");
        QTest::addColumn<bool>("fromSelf");
        QTest::addColumn<bool>("open");
        QTest::addColumn<bool>("urgent");
        QTest::addColumn<int>("expectedUnread");
        QTest::addColumn<bool>("expectedUrgent");
        QTest::newRow("from another participant") << kJane << false << false << false << 3 << false;
        QTest::newRow("urgent from another participant") << kJane << false << false << true << 3 << true;
        QTest::newRow("flagged as our own") << kJane << true << false << false << 2 << false;
        QTest::newRow("sent by selfId") << kSelf << false << false << true << 2 << false;
        QTest::newRow("conversation is open") << kJane << false << true << true << 2 << false;
    }

    void unreadCounting()
    {
        QFETCH(QUuid, sender);
        QFETCH(bool, fromSelf);
        QFETCH(bool, open);
        QFETCH(bool, urgent);
        QFETCH(int, expectedUnread);
        QFETCH(bool, expectedUrgent);

        QList<model::Conversation> page = standardPage();
        page[0].unreadCount = 2;
        page[2].unreadCount = 5;
        m_model->setConversations(page);
        QCOMPARE(m_model->totalUnread(), 7);
        if (open)
            m_model->setOpenConversation(kWithJane);
        QSignalSpy total(m_model.get(), &ConversationListModel::totalUnreadChanged);

        model::Message m = message(id(100), kWithJane, sender, utc(2026, 3, 1, 12, 0, 0, 0));
        if (urgent)
            m.priority = model::MessagePriority::Urgent;
        QVERIFY(m_model->applyNewMessage(m, fromSelf));
        // The same message:new again (a second socket, a replay) counts once.
        QVERIFY(m_model->applyNewMessage(m, fromSelf));

        QCOMPARE(value<int>(*m_model, kWithJane, ConversationListModel::UnreadCountRole), expectedUnread);
        QCOMPARE(
            value<bool>(*m_model, kWithJane, ConversationListModel::HasUrgentUnreadRole), expectedUrgent);
        QCOMPARE(m_model->totalUnread(), 5 + expectedUnread);
        if (expectedUnread == 2) {
            QCOMPARE(total.size(), 0);
        } else {
            QCOMPARE(total.size(), 1);
            QCOMPARE(total.at(0).at(0).toInt(), 5 + expectedUnread);
        }
    }

    void unknownConversationIsReported()
    {
        m_model->setConversations(standardPage());
        QVERIFY(
            !m_model->applyNewMessage(message(id(100), id(77), kJane, utc(2026, 3, 1, 12, 0, 0, 0)), false));
        QCOMPARE(m_model->rowCount(), 3);
    }

    void readingClearsUnreadOnlyForSelf()
    {
        QList<model::Conversation> page = standardPage();
        page[0].unreadCount = 4;
        m_model->setConversations(page);
        m_model->setUrgentUnread(kWithJane, true);
        QVERIFY(value<bool>(*m_model, kWithJane, ConversationListModel::HasUrgentUnreadRole));
        QSignalSpy total(m_model.get(), &ConversationListModel::totalUnreadChanged);

        QVERIFY(!m_model->applyRead(kWithJane, kJane));
        QCOMPARE(value<int>(*m_model, kWithJane, ConversationListModel::UnreadCountRole), 4);

        QVERIFY(m_model->applyRead(kWithJane, kSelf));
        QCOMPARE(value<int>(*m_model, kWithJane, ConversationListModel::UnreadCountRole), 0);
        QVERIFY(!value<bool>(*m_model, kWithJane, ConversationListModel::HasUrgentUnreadRole));
        QCOMPARE(m_model->totalUnread(), 0);
        QCOMPARE(total.size(), 1);
        QCOMPARE(total.at(0).at(0).toInt(), 0);
        QVERIFY(!m_model->applyRead(kWithJane, kSelf));

        // Without unread messages there is nothing urgent to flag.
        m_model->setUrgentUnread(kWithJane, true);
        QVERIFY(!value<bool>(*m_model, kWithJane, ConversationListModel::HasUrgentUnreadRole));
    }

    void urgentFirstKeepsUrgentUnreadOnTop()
    {
        m_model->setConversations(standardPage());
        m_model->setUrgentFirst(true);
        const QPersistentModelIndex team = m_model->indexOf(kTeam);
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

        model::Message urgent = message(id(100), kWithJane, kJane, utc(2026, 3, 1, 11, 30, 0, 0));
        urgent.priority = model::MessagePriority::Urgent;
        QVERIFY(m_model->applyNewMessage(urgent, false));
        QVERIFY(
            m_model->applyNewMessage(message(id(101), kTeam, kHouse, utc(2026, 3, 1, 12, 0, 0, 0)), false));
        // The team is newer, but Jane's urgent message stays on top.
        QCOMPARE(order(*m_model), (QList<QUuid> {kWithJane, kTeam, kWithJohn}));
        QCOMPARE(team.row(), 1);

        // Turning the mode off re-sorts by activity with moves, not a reset.
        moved.clear();
        m_model->setUrgentFirst(false);
        QCOMPARE(order(*m_model), (QList<QUuid> {kTeam, kWithJane, kWithJohn}));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(team.row(), 0);
        m_model->setUrgentFirst(true);
        QCOMPARE(order(*m_model), (QList<QUuid> {kWithJane, kTeam, kWithJohn}));

        // Reading the urgent message lets it fall back to its place by activity.
        QVERIFY(m_model->applyRead(kWithJane, kSelf));
        QCOMPARE(order(*m_model), (QList<QUuid> {kTeam, kWithJane, kWithJohn}));
        QCOMPARE(team.row(), 0);
        QCOMPARE(reset.size(), 0);
    }

    void reloadMergesInsteadOfResetting()
    {
        m_model->setConversations(standardPage());
        const QPersistentModelIndex jane = m_model->indexOf(kWithJane);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);

        QList<model::Conversation> page = standardPage();
        page.removeAt(2); // John's is gone (e.g. on a later page now)
        page.append(conversation(id(13), {kSelf, kWilson}, utc(2026, 3, 1, 9, 0, 0, 0)));
        page[0].unreadCount = 3;
        m_model->setConversations(page);

        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(order(*m_model), (QList<QUuid> {kWithJane, id(13), kTeam}));
        QCOMPARE(jane.row(), 0);
        QCOMPARE(m_model->totalUnread(), 3);
    }

    void appendPageAndUpsert()
    {
        m_model->setConversations(standardPage());
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->appendPage({conversation(id(13), {kSelf, kWilson}, utc(2026, 2, 20, 9, 0, 0, 0)),
            conversation(id(14), {kSelf, kWilson}, utc(2026, 2, 21, 9, 0, 0, 0))});
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(order(*m_model), (QList<QUuid> {kWithJohn, kWithJane, kTeam, id(14), id(13)}));

        // conversation:updated: the server's unread count and activity win, and the row moves.
        model::Conversation updated = conversation(id(13), {kSelf, kWilson}, utc(2026, 3, 1, 13, 0, 0, 0), 2);
        updated.lastMessagePreview = QStringLiteral("See you");
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        m_model->upsert(updated);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(m_model->rowOf(id(13)), 0);
        QCOMPARE(value<int>(*m_model, id(13), ConversationListModel::UnreadCountRole), 2);
        QCOMPARE(
            value<QString>(*m_model, id(13), ConversationListModel::PreviewRole), QStringLiteral("See you"));
        QCOMPARE(m_model->conversation(id(13)).value(), updated);
        QCOMPARE(m_model->totalUnread(), 2);

        // A new conversation goes to its place.
        m_model->upsert(conversation(id(15), {kSelf, kJane}, utc(2026, 3, 1, 10, 30, 0, 0)));
        QCOMPARE(m_model->rowOf(id(15)), 2);

        QVERIFY(m_model->remove(id(15)));
        QVERIFY(!m_model->remove(id(15)));
        QCOMPARE(m_model->rowCount(), 5);
    }

    void presence()
    {
        m_model->setConversations(standardPage());
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(!value<bool>(*m_model, kWithJane, ConversationListModel::OnlineRole));

        m_model->setPresence(kJane, true, std::nullopt);
        QVERIFY(value<bool>(*m_model, kWithJane, ConversationListModel::OnlineRole));
        QVERIFY(value<bool>(*m_model, kTeam, ConversationListModel::OnlineRole));
        QVERIFY(!value<bool>(*m_model, kWithJohn, ConversationListModel::OnlineRole));
        QCOMPARE(changed.size(), 2); // Jane's pair and the team
        QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(ConversationListModel::OnlineRole));

        changed.clear();
        m_model->setPresence(kJane, true, std::nullopt);
        QCOMPARE(changed.size(), 0);

        // Our own presence is not "someone is online".
        m_model->setPresence(kSelf, true, std::nullopt);
        QVERIFY(!value<bool>(*m_model, kWithJohn, ConversationListModel::OnlineRole));
        QCOMPARE(changed.size(), 0);

        m_model->setPresence(kJane, false, utc(2026, 3, 1, 12, 0, 0, 0));
        QVERIFY(!value<bool>(*m_model, kWithJane, ConversationListModel::OnlineRole));

        m_model->setPresence(kHouse, true, std::nullopt);
        QVERIFY(value<bool>(*m_model, kTeam, ConversationListModel::OnlineRole));

        // Presence can arrive before the user list: the stub must not break titles.
        m_model->setPresence(id(66), true, std::nullopt);
        QCOMPARE(value<QString>(*m_model, kWithJohn, ConversationListModel::TitleRole),
            QStringLiteral("John Smith"));
    }

    void typing()
    {
        m_model->setConversations(standardPage());
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QCOMPARE(value<QString>(*m_model, kTeam, ConversationListModel::TypingTextRole), QString());

        m_model->setTyping(kTeam, kHouse, true);
        QCOMPARE(value<QStringList>(*m_model, kTeam, ConversationListModel::TypingRole),
            QStringList {QStringLiteral("Dr. House")});
        QCOMPARE(value<QString>(*m_model, kTeam, ConversationListModel::TypingTextRole),
            QStringLiteral("Dr. House is typing…"));
        QCOMPARE(changed.size(), 1);

        m_model->setTyping(kTeam, kHouse, true); // repeated: no change
        QCOMPARE(changed.size(), 1);
        m_model->setTyping(kTeam, kSelf, true); // ourselves: ignored
        QCOMPARE(changed.size(), 1);

        m_model->setTyping(kTeam, kJane, true);
        QCOMPARE(value<QString>(*m_model, kTeam, ConversationListModel::TypingTextRole),
            QStringLiteral("Dr. House and Jane Doe are typing…"));
        m_model->setTyping(kTeam, kWilson, true);
        QCOMPARE(value<QString>(*m_model, kTeam, ConversationListModel::TypingTextRole),
            QStringLiteral("3 people are typing…"));

        m_model->setTyping(kTeam, kWilson, false);
        // The typist's message ends their typing.
        QVERIFY(
            m_model->applyNewMessage(message(id(100), kTeam, kHouse, utc(2026, 3, 1, 12, 0, 0, 0)), false));
        QCOMPARE(value<QStringList>(*m_model, kTeam, ConversationListModel::TypingRole),
            QStringList {QStringLiteral("Jane Doe")});

        m_model->setTyping(kWithJohn, kJohn, true);
        m_model->clearTyping();
        QCOMPARE(value<QStringList>(*m_model, kTeam, ConversationListModel::TypingRole), QStringList());
        QCOMPARE(value<QString>(*m_model, kWithJohn, ConversationListModel::TypingTextRole), QString());
    }

    void titlesAndAvatars()
    {
        QList<model::Conversation> page = standardPage();
        page.append(conversation(id(13), {kSelf, kHouse, kWilson}, utc(2026, 3, 1, 7, 0, 0, 0)));
        page.append(conversation(id(14), {kSelf, id(66)}, utc(2026, 3, 1, 6, 0, 0, 0)));
        m_model->setConversations(page);

        QCOMPARE(value<QString>(*m_model, kWithJane, ConversationListModel::TitleRole),
            QStringLiteral("Jane Doe"));
        QCOMPARE(value<QString>(*m_model, kWithJane, Qt::DisplayRole), QStringLiteral("Jane Doe"));
        QCOMPARE(
            value<QString>(*m_model, kWithJane, ConversationListModel::InitialsRole), QStringLiteral("JD"));
        QCOMPARE(value<QString>(*m_model, kTeam, ConversationListModel::TitleRole),
            QStringLiteral("Cardiology team"));
        QCOMPARE(value<QString>(*m_model, kTeam, ConversationListModel::InitialsRole), QStringLiteral("CT"));
        QCOMPARE(value<QString>(*m_model, id(13), ConversationListModel::TitleRole),
            QStringLiteral("Dr. House, James Wilson"));
        QCOMPARE(value<QString>(*m_model, id(13), ConversationListModel::InitialsRole), QStringLiteral("DJ"));
        QCOMPARE(value<QString>(*m_model, id(14), ConversationListModel::TitleRole),
            QStringLiteral("Unknown user"));
        QCOMPARE(value<QVariantList>(*m_model, kWithJane, ConversationListModel::ParticipantIdsRole),
            (QVariantList {kSelf, kJane}));

        // A name learned later updates the row.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->upsertUser(user(id(66), QStringLiteral("Gregory House")));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(value<QString>(*m_model, id(14), ConversationListModel::TitleRole),
            QStringLiteral("Gregory House"));
        QCOMPARE(value<QString>(*m_model, id(14), ConversationListModel::InitialsRole), QStringLiteral("GH"));

        QList<model::Conversation> unread = page;
        unread[0].unreadCount = 2;
        m_model->upsert(unread[0]);
        const QString accessible = value<QString>(*m_model, kWithJane, Qt::AccessibleTextRole);
        QVERIFY2(
            accessible.startsWith(QStringLiteral("Jane Doe, 2 unread messages")), qPrintable(accessible));
    }

    void initials_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("initials");
        QTest::newRow("first and last") << QStringLiteral("Gregory House") << QStringLiteral("GH");
        QTest::newRow("honorific and one name") << QStringLiteral("Dr. House") << QStringLiteral("DH");
        QTest::newRow("honorific skipped") << QStringLiteral("Dr. Gregory House") << QStringLiteral("GH");
        QTest::newRow("two honorifics and suffix")
            << QStringLiteral("Prof. Dr. Anna Maria Müller, MD") << QStringLiteral("AM");
        QTest::newRow("lower case") << QStringLiteral("jane doe") << QStringLiteral("JD");
        QTest::newRow("one word") << QStringLiteral("Madonna") << QStringLiteral("M");
        QTest::newRow("accents") << QStringLiteral("Ñandú Pérez") << QStringLiteral("ÑP");
        QTest::newRow("extra spaces") << QStringLiteral("  Jane   Doe ") << QStringLiteral("JD");
        QTest::newRow("quotes and brackets") << QStringLiteral("\"Jane\" (Doe)") << QStringLiteral("JD");
        QTest::newRow("outside the BMP")
            << QStringLiteral("\U0001D4D0lice Doe") << QStringLiteral("\U0001D4D0D");
        QTest::newRow("only an honorific") << QStringLiteral("Dr.") << QStringLiteral("D");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("blank") << QStringLiteral("   ") << QString();
        QTest::newRow("punctuation only") << QStringLiteral("- -") << QString();
    }

    void initials()
    {
        QFETCH(QString, name);
        QFETCH(QString, initials);
        QCOMPARE(ConversationListModel::initialsOf(name), initials);
    }

    void attachmentPreviews_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("mimeType");
        QTest::addColumn<QString>("preview");
        QTest::newRow("a photo") << QStringLiteral("x.jpg") << QStringLiteral("image/jpeg")
                                 << QStringLiteral("Photo");
        QTest::newRow("a file") << QStringLiteral("lab results.pdf") << QStringLiteral("application/pdf")
                                << QStringLiteral("📎 lab results.pdf");
    }

    void attachmentPreviews()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, mimeType);
        QFETCH(QString, preview);
        m_model->setConversations(standardPage());
        model::Message m = message(id(100), kWithJane, kJane, utc(2026, 3, 1, 12, 0, 0, 0), QString());
        m.type = model::MessageType::File;
        m.attachments = {attachment(fileName, mimeType)};
        QVERIFY(m_model->applyNewMessage(m, false));
        QCOMPARE(value<QString>(*m_model, kWithJane, ConversationListModel::PreviewRole), preview);
    }

    void roleNames()
    {
        const QHash<int, QByteArray> names = m_model->roleNames();
        QCOMPARE(names.value(ConversationListModel::IdRole), QByteArrayLiteral("id"));
        QCOMPARE(names.value(ConversationListModel::TypingTextRole), QByteArrayLiteral("typingText"));
        QCOMPARE(names.value(Qt::DisplayRole), QByteArrayLiteral("display"));
    }
};

QTEST_GUILESS_MAIN(TestConversationListModel)
#include "tst_conversationlistmodel.moc"
