#include "app/client/messagelistmodel.h"
#include "tests/support/modeltestdata.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace vw;
using vw::client::MessageListModel;
using vw::client::PendingMessageOptions;
using vw::test::utc;
using RowStatus = MessageListModel::Status;

namespace {

QUuid id(int n)
{
    return QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
}

const QUuid kSelf = id(1);
const QUuid kJane = id(2);
const QUuid kConversation = id(10);
const QUuid kOtherConversation = id(11);

model::User user(const QUuid &userId, const QString &name)
{
    model::User u;
    u.id = userId;
    u.username = name.toLower().remove(QLatin1Char(' '));
    u.displayName = name;
    return u;
}

model::Message message(
    int n, const QUuid &sender, const QDateTime &createdAt, const QString &content = QStringLiteral("hello"))
{
    model::Message m;
    m.id = id(100 + n);
    m.conversationId = kConversation;
    m.senderId = sender;
    m.content = content;
    m.createdAt = createdAt;
    return m;
}

model::Attachment attachment(int n, const QString &fileName, const QString &mimeType)
{
    model::Attachment a;
    a.id = id(500 + n);
    a.fileName = fileName;
    a.mimeType = mimeType;
    a.size = 2048 + n;
    a.scanStatus = model::ScanStatus::Clean;
    return a;
}

// On 2026-03-02 at 10:mm (UTC).
QDateTime at(int minute, int second = 0)
{
    return utc(2026, 3, 2, 10, minute, second, 0);
}

QList<QUuid> ids(const MessageListModel &model)
{
    QList<QUuid> list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row).data(MessageListModel::IdRole).toUuid());
    return list;
}

template <typename T>
T value(const MessageListModel &model, int row, int role)
{
    return model.index(row).data(role).value<T>();
}

RowStatus statusOf(const MessageListModel &model, int row)
{
    return value<RowStatus>(model, row, MessageListModel::StatusRole);
}

QList<bool> flags(const MessageListModel &model, int role)
{
    QList<bool> list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(value<bool>(model, row, role));
    return list;
}

bool rolesContain(const QList<QVariant> &dataChanged, int row, int role)
{
    const QList<int> roles = dataChanged.at(2).value<QList<int>>();
    return dataChanged.at(0).value<QModelIndex>().row() <= row
        && dataChanged.at(1).value<QModelIndex>().row() >= row && (roles.isEmpty() || roles.contains(role));
}

bool anyChange(const QSignalSpy &spy, int row, int role)
{
    for (const QList<QVariant> &arguments : spy) {
        if (rolesContain(arguments, row, role))
            return true;
    }
    return false;
}

} // namespace

// One conversation's messages in chat order: paging upward without disturbing the rows on
// screen, optimistic sends that turn into the server's message, delivery ticks, tombstones,
// and the flags delegates draw separators, bubble groups and the unread line from.
class TestMessageListModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<MessageListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

