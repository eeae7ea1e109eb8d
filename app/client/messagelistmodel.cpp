#include "app/client/messagelistmodel.h"

#include "app/client/sortedrows.h"

#include <QLocale>
#include <QSet>
#include <QVariantMap>

#include <algorithm>

namespace vw::client {

namespace {

QString firstLine(const QString &text)
{
    const qsizetype end = text.indexOf(QLatin1Char('\n'));
    return (end < 0 ? text : text.left(end)).trimmed();
}

bool isImage(const model::Attachment &attachment)
{
    return attachment.mimeType.startsWith(QStringLiteral("image/"), Qt::CaseInsensitive);
}

} // namespace

MessageListModel::MessageListModel(QObject *parent)
    : QAbstractListModel(parent), m_timeZone(QTimeZone::systemTimeZone())
{ }

void MessageListModel::setSelfId(const QUuid &selfId)
{
    if (selfId == m_selfId)
        return;
    m_selfId = selfId;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1));
    updateFirstUnread();
}

void MessageListModel::setUsers(const QList<model::User> &users)
{
    m_users.clear();
    for (const model::User &user : users)
        m_users.insert(user.id, user);
    if (!m_rows.isEmpty()) {
        emit dataChanged(
            index(0), index(rowCount() - 1), {SenderNameRole, ReplySenderNameRole, Qt::AccessibleTextRole});
    }
}

void MessageListModel::upsertUser(const model::User &user)
{
    const auto it = m_users.constFind(user.id);
    const bool renamed
        = it == m_users.constEnd() || it->displayName != user.displayName || it->username != user.username;
    m_users.insert(user.id, user);
    if (renamed && !m_rows.isEmpty()) {
        emit dataChanged(
            index(0), index(rowCount() - 1), {SenderNameRole, ReplySenderNameRole, Qt::AccessibleTextRole});
    }
}

void MessageListModel::setTimeZone(const QTimeZone &zone)
{
    if (zone == m_timeZone)
        return;
    m_timeZone = zone;
    if (!m_rows.isEmpty())
        emit dataChanged(
            index(0), index(rowCount() - 1), {DayStartRole, GroupStartRole, Qt::AccessibleTextRole});
}

void MessageListModel::setConversationId(const QUuid &conversationId)
{
    if (conversationId == m_conversationId)
        return;
    beginResetModel();
    m_rows.clear();
    m_conversationId = conversationId;
    m_lastReadAt = QDateTime();
    m_firstUnreadId = QUuid();
    invalidateIndex();
    endResetModel();
    setHasMore(false);
}

void MessageListModel::setMessages(const QList<model::Message> &newestFirst)
{
    if (m_conversationId.isNull()) {
        for (const model::Message &message : newestFirst) {
            if (!message.conversationId.isNull()) {
                m_conversationId = message.conversationId;
                break;
            }
        }
    }
    QList<Row> rows = serverRows(newestFirst);
    QSet<QString> sent;
    QSet<QUuid> inPage;
    for (const Row &row : std::as_const(rows)) {
        inPage.insert(row.message.id);
        if (row.message.clientMessageId)
            sent.insert(*row.message.clientMessageId);
    }
    // The page was read before it arrived: a message that came in live meanwhile (newer than
    // all of the page, and not in it) stays. Within the page's span the page is the truth.
    const qsizetype pageEnd = rows.size();
    for (const Row &row : std::as_const(m_rows)) {
        if (row.local == Local::None && !inPage.contains(row.message.id)
            && (pageEnd == 0 || comesBefore(rows.at(pageEnd - 1), row)))
            rows.append(row);
    }
    for (const Row &row : std::as_const(m_rows)) {
        if (row.local != Local::None && !sent.contains(row.message.clientMessageId.value_or(QString())))
            rows.append(row);
    }
    replaceAll(std::move(rows));
}

