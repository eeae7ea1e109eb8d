#include "app/client/conversationlistmodel.h"

#include "app/client/messagelistmodel.h"
#include "app/client/sortedrows.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace vw::client {

namespace {

// Enough to recognise a message:new repeated after a reconnect or by a second socket.
constexpr qsizetype kSeenMessageIds = 32;

QDateTime lastActivity(const model::Conversation &conversation)
{
    return conversation.lastMessageAt.value_or(conversation.createdAt);
}

int clampedCount(qint64 count)
{
    return static_cast<int>(std::clamp<qint64>(count, 0, std::numeric_limits<int>::max()));
}

// The comparison key of a name word: lower-case, without the dots and commas around it.
QString wordKey(const QString &word)
{
    QString key = word.toLower();
    while (!key.isEmpty() && (key.back() == QLatin1Char('.') || key.back() == QLatin1Char(',')))
        key.chop(1);
    return key;
}

bool isHonorific(const QString &key)
{
    static const QSet<QString> honorifics {QStringLiteral("dr"), QStringLiteral("mr"), QStringLiteral("mrs"),
        QStringLiteral("ms"), QStringLiteral("miss"), QStringLiteral("mx"), QStringLiteral("prof"),
        QStringLiteral("sir"), QStringLiteral("dame"), QStringLiteral("rev")};
    return honorifics.contains(key);
}

bool isNameSuffix(const QString &key)
{
    static const QSet<QString> suffixes {QStringLiteral("md"), QStringLiteral("m.d"), QStringLiteral("phd"),
        QStringLiteral("ph.d"), QStringLiteral("rn"), QStringLiteral("np"), QStringLiteral("jr"),
        QStringLiteral("sr"), QStringLiteral("ii"), QStringLiteral("iii"), QStringLiteral("iv")};
    return suffixes.contains(key);
}

// The first letter or digit of a word, upper-cased; a character outside the BMP stays whole.
QString firstLetter(QStringView word)
{
    for (qsizetype i = 0; i < word.size(); ++i) {
        const QChar c = word[i];
        if (c.isHighSurrogate() && i + 1 < word.size() && word[i + 1].isLowSurrogate()) {
            const char32_t ucs4 = QChar::surrogateToUcs4(c, word[i + 1]);
            if (QChar::isLetterOrNumber(ucs4))
                return QString::fromUcs4(&ucs4, 1).toUpper();
            ++i;
            continue;
        }
        if (c.isLetterOrNumber())
            return QString(c).toUpper();
    }
    return {};
}

} // namespace

ConversationListModel::ConversationListModel(QObject *parent) : QAbstractListModel(parent) { }

