#pragma once

#include "common/model/attachment.h"
#include "common/model/enums.h"
#include "common/model/message.h"
#include "common/model/user.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QTimeZone>
#include <QUuid>

#include <optional>

namespace vw::client {

// What the composer knows about a message it is about to send (the optimistic row).
struct PendingMessageOptions
{
    model::MessageType type = model::MessageType::Text;
    model::MessagePriority priority = model::MessagePriority::Normal;
    std::optional<QUuid> replyToId;
    // Already uploaded, so their names and types can be shown while the message is queued.
    QList<model::Attachment> attachments;
    // Invalid: now.
    QDateTime createdAt;
};

// The messages of one conversation in chat order (oldest at row 0): history pages loaded
// upward, live events, the sender's optimistic outbox rows and their delivery ticks, plus
// the flags a delegate needs for day separators, bubble grouping and the unread marker.
// The app feeds it REST pages and realtime events; it does no networking.
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(bool hasMore READ hasMore WRITE setHasMore NOTIFY hasMoreChanged)
public:
    // A plain enum because item roles are ints throughout Qt's model/view API.
    enum Role {
        IdRole = Qt::UserRole + 1, // QUuid; null for a pending or failed row
        SenderIdRole, // QUuid
        SenderNameRole, // QString
        ContentRole, // QString; "" for a deleted message
        TypeRole, // model::MessageType
        PriorityRole, // model::MessagePriority
        CreatedAtRole, // QDateTime (UTC)
        StatusRole, // MessageListModel::Status
        IsOwnRole, // bool: sent by selfId
        IsDeletedRole, // bool
        ReplyToIdRole, // QUuid, null when not a reply
        ReplySenderNameRole, // QString; invalid QVariant when the quoted message is not loaded
        ReplyPreviewRole, // QString: first line of the quoted message; invalid when not loaded
        AttachmentsRole, // QVariantList of QVariantMap {id, fileName, mimeType, size, scanStatus}
        IsSystemRole, // bool
        IsUrgentRole, // bool
        DayStartRole, // bool: first row of a calendar day in timeZone()
        GroupStartRole, // bool: first bubble of a run by one sender
        IsFirstUnreadRole, // bool: the unread marker goes above this row
        ClientMessageIdRole, // QString; the key to retry or discard an outbox row
    };
    Q_ENUM(Role)

    // Pending: in the outbox, not acknowledged; Failed: the server refused it or gave up.
    enum class Status { Pending, Failed, Sent, Delivered, Read };
    Q_ENUM(Status)

    // Rows by one sender on one day at most this far apart share a bubble group.
    static constexpr qint64 kGroupGapMs = 5 * 60 * 1000;

    explicit MessageListModel(QObject *parent = nullptr);

    void setSelfId(const QUuid &selfId);
    QUuid selfId() const { return m_selfId; }
    // Names for SenderName and ReplySenderName. setUsers replaces what is known.
    void setUsers(const QList<model::User> &users);
    void upsertUser(const model::User &user);
    // The zone whose calendar days DayStart follows; the system zone by default.
    void setTimeZone(const QTimeZone &zone);
    QTimeZone timeZone() const { return m_timeZone; }

    // Switching conversations empties the model (outbox rows too), the read position and hasMore.
    void setConversationId(const QUuid &conversationId);
    QUuid conversationId() const { return m_conversationId; }

    // The newest page as GET .../messages returns it (newest first). Replaces the history;
    // outbox rows stay (except those the page shows were sent). Without a conversation id
    // yet, the page's first message sets it; messages of other conversations are ignored.
    void setMessages(const QList<model::Message> &newestFirst);
    // The page before oldestId() (newest first). Existing rows keep their identity.
    void prependOlder(const QList<model::Message> &newestFirst);
    // Whether the server has older messages (its nextCursor was not null).
    bool hasMore() const { return m_hasMore; }
    void setHasMore(bool hasMore);
    // The `before` cursor for the next older page; null when no history is loaded.
    QUuid oldestId() const;
    // The newest message from the server, for `after` on catch-up and for marking read.
    QUuid newestId() const;