void MessageListModel::prependOlder(const QList<model::Message> &newestFirst)
{
    QList<Row> rows = serverRows(newestFirst);
    rows.removeIf([this](const Row &row) { return rowOf(row.message.id) >= 0; });
    if (rows.isEmpty())
        return;
    QSet<QUuid> added;
    for (const Row &row : std::as_const(rows))
        added.insert(row.message.id);

    const bool allOlder
        = m_rows.isEmpty() || m_rows.first().local != Local::None || comesBefore(rows.last(), m_rows.first());
    if (allOlder) {
        const int count = static_cast<int>(rows.size());
        beginInsertRows(QModelIndex(), 0, count - 1);
        rows.append(std::move(m_rows));
        m_rows = std::move(rows);
        invalidateIndex();
        endInsertRows();
        // The old first row may no longer start a day or a group.
        emitNeighbourChanged(count);
    } else {
        // Overlapping pages (messages arrived meanwhile): each goes where it belongs.
        for (Row &row : rows)
            insertRow(std::move(row));
    }
    emitRepliesTo(added);
    updateFirstUnread();
}

void MessageListModel::setHasMore(bool hasMore)
{
    if (hasMore == m_hasMore)
        return;
    m_hasMore = hasMore;
    emit hasMoreChanged(m_hasMore);
}

QUuid MessageListModel::oldestId() const
{
    // Outbox rows are always below the server's messages, so row 0 is the oldest if any is.
    if (m_rows.isEmpty() || m_rows.first().local != Local::None)
        return {};
    return m_rows.first().message.id;
}

QUuid MessageListModel::newestId() const
{
    for (auto it = m_rows.crbegin(); it != m_rows.crend(); ++it) {
        if (it->local == Local::None)
            return it->message.id;
    }
    return {};
}

bool MessageListModel::applyNew(const model::Message &message)
{
    if (!m_conversationId.isNull() && message.conversationId != m_conversationId)
        return false;

    if (const int row = rowOf(message.id); row >= 0) {
        model::Message &existing = m_rows[row].message;
        model::Message merged = message;
        // Events can arrive out of order: a late copy must not undo a tick or a deletion.
        merged.status = std::max(existing.status, merged.status);
        if (!merged.deliveredAt)
            merged.deliveredAt = existing.deliveredAt;
        if (!merged.readAt)
            merged.readAt = existing.readAt;
        if (existing.deletedAt && !merged.deletedAt) {
            merged.deletedAt = existing.deletedAt;
            merged.content.clear();
            merged.attachments.clear();
        }
        if (merged == existing)
            return true;
        existing = merged;
        emitRowChanged(reposition(row));
        emitRepliesTo({message.id});
        updateFirstUnread();
        return true;
    }

    if (message.clientMessageId && (m_selfId.isNull() || message.senderId == m_selfId)) {
        const int row = rowOfClientMessageId(*message.clientMessageId);
        if (row >= 0 && m_rows[row].local != Local::None) {
            // The acknowledgement of our own send: the outbox row becomes the message.
            m_rows[row].message = message;
            m_rows[row].local = Local::None;
            invalidateIndex();
            emitRowChanged(reposition(row));
            updateFirstUnread();
            return true;
        }
    }

    insertRow(Row {message, Local::None, 0});
    emitRepliesTo({message.id});
    return true;
}

bool MessageListModel::addPending(
    const QString &clientMessageId, const QString &content, const PendingMessageOptions &options)
{
    if (clientMessageId.isEmpty() || rowOfClientMessageId(clientMessageId) >= 0)
        return false;
    Row row;
    row.local = Local::Pending;
    row.sequence = m_nextSequence++;
    model::Message &message = row.message;
    message.conversationId = m_conversationId;
    message.senderId = m_selfId;
    message.type = options.type;
    message.content = content;
    message.priority = options.priority;
    message.replyToId = options.replyToId;
    message.attachments = options.attachments;
    message.createdAt
        = options.createdAt.isValid() ? options.createdAt.toUTC() : QDateTime::currentDateTimeUtc();
    message.clientMessageId = clientMessageId;
    insertRow(std::move(row));
    return true;
}

bool MessageListModel::markFailed(const QString &clientMessageId)
{
    return setLocal(clientMessageId, Local::Pending, Local::Failed);
}

bool MessageListModel::markPending(const QString &clientMessageId)
{
    return setLocal(clientMessageId, Local::Failed, Local::Pending);
}

