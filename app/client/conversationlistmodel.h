#pragma once

#include "common/model/conversation.h"
#include "common/model/message.h"
#include "common/model/user.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace vw::client {

// The caller's conversations for the sidebar, newest activity first (optionally those with an
// unread urgent message on top), with unread counts, presence and typing. The app feeds it
// REST pages and realtime events; it does no networking. Re-sorting moves rows with
// beginMoveRows so that a view's selection and current index follow the conversation.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    // A plain enum because item roles are ints throughout Qt's model/view API.
    enum Role {
        IdRole = Qt::UserRole + 1, // QUuid
        TitleRole, // QString: the title, or the other participants' names joined
        PreviewRole, // QString: the last message's text ("" when there is none)
        LastActivityRole, // QDateTime (UTC): lastMessageAt, or createdAt without messages
        UnreadCountRole, // int
        HasUrgentUnreadRole, // bool
        OnlineRole, // bool: any other participant is online
        TypingRole, // QStringList: names of the other participants typing now
        TypingTextRole, // QString: "Dr. House is typing…", "" when nobody is
        InitialsRole, // QString: for the avatar, "GH" for "Gregory House"
        ParticipantIdsRole, // QVariantList of QUuid
    };
    Q_ENUM(Role)

    explicit ConversationListModel(QObject *parent = nullptr);

    // The signed-in user: left out of titles, presence and typing; their messages never
    // count as unread.
    void setSelfId(const QUuid &selfId);
    QUuid selfId() const { return m_selfId; }
    // Names (for titles, initials, typing) and presence. setUsers replaces what is known.
    void setUsers(const QList<model::User> &users);
    void upsertUser(const model::User &user);

    // Clinician mode: conversations with an unread urgent message come first.
    void setUrgentFirst(bool urgentFirst);
    bool urgentFirst() const { return m_urgentFirst; }
    // The conversation on screen: new messages there do not add to its unread count. Null: none.
    void setOpenConversation(const QUuid &conversationId);
    QUuid openConversation() const { return m_openConversationId; }

    // The first page of GET /messaging/conversations: replaces the list. Rows that stay keep
    // their identity (update/move), the others are removed, new ones inserted.
    void setConversations(const QList<model::Conversation> &conversations);
    // A later page (the nextCursor one): adds or updates, removes nothing.
    void appendPage(const QList<model::Conversation> &conversations);
    // conversation:updated, or a conversation just created: the server's unreadCount wins.
    void upsert(const model::Conversation &conversation);
    bool remove(const QUuid &conversationId);

    // message:new. Updates the preview and last activity and counts it unread unless it is
    // the caller's own (fromSelf, or its sender is selfId), the conversation is open, or it
    // was already counted. False when the conversation is not in the list: fetch it, then
    // upsert() (the fetched unreadCount already includes this message).
    bool applyNewMessage(const model::Message &message, bool fromSelf);
    // message:read. Only the caller's own reading (readerId == selfId, e.g. on another device)
    // changes this list: the unread count and urgent flag go. False when nothing changed.
    bool applyRead(const QUuid &conversationId, const QUuid &readerId);
    // For an urgent unread message the app learned about other than by applyNewMessage (e.g.
    // found in a history page); cleared by itself when the unread count drops to 0.
    void setUrgentUnread(const QUuid &conversationId, bool urgentUnread);
    // user:status.
    void setPresence(const QUuid &userId, bool online, const std::optional<QDateTime> &lastSeenAt);
    // typing. The server sends isTyping=false itself after 6 s of silence; a new message from
    // the typist clears it too.
    void setTyping(const QUuid &conversationId, const QUuid &userId, bool typing);
    // After a disconnect no typing=false will come for those who were typing.
    void clearTyping();

    // The sum of all unread counts, for the window title and the tray badge.
    int totalUnread() const { return m_totalUnread; }
    int rowOf(const QUuid &conversationId) const;
    QModelIndex indexOf(const QUuid &conversationId) const;
    std::optional<model::Conversation> conversation(const QUuid &conversationId) const;

    // Avatar initials of a person's or a conversation's name: "GH" for "Gregory House",
    // "GH" for "Dr. Gregory House, MD"; an honorific is kept only when it is all there is
    // besides one name, so "Dr. House" gives "DH". Empty for a blank name.
    static QString initialsOf(const QString &name);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void totalUnreadChanged(int total);

private:
    struct Entry
    {
        model::Conversation conversation;
        bool urgentUnread = false;
        // Other participants typing now, in the order they started.
        QList<QUuid> typing;
        // The newest message ids already applied, so a repeated message:new counts once.
        QList<QUuid> seenMessageIds;
    };

    bool comesBefore(const Entry &a, const Entry &b) const;
    int insertionRow(const Entry &entry) const;
    void insertEntry(Entry entry);
    // Moves the row to where the sort order puts it; returns its new row.
    int reposition(int row);
    void resortAll();
    // Replaces the conversation's server fields, keeping the client-side state.
    void updateEntry(int row, const model::Conversation &conversation);
    void mergePage(const QList<model::Conversation> &conversations);
    void emitRowChanged(int row, const QList<int> &roles = {});
    void emitRowsWithParticipant(const QUuid &userId, const QList<int> &roles);
    void updateTotalUnread();

    QList<QUuid> otherParticipants(const model::Conversation &conversation) const;
    QString displayName(const QUuid &userId) const;
    QString title(const Entry &entry) const;
    QString initials(const Entry &entry) const;
    bool anyOtherOnline(const Entry &entry) const;
    QStringList typingNames(const Entry &entry) const;
    QString typingText(const Entry &entry) const;
    QString accessibleText(const Entry &entry) const;

    QList<Entry> m_entries;
    QHash<QUuid, model::User> m_users;
    QUuid m_selfId;
    QUuid m_openConversationId;
    bool m_urgentFirst = false;
    int m_totalUnread = 0;
};

} // namespace vw::client