    // message:new, or the reply to a send. An id already present updates that row; an outbox
    // row with the same clientMessageId becomes this message. False when it belongs to another
    // conversation.
    bool applyNew(const model::Message &message);
    // Adds the optimistic row of a send (status Pending) at the bottom. False when the id is
    // empty or already used by a row.
    bool addPending(const QString &clientMessageId, const QString &content,
        const PendingMessageOptions &options = PendingMessageOptions());
    bool markFailed(const QString &clientMessageId);
    // Retrying a failed row.
    bool markPending(const QString &clientMessageId);
    // Discarding an outbox row.
    bool removePending(const QString &clientMessageId);
    // message:delivered: Sent becomes Delivered (Read stays Read).
    bool applyDelivered(const QUuid &messageId, const QDateTime &deliveredAt);
    // message:read: every loaded message up to and including upToMessageId that readerId did not
    // send becomes Read. Returns how many rows changed; 0 too when the message is not loaded.
    int applyRead(const QUuid &upToMessageId, const QUuid &readerId, const QDateTime &readAt);
    // The same with a bound on createdAt (inclusive), when the message itself is not known.
    int applyReadUpTo(const QDateTime &createdUpTo, const QUuid &readerId, const QDateTime &readAt);
    // message:deleted: a tombstone; the row stays. Invalid deletedAt: now.
    bool applyDeleted(const QUuid &messageId, const QDateTime &deletedAt = QDateTime());

    // Where the caller had read up to when the conversation was opened: the first message
    // from others (not a system notice) created after it gets IsFirstUnread. Invalid: no marker.
    void setLastReadAt(const QDateTime &lastReadAt);
    QDateTime lastReadAt() const { return m_lastReadAt; }
    // The row with IsFirstUnread, or -1.
    int firstUnreadRow() const;

    int rowOf(const QUuid &messageId) const;
    int rowOfClientMessageId(const QString &clientMessageId) const;
    std::optional<model::Message> messageAt(int row) const;
    std::optional<Status> statusAt(int row) const;

    // What stands for a message in a sidebar preview or a quote: its content, else "Photo" or
    // "📎 report.pdf" for attachments, else a deleted-message note. Also Qt::DisplayRole.
    static QString previewText(const model::Message &message);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void hasMoreChanged(bool hasMore);

private:
    enum class Local { None, Pending, Failed };

    struct Row
    {
        model::Message message;
        // Not None: an outbox row, kept below every server message in the order it was added.
        Local local = Local::None;
        quint64 sequence = 0;
    };

    bool comesBefore(const Row &a, const Row &b) const;
    int insertionRow(const Row &row) const;
    void insertRow(Row row);
    int reposition(int row);
    void replaceAll(QList<Row> rows);
    QList<Row> serverRows(const QList<model::Message> &newestFirst) const;
    bool setLocal(const QString &clientMessageId, Local from, Local to);
    int markRead(int lastRow, const std::optional<QDateTime> &createdUpTo, const QUuid &readerId,
        const QDateTime &readAt);

    // Derived roles depend on neighbours and on the read position: these re-announce them.
    void emitRowChanged(int row, const QList<int> &roles = {});
    void emitNeighbourChanged(int row);
    void emitRepliesTo(const QSet<QUuid> &messageIds);
    void updateFirstUnread();

    bool isOwn(const Row &row) const;
    Status status(const Row &row) const;
    QString senderName(const QUuid &userId) const;
    bool dayStart(int row) const;
    bool groupStart(int row) const;
    QVariantList attachments(const model::Message &message) const;
    QString accessibleText(int row) const;
    void invalidateIndex();
    const QHash<QUuid, int> &rowIndex() const;

    QList<Row> m_rows;
    QHash<QUuid, model::User> m_users;
    QUuid m_selfId;
    QUuid m_conversationId;
    QTimeZone m_timeZone;
    QDateTime m_lastReadAt;
    QUuid m_firstUnreadId;
    quint64 m_nextSequence = 1;
    bool m_hasMore = false;
    // Message id → row, rebuilt lazily after inserts and moves; data() needs it for replies.
    mutable QHash<QUuid, int> m_rowById;
    mutable bool m_rowByIdValid = false;
};

} // namespace vw::client