bool MessageListModel::removePending(const QString &clientMessageId)
{
    const int row = rowOfClientMessageId(clientMessageId);
    if (row < 0 || m_rows[row].local == Local::None)
        return false;
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.removeAt(row);
    invalidateIndex();
    endRemoveRows();
    emitNeighbourChanged(row);
    return true;
}

bool MessageListModel::applyDelivered(const QUuid &messageId, const QDateTime &deliveredAt)
{
    const int row = rowOf(messageId);
    if (row < 0)
        return false;
    model::Message &message = m_rows[row].message;
    if (message.status != model::MessageStatus::Sent)
        return false;
    message.status = model::MessageStatus::Delivered;
    if (deliveredAt.isValid())
        message.deliveredAt = deliveredAt.toUTC();
    emitRowChanged(row, {StatusRole});
    return true;
}

int MessageListModel::applyRead(const QUuid &upToMessageId, const QUuid &readerId, const QDateTime &readAt)
{
    const int row = rowOf(upToMessageId);
    if (row < 0)
        return 0;
    return markRead(row, std::nullopt, readerId, readAt);
}

int MessageListModel::applyReadUpTo(
    const QDateTime &createdUpTo, const QUuid &readerId, const QDateTime &readAt)
{
    if (!createdUpTo.isValid())
        return 0;
    return markRead(rowCount() - 1, createdUpTo, readerId, readAt);
}

bool MessageListModel::applyDeleted(const QUuid &messageId, const QDateTime &deletedAt)
{
    const int row = rowOf(messageId);
    if (row < 0)
        return false;
    model::Message &message = m_rows[row].message;
    if (message.deletedAt)
        return false;
    message.content.clear();
    message.attachments.clear();
    message.deletedAt = deletedAt.isValid() ? deletedAt.toUTC() : QDateTime::currentDateTimeUtc();
    emitRowChanged(row, {Qt::DisplayRole, ContentRole, AttachmentsRole, IsDeletedRole});
    emitRepliesTo({messageId});
    return true;
}

void MessageListModel::setLastReadAt(const QDateTime &lastReadAt)
{
    m_lastReadAt = lastReadAt.isValid() ? lastReadAt.toUTC() : QDateTime();
    updateFirstUnread();
}

int MessageListModel::firstUnreadRow() const
{
    return rowOf(m_firstUnreadId);
}

int MessageListModel::rowOf(const QUuid &messageId) const
{
    if (messageId.isNull())
        return -1;
    return rowIndex().value(messageId, -1);
}

int MessageListModel::rowOfClientMessageId(const QString &clientMessageId) const
{
    if (clientMessageId.isEmpty())
        return -1;
    // From the bottom: outbox rows and recent sends are there.
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (m_rows[row].message.clientMessageId == clientMessageId)
            return row;
    }
    return -1;
}

std::optional<model::Message> MessageListModel::messageAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    return m_rows[row].message;
}

std::optional<MessageListModel::Status> MessageListModel::statusAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return std::nullopt;
    return status(m_rows[row]);
}