private slots:
    void init()
    {
        m_model = std::make_unique<MessageListModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setSelfId(kSelf);
        m_model->setUsers(
            {user(kSelf, QStringLiteral("Lisa Cuddy")), user(kJane, QStringLiteral("Jane Doe"))});
        // Day separators follow the user's zone; the tests pin it so they pass anywhere.
        m_model->setTimeZone(QTimeZone::utc());
        m_model->setConversationId(kConversation);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void historyIsInChatOrder()
    {
        model::Message foreign = message(9, kJane, at(3));
        foreign.conversationId = kOtherConversation;
        // Newest first, as the server sends it; with a repeat and a stray message.
        m_model->setMessages({message(3, kJane, at(2)), message(2, kSelf, at(1)), message(3, kJane, at(2)),
            foreign, message(1, kJane, at(0))});
        QCOMPARE(ids(*m_model), (QList<QUuid> {id(101), id(102), id(103)}));
        QCOMPARE(m_model->oldestId(), id(101));
        QCOMPARE(m_model->newestId(), id(103));
        QCOMPARE(value<QString>(*m_model, 0, MessageListModel::SenderNameRole), QStringLiteral("Jane Doe"));
        QVERIFY(!value<bool>(*m_model, 0, MessageListModel::IsOwnRole));
        QVERIFY(value<bool>(*m_model, 1, MessageListModel::IsOwnRole));
        QCOMPARE(m_model->rowOf(id(102)), 1);
        QCOMPARE(m_model->rowOf(id(109)), -1);
        QVERIFY(!m_model->applyNew(foreign));

        MessageListModel fresh;
        QAbstractItemModelTester tester(&fresh, QAbstractItemModelTester::FailureReportingMode::QtTest);
        fresh.setMessages({message(1, kJane, at(0))});
        QCOMPARE(fresh.conversationId(), kConversation);
        QCOMPARE(fresh.oldestId(), id(101));
        QCOMPARE(MessageListModel().oldestId(), QUuid());
    }

    void pagingUpwardKeepsRowsOnScreen()
    {
        m_model->setMessages(
            {message(12, kJane, at(12)), message(11, kJane, at(11)), message(10, kJane, at(10))});
        m_model->setHasMore(true);
        const QPersistentModelIndex first = m_model->index(0);
        const QPersistentModelIndex last = m_model->index(2);
        QVERIFY(value<bool>(*m_model, 0, MessageListModel::DayStartRole));
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy hasMore(m_model.get(), &MessageListModel::hasMoreChanged);

        // The page before oldestId(), newest first; it overlaps by one.
        m_model->prependOlder(
            {message(10, kJane, at(10)), message(9, kJane, at(9)), message(8, kJane, at(8))});
        m_model->setHasMore(false);

        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 1);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(ids(*m_model), (QList<QUuid> {id(108), id(109), id(110), id(111), id(112)}));
        QCOMPARE(first.row(), 2);
        QCOMPARE(first.data(MessageListModel::IdRole).toUuid(), id(110));
        QCOMPARE(last.row(), 4);
        QCOMPARE(m_model->oldestId(), id(108));
        // The former first row no longer starts the day, and says so.
        QVERIFY(!value<bool>(*m_model, 2, MessageListModel::DayStartRole));
        QVERIFY(anyChange(changed, 2, MessageListModel::DayStartRole));
        QCOMPARE(hasMore.size(), 1);
        QVERIFY(!m_model->hasMore());

        // A page of nothing new changes nothing.
        inserted.clear();
        m_model->prependOlder({message(9, kJane, at(9))});
        QCOMPARE(inserted.size(), 0);
    }

    void pendingRowBecomesTheRealMessage()
    {
        m_model->setMessages({message(1, kJane, at(0))});
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

        PendingMessageOptions options;
        options.createdAt = at(5);
        QVERIFY(m_model->addPending(QStringLiteral("c-1"), QStringLiteral("On my way"), options));
        QVERIFY(!m_model->addPending(QStringLiteral("c-1"), QStringLiteral("again"), options));
        QVERIFY(!m_model->addPending(QString(), QStringLiteral("no key"), options));
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(statusOf(*m_model, 1), RowStatus::Pending);
        QVERIFY(value<bool>(*m_model, 1, MessageListModel::IsOwnRole));
        QCOMPARE(value<QUuid>(*m_model, 1, MessageListModel::IdRole), QUuid());
        QCOMPARE(value<QString>(*m_model, 1, MessageListModel::ClientMessageIdRole), QStringLiteral("c-1"));
        QCOMPARE(value<QString>(*m_model, 1, MessageListModel::ContentRole), QStringLiteral("On my way"));
        QCOMPARE(m_model->rowOfClientMessageId(QStringLiteral("c-1")), 1);
        QCOMPARE(m_model->oldestId(), id(101));
        QCOMPARE(m_model->newestId(), id(101));
        const QPersistentModelIndex pending = m_model->index(1);

        // The server's copy (the send's reply or message:new) replaces the row.
        model::Message sent = message(2, kSelf, at(5, 1), QStringLiteral("On my way"));
        sent.clientMessageId = QStringLiteral("c-1");
        QVERIFY(m_model->applyNew(sent));
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(pending.row(), 1);
        QCOMPARE(statusOf(*m_model, 1), RowStatus::Sent);
        QCOMPARE(value<QUuid>(*m_model, 1, MessageListModel::IdRole), id(102));
        QCOMPARE(m_model->rowOf(id(102)), 1);

        // And the other of the two (message:new after the reply) is no duplicate either.
        QVERIFY(m_model->applyNew(sent));
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(!m_model->removePending(QStringLiteral("c-1")));
    }

    void outboxRowsStayAtTheBottom()
    {
        m_model->setMessages({message(1, kJane, at(0))});
        QVERIFY(m_model->addPending(QStringLiteral("p-1"), QStringLiteral("first")));
        QVERIFY(m_model->addPending(QStringLiteral("p-2"), QStringLiteral("second")));

        // Someone else's message lands above the queue.
        QVERIFY(m_model->applyNew(message(2, kJane, at(1))));
        QCOMPARE(m_model->rowOf(id(102)), 1);
        QCOMPARE(m_model->rowOfClientMessageId(QStringLiteral("p-1")), 2);
        QCOMPARE(m_model->rowOfClientMessageId(QStringLiteral("p-2")), 3);

        // The second is acknowledged first: it moves above the one still queued.
        QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
        const QPersistentModelIndex second = m_model->index(3);
        model::Message sent = message(3, kSelf, at(2), QStringLiteral("second"));
        sent.clientMessageId = QStringLiteral("p-2");
        QVERIFY(m_model->applyNew(sent));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(second.row(), 2);
        QCOMPARE(ids(*m_model), (QList<QUuid> {id(101), id(102), id(103), QUuid()}));
        QCOMPARE(statusOf(*m_model, 3), RowStatus::Pending);

        QVERIFY(m_model->markFailed(QStringLiteral("p-1")));
        QVERIFY(!m_model->markFailed(QStringLiteral("p-1")));
        QCOMPARE(statusOf(*m_model, 3), RowStatus::Failed);
        QCOMPARE(m_model->statusAt(3), std::optional(RowStatus::Failed));
        QVERIFY(!m_model->statusAt(4));
        QVERIFY(m_model->markPending(QStringLiteral("p-1")));
        QCOMPARE(statusOf(*m_model, 3), RowStatus::Pending);
        QVERIFY(!m_model->markFailed(QStringLiteral("p-2"))); // already sent
        QVERIFY(m_model->removePending(QStringLiteral("p-1")));
        QCOMPARE(m_model->rowCount(), 3);

        // A history reload keeps what is still queued and drops what it shows was sent.
        QVERIFY(m_model->addPending(QStringLiteral("p-4"), QStringLiteral("queued")));
        QVERIFY(m_model->addPending(QStringLiteral("p-5"), QStringLiteral("sent meanwhile")));
        model::Message sentMeanwhile = message(5, kSelf, at(3), QStringLiteral("sent meanwhile"));
        sentMeanwhile.clientMessageId = QStringLiteral("p-5");
        m_model->setMessages({sentMeanwhile, sent, message(2, kJane, at(1)), message(1, kJane, at(0))});
        QCOMPARE(ids(*m_model), (QList<QUuid> {id(101), id(102), id(103), id(105), QUuid()}));
        QCOMPARE(value<QString>(*m_model, 4, MessageListModel::ClientMessageIdRole), QStringLiteral("p-4"));
    }

    void statusTicks()
    {
        m_model->setMessages({message(4, kSelf, at(3)), message(3, kJane, at(2)), message(2, kSelf, at(1)),
            message(1, kSelf, at(0))});
        QCOMPARE(flags(*m_model, MessageListModel::IsOwnRole), (QList<bool> {true, true, false, true}));
        QCOMPARE(statusOf(*m_model, 0), RowStatus::Sent);

        QVERIFY(m_model->applyDelivered(id(101), at(0, 2)));
        QCOMPARE(statusOf(*m_model, 0), RowStatus::Delivered);
        QCOMPARE(m_model->messageAt(0)->deliveredAt, std::optional<QDateTime>(at(0, 2)));
        QVERIFY(!m_model->applyDelivered(id(101), at(0, 3)));
        QVERIFY(!m_model->applyDelivered(id(199), at(0, 3)));

        // Jane reads up to our second message: both of ours before it are read, hers is not ours.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QCOMPARE(m_model->applyRead(id(102), kJane, at(4)), 2);
        QCOMPARE(statusOf(*m_model, 0), RowStatus::Read);
        QCOMPARE(statusOf(*m_model, 1), RowStatus::Read);
        QCOMPARE(statusOf(*m_model, 2), RowStatus::Sent);
        QCOMPARE(statusOf(*m_model, 3), RowStatus::Sent);
        QCOMPARE(m_model->messageAt(1)->readAt, std::optional<QDateTime>(at(4)));
        QCOMPARE(m_model->messageAt(1)->deliveredAt, std::optional<QDateTime>(at(4)));
        QCOMPARE(changed.size(), 1);
        QVERIFY(anyChange(changed, 1, MessageListModel::StatusRole));

        // Late or repeated events do not take a tick back.
        QVERIFY(!m_model->applyDelivered(id(102), at(5)));
        QCOMPARE(statusOf(*m_model, 1), RowStatus::Read);
        QVERIFY(m_model->applyNew(message(1, kSelf, at(0))));
        QCOMPARE(statusOf(*m_model, 0), RowStatus::Read);
        QCOMPARE(m_model->applyRead(id(102), kJane, at(4)), 0);

        // By time, when the message itself is not loaded.
        QCOMPARE(m_model->applyReadUpTo(at(3), kJane, at(6)), 1);
        QCOMPARE(statusOf(*m_model, 3), RowStatus::Read);
        QCOMPARE(m_model->applyRead(id(199), kJane, at(6)), 0);

        // We read Jane's message on another device.
        QCOMPARE(m_model->applyRead(id(103), kSelf, at(7)), 1);
        QCOMPARE(statusOf(*m_model, 2), RowStatus::Read);
    }

    void deletedMessagesBecomeTombstones()
    {
        model::Message original = message(1, kJane, at(0), QStringLiteral("My results\nare attached"));
        original.attachments = {attachment(1, QStringLiteral("labs.pdf"), QStringLiteral("application/pdf"))};
        model::Message reply = message(2, kSelf, at(1), QStringLiteral("Thanks"));
        reply.replyToId = original.id;
        m_model->setMessages({reply, original});
        QCOMPARE(
            value<QString>(*m_model, 1, MessageListModel::ReplyPreviewRole), QStringLiteral("My results"));
        QCOMPARE(
            value<QString>(*m_model, 1, MessageListModel::ReplySenderNameRole), QStringLiteral("Jane Doe"));

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->applyDeleted(id(101), at(5)));
        QVERIFY(!m_model->applyDeleted(id(101), at(6)));
        QVERIFY(!m_model->applyDeleted(id(199)));
        QCOMPARE(m_model->rowCount(), 2);
        QVERIFY(value<bool>(*m_model, 0, MessageListModel::IsDeletedRole));
        QCOMPARE(value<QString>(*m_model, 0, MessageListModel::ContentRole), QString());
        QCOMPARE(value<QVariantList>(*m_model, 0, MessageListModel::AttachmentsRole), QVariantList());
        QCOMPARE(value<QString>(*m_model, 0, Qt::DisplayRole), QStringLiteral("This message was deleted"));
        QCOMPARE(m_model->messageAt(0)->deletedAt, std::optional<QDateTime>(at(5)));
        QCOMPARE(value<QString>(*m_model, 1, MessageListModel::ReplyPreviewRole),
            QStringLiteral("This message was deleted"));
        QVERIFY(anyChange(changed, 0, MessageListModel::IsDeletedRole));
        QVERIFY(anyChange(changed, 1, MessageListModel::ReplyPreviewRole));

        // A late copy of the message does not bring the content back.
        QVERIFY(m_model->applyNew(original));
        QCOMPARE(value<QString>(*m_model, 0, MessageListModel::ContentRole), QString());
        QVERIFY(value<bool>(*m_model, 0, MessageListModel::IsDeletedRole));
    }

    void replyPreviewAppearsWhenTheQuoteIsLoaded()
    {
        model::Message reply = message(2, kSelf, at(1), QStringLiteral("Yes"));
        reply.replyToId = id(101);
        m_model->setMessages({reply});
        QCOMPARE(value<QUuid>(*m_model, 0, MessageListModel::ReplyToIdRole), id(101));
        QVERIFY(!m_model->index(0).data(MessageListModel::ReplyPreviewRole).isValid());
        QVERIFY(!m_model->index(0).data(MessageListModel::ReplySenderNameRole).isValid());
        QCOMPARE(value<QUuid>(*m_model, 0, MessageListModel::IdRole), id(102));

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->prependOlder({message(1, kJane, at(0), QStringLiteral("Can you come?\nToday?"))});
        QVERIFY(anyChange(changed, 1, MessageListModel::ReplyPreviewRole));
        QCOMPARE(
            value<QString>(*m_model, 1, MessageListModel::ReplyPreviewRole), QStringLiteral("Can you come?"));
        QCOMPARE(
            value<QString>(*m_model, 1, MessageListModel::ReplySenderNameRole), QStringLiteral("Jane Doe"));
    }

    void daySeparatorsGroupsAndUnreadMarker()
    {
        model::Message system
            = message(7, kJane, utc(2026, 3, 2, 0, 15, 0, 0), QStringLiteral("Jane joined"));
        system.type = model::MessageType::System;
        const QList<model::Message> chatOrder {
            message(1, kJane, utc(2026, 3, 1, 23, 50, 0, 0)),
            message(2, kJane, utc(2026, 3, 1, 23, 54, 0, 0)), // 4 min later: same group
            message(3, kJane, utc(2026, 3, 2, 0, 1, 0, 0)), // a new day, hence a new group
            message(4, kSelf, utc(2026, 3, 2, 0, 2, 0, 0)), // another sender
            message(5, kSelf, utc(2026, 3, 2, 0, 9, 0, 0)), // 7 min later
            message(6, kSelf, utc(2026, 3, 2, 0, 14, 0, 0)), // exactly 5 min: same group
            system, // notices stand alone
            message(8, kJane, utc(2026, 3, 2, 0, 16, 0, 0)),
            message(9, kJane, utc(2026, 3, 2, 0, 17, 0, 0)),
        };
        QList<model::Message> page(chatOrder.crbegin(), chatOrder.crend());
        m_model->setMessages(page);

        QCOMPARE(flags(*m_model, MessageListModel::DayStartRole),
            (QList<bool> {true, false, true, false, false, false, false, false, false}));
        QCOMPARE(flags(*m_model, MessageListModel::GroupStartRole),
            (QList<bool> {true, false, true, true, true, false, true, true, false}));
        QVERIFY(value<bool>(*m_model, 6, MessageListModel::IsSystemRole));

        QCOMPARE(m_model->firstUnreadRow(), -1);
        m_model->setLastReadAt(chatOrder[1].createdAt);
        QCOMPARE(flags(*m_model, MessageListModel::IsFirstUnreadRole),
            (QList<bool> {false, false, true, false, false, false, false, false, false}));
        // Our own messages and notices do not carry the marker.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setLastReadAt(chatOrder[2].createdAt);
        QCOMPARE(m_model->firstUnreadRow(), 7);
        QVERIFY(anyChange(changed, 2, MessageListModel::IsFirstUnreadRole));
        QVERIFY(anyChange(changed, 7, MessageListModel::IsFirstUnreadRole));
        m_model->setLastReadAt(chatOrder[8].createdAt);
        QCOMPARE(m_model->firstUnreadRow(), -1);
        m_model->setLastReadAt(chatOrder[0].createdAt);
        QCOMPARE(m_model->firstUnreadRow(), 1);
        m_model->setLastReadAt(QDateTime());
        QCOMPARE(flags(*m_model, MessageListModel::IsFirstUnreadRole).count(true), 0);
    }

    void daySeparatorsFollowTheTimeZone()
    {
        m_model->setMessages({message(2, kJane, utc(2026, 3, 1, 22, 1, 0, 0)),
            message(1, kJane, utc(2026, 3, 1, 21, 59, 0, 0))});
        QCOMPARE(flags(*m_model, MessageListModel::DayStartRole), (QList<bool> {true, false}));
        QCOMPARE(flags(*m_model, MessageListModel::GroupStartRole), (QList<bool> {true, false}));

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setTimeZone(QTimeZone(2 * 3600)); // 23:59 and 00:01 there
        QCOMPARE(flags(*m_model, MessageListModel::DayStartRole), (QList<bool> {true, true}));
        QCOMPARE(flags(*m_model, MessageListModel::GroupStartRole), (QList<bool> {true, true}));
        QVERIFY(anyChange(changed, 1, MessageListModel::DayStartRole));
    }

    void liveMessagesUpdateNeighbourFlagsAndMarker()
    {
        m_model->setMessages({message(2, kSelf, at(1)), message(1, kJane, at(0))});
        m_model->setLastReadAt(at(0));
        QCOMPARE(m_model->firstUnreadRow(), -1);

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QVERIFY(m_model->applyNew(message(3, kJane, at(2))));
        QCOMPARE(m_model->firstUnreadRow(), 2);
        QVERIFY(anyChange(changed, 2, MessageListModel::IsFirstUnreadRole));
        QVERIFY(value<bool>(*m_model, 2, MessageListModel::GroupStartRole));

        // A late message slotted in between: the row after it is told its group may have changed.
        changed.clear();
        QVERIFY(m_model->applyNew(message(4, kJane, at(1, 30))));
        QCOMPARE(m_model->rowOf(id(104)), 2);
        QCOMPARE(m_model->firstUnreadRow(), 2);
        QVERIFY(anyChange(changed, 3, MessageListModel::GroupStartRole));
        QVERIFY(!value<bool>(*m_model, 3, MessageListModel::GroupStartRole));
        QVERIFY(anyChange(changed, 3, MessageListModel::IsFirstUnreadRole));

        // An older page can hold the first unread message.
        m_model->setLastReadAt(utc(2026, 3, 2, 9, 0, 0, 0));
        QCOMPARE(m_model->firstUnreadRow(), 0);
        m_model->prependOlder({message(0, kJane, utc(2026, 3, 2, 9, 30, 0, 0))});
        QCOMPARE(m_model->firstUnreadRow(), 0);
        QCOMPARE(value<QUuid>(*m_model, 0, MessageListModel::IdRole), id(100));
        QVERIFY(!value<bool>(*m_model, 1, MessageListModel::IsFirstUnreadRole));
    }

    // A reconnect reloads the newest page; a message that arrived live while that request was
    // on its way is newer than the whole page and must not vanish when the page lands.
    void aPageKeepsMessagesThatArrivedWhileItWasOnItsWay()
    {
        m_model->setMessages({message(2, kSelf, at(1)), message(1, kJane, at(0))});
        QVERIFY(m_model->applyNew(message(3, kJane, at(2))));
        m_model->setMessages({message(2, kSelf, at(1)), message(1, kJane, at(0))}); // read before 3 came
        QCOMPARE(ids(*m_model), (QList<QUuid> {id(101), id(102), id(103)}));

        // Into an empty conversation likewise.
        MessageListModel empty;
        QAbstractItemModelTester tester(&empty, QAbstractItemModelTester::FailureReportingMode::QtTest);
        empty.setConversationId(kConversation);
        QVERIFY(empty.applyNew(message(1, kJane, at(0))));
        empty.setMessages({});
        QCOMPARE(ids(empty), (QList<QUuid> {id(101)}));

        // Within the page's span the page decides: an older row it does not hold goes.
        m_model->setMessages({message(3, kJane, at(2)), message(1, kJane, at(0))});
        QCOMPARE(ids(*m_model), (QList<QUuid> {id(101), id(103)}));
    }

    void switchingConversationEmptiesTheModel()
    {
        m_model->setMessages({message(1, kJane, at(0))});
        QVERIFY(m_model->addPending(QStringLiteral("p-1"), QStringLiteral("queued")));
        m_model->setHasMore(true);
        m_model->setLastReadAt(at(0));
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        m_model->setConversationId(kOtherConversation);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!m_model->hasMore());
        QCOMPARE(m_model->lastReadAt(), QDateTime());
        QVERIFY(!m_model->applyNew(message(2, kJane, at(1))));
        m_model->setConversationId(kOtherConversation);
        QCOMPARE(reset.size(), 1);
    }

    void attachmentsRole()
    {
        model::Message m = message(1, kJane, at(0), QString());
        m.type = model::MessageType::File;
        m.priority = model::MessagePriority::Urgent;
        m.attachments = {attachment(1, QStringLiteral("labs.pdf"), QStringLiteral("application/pdf"))};
        m_model->setMessages({m});

        const QVariantList list = value<QVariantList>(*m_model, 0, MessageListModel::AttachmentsRole);
        QCOMPARE(list.size(), 1);
        const QVariantMap map = list.first().toMap();
        QCOMPARE(map.value(QStringLiteral("id")).toUuid(), id(501));
        QCOMPARE(map.value(QStringLiteral("fileName")).toString(), QStringLiteral("labs.pdf"));
        QCOMPARE(map.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/pdf"));
        QCOMPARE(map.value(QStringLiteral("size")).toLongLong(), qint64(2049));
        QCOMPARE(map.value(QStringLiteral("scanStatus")).toString(), QStringLiteral("clean"));
        QCOMPARE(
            value<model::MessageType>(*m_model, 0, MessageListModel::TypeRole), model::MessageType::File);
        QCOMPARE(value<model::MessagePriority>(*m_model, 0, MessageListModel::PriorityRole),
            model::MessagePriority::Urgent);
        QVERIFY(value<bool>(*m_model, 0, MessageListModel::IsUrgentRole));
        QCOMPARE(value<QDateTime>(*m_model, 0, MessageListModel::CreatedAtRole), at(0));
        QCOMPARE(value<QString>(*m_model, 0, Qt::DisplayRole), QStringLiteral("📎 labs.pdf"));
        const QString accessible = value<QString>(*m_model, 0, Qt::AccessibleTextRole);
        QVERIFY2(
            accessible.startsWith(QStringLiteral("Jane Doe: 📎 labs.pdf, urgent")), qPrintable(accessible));
    }

    void previewText_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("images");
        QTest::addColumn<int>("files");
        QTest::addColumn<bool>("deleted");
        QTest::addColumn<QString>("preview");
        QTest::newRow("text") << QStringLiteral("Hi") << 1 << 0 << false << QStringLiteral("Hi");
        QTest::newRow("a photo") << QString() << 1 << 0 << false << QStringLiteral("Photo");
        QTest::newRow("photos") << QString() << 2 << 0 << false << QStringLiteral("2 photos");
        QTest::newRow("a file") << QString() << 0 << 1 << false << QStringLiteral("📎 file1.pdf");
        QTest::newRow("mixed") << QString() << 1 << 1 << false << QStringLiteral("📎 2 files");
        QTest::newRow("deleted") << QString() << 0 << 0 << true << QStringLiteral("This message was deleted");
        QTest::newRow("nothing") << QString() << 0 << 0 << false << QString();
    }

    void previewText()
    {
        QFETCH(QString, content);
        QFETCH(int, images);
        QFETCH(int, files);
        QFETCH(bool, deleted);
        QFETCH(QString, preview);
        model::Message m = message(1, kJane, at(0), content);
        for (int i = 0; i < images; ++i)
            m.attachments.append(
                attachment(i, QStringLiteral("photo%1.jpg").arg(i), QStringLiteral("image/jpeg")));
        for (int i = 1; i <= files; ++i)
            m.attachments.append(
                attachment(i, QStringLiteral("file%1.pdf").arg(i), QStringLiteral("application/pdf")));
        if (deleted)
            m.deletedAt = at(1);
        QCOMPARE(MessageListModel::previewText(m), preview);
    }

    void roleNames()
    {
        const QHash<int, QByteArray> names = m_model->roleNames();
        QCOMPARE(names.value(MessageListModel::StatusRole), QByteArrayLiteral("status"));
        QCOMPARE(names.value(MessageListModel::IsFirstUnreadRole), QByteArrayLiteral("isFirstUnread"));
        QCOMPARE(names.value(Qt::DisplayRole), QByteArrayLiteral("display"));

        // Status converts to its name, for logs and for delegates that prefer strings.
        QVERIFY(m_model->addPending(QStringLiteral("p-1"), QStringLiteral("x")));
        QCOMPARE(m_model->index(0).data(MessageListModel::StatusRole).toString(), QStringLiteral("Pending"));
    }
};

QTEST_GUILESS_MAIN(TestMessageListModel)
#include "tst_messagelistmodel.moc"