void ConversationListModel::setSelfId(const QUuid &selfId)
{
    if (selfId == m_selfId)
        return;
    m_selfId = selfId;
    if (!m_entries.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

void ConversationListModel::setUsers(const QList<model::User> &users)
{
    m_users.clear();
    for (const model::User &user : users)
        m_users.insert(user.id, user);
    if (!m_entries.isEmpty()) {
        emit dataChanged(index(0), index(rowCount() - 1),
            {Qt::DisplayRole, Qt::AccessibleTextRole, TitleRole, InitialsRole, OnlineRole, TypingRole,
                TypingTextRole});
    }
}

void ConversationListModel::upsertUser(const model::User &user)
{
    const auto it = m_users.constFind(user.id);
    if (it != m_users.constEnd() && *it == user)
        return;
    m_users.insert(user.id, user);
    emitRowsWithParticipant(
        user.id, {Qt::DisplayRole, TitleRole, InitialsRole, OnlineRole, TypingRole, TypingTextRole});
}

void ConversationListModel::setUrgentFirst(bool urgentFirst)
{
    if (urgentFirst == m_urgentFirst)
        return;
    m_urgentFirst = urgentFirst;
    resortAll();
}

void ConversationListModel::setOpenConversation(const QUuid &conversationId)
{
    m_openConversationId = conversationId;
}

void ConversationListModel::setConversations(const QList<model::Conversation> &conversations)
{
    if (m_entries.isEmpty()) {
        // First load: one insert of the whole sorted page.
        QList<Entry> entries;
        QHash<QUuid, qsizetype> seen;
        for (const model::Conversation &conversation : conversations) {
            if (const auto it = seen.constFind(conversation.id); it != seen.constEnd()) {
                entries[*it].conversation = conversation;
                continue;
            }
            seen.insert(conversation.id, entries.size());
            entries.append(Entry {conversation, false, {}, {}});
        }
        if (entries.isEmpty())
            return;
        std::sort(entries.begin(), entries.end(),
            [this](const Entry &a, const Entry &b) { return comesBefore(a, b); });
        beginInsertRows(QModelIndex(), 0, static_cast<int>(entries.size()) - 1);
        m_entries = std::move(entries);
        endInsertRows();
        updateTotalUnread();
        return;
    }

    QSet<QUuid> keep;
    for (const model::Conversation &conversation : conversations)
        keep.insert(conversation.id);
    // Remove the rows that are gone, a contiguous run at a time, from the bottom up.
    for (int last = rowCount() - 1; last >= 0;) {
        if (keep.contains(m_entries[last].conversation.id)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !keep.contains(m_entries[first - 1].conversation.id))
            --first;
        beginRemoveRows(QModelIndex(), first, last);
        m_entries.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }
    mergePage(conversations);
}

void ConversationListModel::appendPage(const QList<model::Conversation> &conversations)
{
    mergePage(conversations);
}

void ConversationListModel::upsert(const model::Conversation &conversation)
{
    const int row = rowOf(conversation.id);
    if (row < 0)
        insertEntry(Entry {conversation, false, {}, {}});
    else
        updateEntry(row, conversation);
    updateTotalUnread();
}

bool ConversationListModel::remove(const QUuid &conversationId)
{
    const int row = rowOf(conversationId);
    if (row < 0)
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    updateTotalUnread();
    return true;
}

bool ConversationListModel::applyNewMessage(const model::Message &message, bool fromSelf)
{
    const int row = rowOf(message.conversationId);
    if (row < 0)
        return false;
    Entry &entry = m_entries[row];
    if (entry.seenMessageIds.contains(message.id))
        return true;
    entry.seenMessageIds.append(message.id);
    if (entry.seenMessageIds.size() > kSeenMessageIds)
        entry.seenMessageIds.removeFirst();

    model::Conversation &conversation = entry.conversation;
    QList<int> roles;
    // A message older than the newest known (a late event) must not roll the preview back.
    if (!conversation.lastMessageAt || message.createdAt >= *conversation.lastMessageAt) {
        conversation.lastMessagePreview = MessageListModel::previewText(message);
        conversation.lastMessageAt = message.createdAt;
        roles << PreviewRole << LastActivityRole;
    }
    const bool own = fromSelf || (!m_selfId.isNull() && message.senderId == m_selfId);
    if (!own && message.conversationId != m_openConversationId) {
        ++conversation.unreadCount;
        roles << UnreadCountRole;
        if (message.priority == model::MessagePriority::Urgent && !entry.urgentUnread) {
            entry.urgentUnread = true;
            roles << HasUrgentUnreadRole;
        }
    }
    if (entry.typing.removeAll(message.senderId) > 0)
        roles << TypingRole << TypingTextRole;

    emitRowChanged(reposition(row), roles);
    updateTotalUnread();
    return true;
}

bool ConversationListModel::applyRead(const QUuid &conversationId, const QUuid &readerId)
{
    if (m_selfId.isNull() || readerId != m_selfId)
        return false;
    const int row = rowOf(conversationId);
    if (row < 0)
        return false;
    Entry &entry = m_entries[row];
    if (entry.conversation.unreadCount == 0 && !entry.urgentUnread)
        return false;
    entry.conversation.unreadCount = 0;
    entry.urgentUnread = false;
    emitRowChanged(reposition(row), {UnreadCountRole, HasUrgentUnreadRole});
    updateTotalUnread();
    return true;
}

void ConversationListModel::setUrgentUnread(const QUuid &conversationId, bool urgentUnread)
{
    const int row = rowOf(conversationId);
    if (row < 0)
        return;
    Entry &entry = m_entries[row];
    const bool urgent = urgentUnread && entry.conversation.unreadCount > 0;
    if (urgent == entry.urgentUnread)
        return;
    entry.urgentUnread = urgent;
    emitRowChanged(reposition(row), {HasUrgentUnreadRole});
}

void ConversationListModel::setPresence(
    const QUuid &userId, bool online, const std::optional<QDateTime> &lastSeenAt)
{
    auto it = m_users.find(userId);
    bool changed = false;
    if (it == m_users.end()) {
        // Presence can come before the user list; the name follows with setUsers/upsertUser.
        model::User user;
        user.id = userId;
        it = m_users.insert(userId, user);
        changed = true;
    }
    if (lastSeenAt)
        it->lastSeenAt = lastSeenAt;
    changed = changed || it->online != online;
    it->online = online;
    if (changed && userId != m_selfId)
        emitRowsWithParticipant(userId, {OnlineRole});
}

void ConversationListModel::setTyping(const QUuid &conversationId, const QUuid &userId, bool typing)
{
    if (userId.isNull() || userId == m_selfId)
        return;
    const int row = rowOf(conversationId);
    if (row < 0)
        return;
    QList<QUuid> &typists = m_entries[row].typing;
    if (typing == typists.contains(userId))
        return;
    if (typing)
        typists.append(userId);
    else
        typists.removeAll(userId);
    emitRowChanged(row, {TypingRole, TypingTextRole});
}

void ConversationListModel::clearTyping()
{
    for (int row = 0; row < rowCount(); ++row) {
        if (m_entries[row].typing.isEmpty())
            continue;
        m_entries[row].typing.clear();
        emitRowChanged(row, {TypingRole, TypingTextRole});
    }
}

int ConversationListModel::rowOf(const QUuid &conversationId) const
{
    // Linear: a sidebar holds a few pages of conversations, and rows move on every message.
    for (int row = 0; row < rowCount(); ++row) {
        if (m_entries[row].conversation.id == conversationId)
            return row;
    }
    return -1;
}

QModelIndex ConversationListModel::indexOf(const QUuid &conversationId) const
{
    const int row = rowOf(conversationId);
    return row < 0 ? QModelIndex() : index(row);
}

std::optional<model::Conversation> ConversationListModel::conversation(const QUuid &conversationId) const
{
    const int row = rowOf(conversationId);
    if (row < 0)
        return std::nullopt;
    return m_entries[row].conversation;
}

QString ConversationListModel::initialsOf(const QString &name)
{
    QStringList honorifics;
    QStringList names;
    for (const QString &word : name.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString key = wordKey(word);
        if (names.isEmpty() && isHonorific(key))
            honorifics.append(word);
        else if (!names.isEmpty() && isNameSuffix(key))
            continue;
        else if (!firstLetter(word).isEmpty())
            names.append(word);
    }
    if (names.size() >= 2)
        return firstLetter(names.first()) + firstLetter(names.last());
    if (names.size() == 1)
        return honorifics.isEmpty() ? firstLetter(names.first())
                                    : firstLetter(honorifics.last()) + firstLetter(names.first());
    return honorifics.isEmpty() ? QString() : firstLetter(honorifics.first());
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries[index.row()];
    const model::Conversation &conversation = entry.conversation;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return title(entry);
    case Qt::AccessibleTextRole:
        return accessibleText(entry);
    case IdRole:
        return conversation.id;
    case PreviewRole:
        return conversation.lastMessagePreview.value_or(QString());
    case LastActivityRole:
        return lastActivity(conversation);
    case UnreadCountRole:
        return clampedCount(conversation.unreadCount);
    case HasUrgentUnreadRole:
        return entry.urgentUnread;
    case OnlineRole:
        return anyOtherOnline(entry);
    case TypingRole:
        return typingNames(entry);
    case TypingTextRole:
        return typingText(entry);
    case InitialsRole:
        return initials(entry);
    case ParticipantIdsRole: {
        QVariantList ids;
        ids.reserve(conversation.participantIds.size());
        for (const QUuid &id : conversation.participantIds)
            ids.append(id);
        return ids;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("id"));
    names.insert(TitleRole, QByteArrayLiteral("title"));
    names.insert(PreviewRole, QByteArrayLiteral("preview"));
    names.insert(LastActivityRole, QByteArrayLiteral("lastActivity"));
    names.insert(UnreadCountRole, QByteArrayLiteral("unreadCount"));
    names.insert(HasUrgentUnreadRole, QByteArrayLiteral("hasUrgentUnread"));
    names.insert(OnlineRole, QByteArrayLiteral("online"));
    names.insert(TypingRole, QByteArrayLiteral("typing"));
    names.insert(TypingTextRole, QByteArrayLiteral("typingText"));
    names.insert(InitialsRole, QByteArrayLiteral("initials"));
    names.insert(ParticipantIdsRole, QByteArrayLiteral("participantIds"));
    return names;
}

bool ConversationListModel::comesBefore(const Entry &a, const Entry &b) const
{
    if (m_urgentFirst && a.urgentUnread != b.urgentUnread)
        return a.urgentUnread;
    const QDateTime activityA = lastActivity(a.conversation);
    const QDateTime activityB = lastActivity(b.conversation);
    if (activityA != activityB)
        return activityA > activityB;
    // A total order, so equal times never make rows swap back and forth.
    return a.conversation.id < b.conversation.id;
}

int ConversationListModel::insertionRow(const Entry &entry) const
{
    const auto it = std::lower_bound(m_entries.cbegin(), m_entries.cend(), entry,
        [this](const Entry &a, const Entry &b) { return comesBefore(a, b); });
    return static_cast<int>(it - m_entries.cbegin());
}

void ConversationListModel::insertEntry(Entry entry)
{
    const int row = insertionRow(entry);
    beginInsertRows(QModelIndex(), row, row);
    m_entries.insert(row, std::move(entry));
    endInsertRows();
}

int ConversationListModel::reposition(int row)
{
    return moveToSortedPlace(
        m_entries, row, [this](const Entry &a, const Entry &b) { return comesBefore(a, b); },
        [this](int from, int destination) {
            beginMoveRows(QModelIndex(), from, from, QModelIndex(), destination);
        },
        [this] { endMoveRows(); });
}

void ConversationListModel::resortAll()
{
    // A selection sort made of single-row moves (each row moves at most once, and only up),
    // so that persistent indexes and selections follow their conversation.
    for (int row = 0; row < rowCount(); ++row) {
        int best = row;
        for (int other = row + 1; other < rowCount(); ++other) {
            if (comesBefore(m_entries[other], m_entries[best]))
                best = other;
        }
        if (best == row)
            continue;
        beginMoveRows(QModelIndex(), best, best, QModelIndex(), row);
        m_entries.move(best, row);
        endMoveRows();
    }
}

void ConversationListModel::updateEntry(int row, const model::Conversation &conversation)
{
    Entry &entry = m_entries[row];
    if (entry.conversation == conversation)
        return;
    entry.conversation = conversation;
    if (conversation.unreadCount <= 0)
        entry.urgentUnread = false;
    // Someone who left the conversation is no longer shown typing in it.
    entry.typing.removeIf([&](const QUuid &id) { return !conversation.participantIds.contains(id); });
    emitRowChanged(reposition(row));
}

void ConversationListModel::mergePage(const QList<model::Conversation> &conversations)
{
    for (const model::Conversation &conversation : conversations) {
        const int row = rowOf(conversation.id);
        if (row < 0)
            insertEntry(Entry {conversation, false, {}, {}});
        else
            updateEntry(row, conversation);
    }
    updateTotalUnread();
}

void ConversationListModel::emitRowChanged(int row, const QList<int> &roles)
{
    if (roles.isEmpty()) {
        emit dataChanged(index(row), index(row));
        return;
    }
    QList<int> changed = roles;
    changed << Qt::AccessibleTextRole;
    emit dataChanged(index(row), index(row), changed);
}

void ConversationListModel::emitRowsWithParticipant(const QUuid &userId, const QList<int> &roles)
{
    for (int row = 0; row < rowCount(); ++row) {
        if (m_entries[row].conversation.participantIds.contains(userId))
            emitRowChanged(row, roles);
    }
}

void ConversationListModel::updateTotalUnread()
{
    qint64 total = 0;
    for (const Entry &entry : std::as_const(m_entries))
        total += std::max<qint64>(entry.conversation.unreadCount, 0);
    const int clamped = clampedCount(total);
    if (clamped == m_totalUnread)
        return;
    m_totalUnread = clamped;
    emit totalUnreadChanged(m_totalUnread);
}

QList<QUuid> ConversationListModel::otherParticipants(const model::Conversation &conversation) const
{
    QList<QUuid> others;
    for (const QUuid &id : conversation.participantIds) {
        if (id != m_selfId && !others.contains(id))
            others.append(id);
    }
    return others;
}

QString ConversationListModel::displayName(const QUuid &userId) const
{
    const auto it = m_users.constFind(userId);
    if (it != m_users.constEnd()) {
        if (!it->displayName.trimmed().isEmpty())
            return it->displayName;
        if (!it->username.isEmpty())
            return it->username;
    }
    return tr("Unknown user");
}

QString ConversationListModel::title(const Entry &entry) const
{
    const model::Conversation &conversation = entry.conversation;
    if (conversation.title && !conversation.title->trimmed().isEmpty())
        return *conversation.title;
    QStringList names;
    for (const QUuid &id : otherParticipants(conversation))
        names.append(displayName(id));
    if (names.isEmpty())
        return tr("Only you");
    return names.join(QStringLiteral(", "));
}

QString ConversationListModel::initials(const Entry &entry) const
{
    const model::Conversation &conversation = entry.conversation;
    if (conversation.title && !conversation.title->trimmed().isEmpty())
        return initialsOf(*conversation.title);
    const QList<QUuid> others = otherParticipants(conversation);
    if (others.size() == 1)
        return initialsOf(displayName(others.first()));
    // An untitled group: one letter for each of the first two people.
    QString letters;
    for (qsizetype i = 0; i < std::min<qsizetype>(others.size(), 2); ++i)
        letters += firstLetter(initialsOf(displayName(others[i])));
    return letters;
}

bool ConversationListModel::anyOtherOnline(const Entry &entry) const
{
    const QList<QUuid> others = otherParticipants(entry.conversation);
    return std::any_of(others.cbegin(), others.cend(), [this](const QUuid &id) {
        const auto it = m_users.constFind(id);
        return it != m_users.constEnd() && it->online;
    });
}

QStringList ConversationListModel::typingNames(const Entry &entry) const
{
    QStringList names;
    for (const QUuid &id : entry.typing)
        names.append(displayName(id));
    return names;
}

QString ConversationListModel::typingText(const Entry &entry) const
{
    const QStringList names = typingNames(entry);
    switch (names.size()) {
    case 0:
        return {};
    case 1:
        return tr("%1 is typing…").arg(names[0]);
    case 2:
        return tr("%1 and %2 are typing…").arg(names[0], names[1]);
    default:
        return tr("%n people are typing…", nullptr, static_cast<int>(names.size()));
    }
}

QString ConversationListModel::accessibleText(const Entry &entry) const
{
    QStringList parts {title(entry)};
    const int unread = clampedCount(entry.conversation.unreadCount);
    if (unread > 0)
        parts << tr("%n unread messages", nullptr, unread);
    if (entry.urgentUnread)
        parts << tr("urgent");
    if (anyOtherOnline(entry))
        parts << tr("online");
    if (const QString typing = typingText(entry); !typing.isEmpty())
        parts << typing;
    else if (const QString preview = entry.conversation.lastMessagePreview.value_or(QString());
             !preview.isEmpty())
        parts << tr("last message: %1").arg(preview);
    return parts.join(QStringLiteral(", "));
}

} // namespace vw::client