QString MessageListModel::previewText(const model::Message &message)
{
    if (message.deletedAt)
        return tr("This message was deleted");
    if (!message.content.isEmpty())
        return message.content;
    const QList<model::Attachment> &attachments = message.attachments;
    if (attachments.isEmpty())
        return {};
    const int count = static_cast<int>(attachments.size());
    if (std::all_of(attachments.cbegin(), attachments.cend(), isImage))
        return count == 1 ? tr("Photo") : tr("%n photos", nullptr, count);
    const QString paperclip = QStringLiteral("\U0001F4CE ");
    return paperclip + (count == 1 ? attachments.first().fileName : tr("%n files", nullptr, count));
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int rowNumber = index.row();
    const Row &row = m_rows[rowNumber];
    const model::Message &message = row.message;
    switch (role) {
    case Qt::DisplayRole:
        return previewText(message);
    case Qt::AccessibleTextRole:
        return accessibleText(rowNumber);
    case IdRole:
        return row.local == Local::None ? message.id : QUuid();
    case SenderIdRole:
        return message.senderId;
    case SenderNameRole:
        return senderName(message.senderId);
    case ContentRole:
        return message.content;
    case TypeRole:
        return QVariant::fromValue(message.type);
    case PriorityRole:
        return QVariant::fromValue(message.priority);
    case CreatedAtRole:
        return message.createdAt;
    case StatusRole:
        return QVariant::fromValue(status(row));
    case IsOwnRole:
        return isOwn(row);
    case IsDeletedRole:
        return message.deletedAt.has_value();
    case ReplyToIdRole:
        return message.replyToId.value_or(QUuid());
    case ReplySenderNameRole:
    case ReplyPreviewRole: {
        const int quoted = message.replyToId ? rowOf(*message.replyToId) : -1;
        if (quoted < 0)
            return {};
        const model::Message &original = m_rows[quoted].message;
        return role == ReplySenderNameRole ? senderName(original.senderId) : firstLine(previewText(original));
    }
    case AttachmentsRole:
        return attachments(message);
    case IsSystemRole:
        return message.type == model::MessageType::System;
    case IsUrgentRole:
        return message.priority == model::MessagePriority::Urgent;
    case DayStartRole:
        return dayStart(rowNumber);
    case GroupStartRole:
        return groupStart(rowNumber);
    case IsFirstUnreadRole:
        return !m_firstUnreadId.isNull() && row.local == Local::None && message.id == m_firstUnreadId;
    case ClientMessageIdRole:
        return message.clientMessageId.value_or(QString());
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("id"));
    names.insert(SenderIdRole, QByteArrayLiteral("senderId"));
    names.insert(SenderNameRole, QByteArrayLiteral("senderName"));
    names.insert(ContentRole, QByteArrayLiteral("content"));
    names.insert(TypeRole, QByteArrayLiteral("type"));
    names.insert(PriorityRole, QByteArrayLiteral("priority"));
    names.insert(CreatedAtRole, QByteArrayLiteral("createdAt"));
    names.insert(StatusRole, QByteArrayLiteral("status"));
    names.insert(IsOwnRole, QByteArrayLiteral("isOwn"));
    names.insert(IsDeletedRole, QByteArrayLiteral("isDeleted"));
    names.insert(ReplyToIdRole, QByteArrayLiteral("replyToId"));
    names.insert(ReplySenderNameRole, QByteArrayLiteral("replySenderName"));
    names.insert(ReplyPreviewRole, QByteArrayLiteral("replyPreview"));
    names.insert(AttachmentsRole, QByteArrayLiteral("attachments"));
    names.insert(IsSystemRole, QByteArrayLiteral("isSystem"));
    names.insert(IsUrgentRole, QByteArrayLiteral("isUrgent"));
    names.insert(DayStartRole, QByteArrayLiteral("dayStart"));
    names.insert(GroupStartRole, QByteArrayLiteral("groupStart"));
    names.insert(IsFirstUnreadRole, QByteArrayLiteral("isFirstUnread"));
    names.insert(ClientMessageIdRole, QByteArrayLiteral("clientMessageId"));
    return names;
}

bool MessageListModel::comesBefore(const Row &a, const Row &b) const
{
    const bool localA = a.local != Local::None;
    const bool localB = b.local != Local::None;
    if (localA != localB)
        return localB;
    if (localA)
        return a.sequence < b.sequence;
    if (a.message.createdAt != b.message.createdAt)
        return a.message.createdAt < b.message.createdAt;
    // A total order, so messages of the same millisecond keep their places.
    return a.message.id < b.message.id;
}

int MessageListModel::insertionRow(const Row &row) const
{
    const auto it = std::upper_bound(m_rows.cbegin(), m_rows.cend(), row,
        [this](const Row &a, const Row &b) { return comesBefore(a, b); });
    return static_cast<int>(it - m_rows.cbegin());
}

void MessageListModel::insertRow(Row row)
{
    const int at = insertionRow(row);
    beginInsertRows(QModelIndex(), at, at);
    m_rows.insert(at, std::move(row));
    invalidateIndex();
    endInsertRows();
    emitNeighbourChanged(at + 1);
    updateFirstUnread();
}

