#pragma once

#include <QDate>
#include <QStyledItemDelegate>

namespace vw::chat {

struct MessageGeometry;

// Paints a MessageListModel row as a chat bubble: own messages on the right in the accent
// colour, others on the left, with the day separator, unread marker, sender name, reply
// quote, attachment chips, urgent edge and the time with delivery ticks. Heights follow the
// view's width, so long text wraps instead of widening the row.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit MessageDelegate(QObject *parent = nullptr);
    ~MessageDelegate() override;

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "Today", "Yesterday" or the locale's long date, for the separator above a new day.
    static QString dayText(const QDate &day, const QDate &today);

private:
    MessageGeometry layout(const QStyleOptionViewItem &option, const QModelIndex &index, int width) const;
};

} // namespace vw::chat