int MessageListModel::reposition(int row)
{
    const int target = moveToSortedPlace(
        m_rows, row, [this](const Row &a, const Row &b) { return comesBefore(a, b); },
        [this](int from, int destination) {
            beginMoveRows(QModelIndex(), from, from, QModelIndex(), destination);
        },
        [this] {
            invalidateIndex();
            endMoveRows();
        });
    if (target != row) {
        // The rows that followed it before and after the move have a new predecessor.
        emitNeighbourChanged(target > row ? row : row + 1);
        emitNeighbourChanged(target + 1);
    }
    return target;
}

void MessageListModel::replaceAll(QList<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    invalidateIndex();
    m_firstUnreadId = QUuid();
    endResetModel();
    updateFirstUnread();
}

QList<MessageListModel::Row> MessageListModel::serverRows(const QList<model::Message> &newestFirst) const
{
    QList<Row> rows;
    QSet<QUuid> seen;
    for (const model::Message &message : newestFirst) {
        if (message.id.isNull() || (!m_conversationId.isNull() && message.conversationId != m_conversationId))
            continue;
        if (seen.contains(message.id))
            continue;
        seen.insert(message.id);
        rows.append(Row {message, Local::None, 0});
    }
    std::sort(rows.begin(), rows.end(), [this](const Row &a, const Row &b) { return comesBefore(a, b); });
    return rows;
}

bool MessageListModel::setLocal(const QString &clientMessageId, Local from, Local to)
{
    const int row = rowOfClientMessageId(clientMessageId);
    if (row < 0 || m_rows[row].local != from)
        return false;
    m_rows[row].local = to;
    emitRowChanged(row, {StatusRole});
    return true;
}

int MessageListModel::markRead(
    int lastRow, const std::optional<QDateTime> &createdUpTo, const QUuid &readerId, const QDateTime &readAt)
{
    if (readerId.isNull())
        return 0;
    int first = -1;
    int last = -1;
    int changed = 0;
    for (int row = 0; row <= lastRow && row < rowCount(); ++row) {
        Row &entry = m_rows[row];
        model::Message &message = entry.message;
        if (entry.local != Local::None)
            break; // outbox rows are last and have not reached anyone
        if (createdUpTo && message.createdAt > *createdUpTo)
            break; // server rows are in createdAt order
        if (message.senderId == readerId || message.status == model::MessageStatus::Read)
            continue;
        message.status = model::MessageStatus::Read;
        if (readAt.isValid()) {
            message.readAt = readAt.toUTC();
            if (!message.deliveredAt)
                message.deliveredAt = message.readAt;
        }
        if (first < 0)
            first = row;
        last = row;
        ++changed;
    }
    if (changed > 0)
        emit dataChanged(index(first), index(last), {StatusRole, Qt::AccessibleTextRole});
    return changed;
}

void MessageListModel::emitRowChanged(int row, const QList<int> &roles)
{
    if (roles.isEmpty()) {
        emit dataChanged(index(row), index(row));
        return;
    }
    QList<int> changed = roles;
    changed << Qt::AccessibleTextRole;
    emit dataChanged(index(row), index(row), changed);
}

void MessageListModel::emitNeighbourChanged(int row)
{
    if (row >= 0 && row < rowCount())
        emit dataChanged(index(row), index(row), {DayStartRole, GroupStartRole});
}

void MessageListModel::emitRepliesTo(const QSet<QUuid> &messageIds)
{
    for (int row = 0; row < rowCount(); ++row) {
        const std::optional<QUuid> &quoted = m_rows[row].message.replyToId;
        if (quoted && messageIds.contains(*quoted))
            emitRowChanged(row, {ReplySenderNameRole, ReplyPreviewRole});
    }
}

void MessageListModel::updateFirstUnread()
{
    QUuid firstUnread;
    if (m_lastReadAt.isValid()) {
        // Server rows come first and are sorted by createdAt.
        const auto serverEnd = std::partition_point(
            m_rows.cbegin(), m_rows.cend(), [](const Row &row) { return row.local == Local::None; });
        auto it = std::partition_point(m_rows.cbegin(), serverEnd,
            [this](const Row &row) { return row.message.createdAt <= m_lastReadAt; });
        for (; it != serverEnd; ++it) {
            if (!isOwn(*it) && it->message.type != model::MessageType::System) {
                firstUnread = it->message.id;
                break;
            }
        }
    }
    if (firstUnread == m_firstUnreadId)
        return;
    const int oldRow = rowOf(m_firstUnreadId);
    m_firstUnreadId = firstUnread;
    for (const int row : {oldRow, rowOf(firstUnread)}) {
        if (row >= 0)
            emit dataChanged(index(row), index(row), {IsFirstUnreadRole});
    }
}

bool MessageListModel::isOwn(const Row &row) const
{
    return row.local != Local::None || (!m_selfId.isNull() && row.message.senderId == m_selfId);
}

MessageListModel::Status MessageListModel::status(const Row &row) const
{
    switch (row.local) {
    case Local::Pending:
        return Status::Pending;
    case Local::Failed:
        return Status::Failed;
    case Local::None:
        break;
    }
    switch (row.message.status) {
    case model::MessageStatus::Delivered:
        return Status::Delivered;
    case model::MessageStatus::Read:
        return Status::Read;
    case model::MessageStatus::Sent:
        break;
    }
    return Status::Sent;
}

QString MessageListModel::senderName(const QUuid &userId) const
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

bool MessageListModel::dayStart(int row) const
{
    if (row == 0)
        return true;
    const QDate day = m_rows[row].message.createdAt.toTimeZone(m_timeZone).date();
    return day != m_rows[row - 1].message.createdAt.toTimeZone(m_timeZone).date();
}

bool MessageListModel::groupStart(int row) const
{
    if (row == 0 || dayStart(row))
        return true;
    const model::Message &previous = m_rows[row - 1].message;
    const model::Message &current = m_rows[row].message;
    if (previous.type == model::MessageType::System || current.type == model::MessageType::System)
        return true;
    return previous.senderId != current.senderId
        || previous.createdAt.msecsTo(current.createdAt) > kGroupGapMs;
}

QVariantList MessageListModel::attachments(const model::Message &message) const
{
    QVariantList list;
    list.reserve(message.attachments.size());
    for (const model::Attachment &attachment : message.attachments) {
        list.append(QVariantMap {
            {QStringLiteral("id"), attachment.id},
            {QStringLiteral("fileName"), attachment.fileName},
            {QStringLiteral("mimeType"), attachment.mimeType},
            {QStringLiteral("size"), attachment.size},
            {QStringLiteral("scanStatus"), model::toWire(attachment.scanStatus)},
        });
    }
    return list;
}

QString MessageListModel::accessibleText(int rowNumber) const
{
    const Row &row = m_rows[rowNumber];
    const model::Message &message = row.message;
    const bool own = isOwn(row);
    QStringList parts {
        tr("%1: %2").arg(own ? tr("You") : senderName(message.senderId), previewText(message))};
    if (message.priority == model::MessagePriority::Urgent)
        parts << tr("urgent");
    parts << QLocale().toString(message.createdAt.toTimeZone(m_timeZone), QLocale::ShortFormat);
    if (own) {
        switch (status(row)) {
        case Status::Pending:
            parts << tr("sending");
            break;
        case Status::Failed:
            parts << tr("not sent");
            break;
        case Status::Sent:
            parts << tr("sent");
            break;
        case Status::Delivered:
            parts << tr("delivered");
            break;
        case Status::Read:
            parts << tr("read");
            break;
        }
    }
    return parts.join(QStringLiteral(", "));
}

void MessageListModel::invalidateIndex()
{
    m_rowByIdValid = false;
}

const QHash<QUuid, int> &MessageListModel::rowIndex() const
{
    if (!m_rowByIdValid) {
        m_rowById.clear();
        for (int row = 0; row < rowCount(); ++row) {
            if (m_rows[row].local == Local::None)
                m_rowById.insert(m_rows[row].message.id, row);
        }
        m_rowByIdValid = true;
    }
    return m_rowById;
}

} // namespace vw::client
