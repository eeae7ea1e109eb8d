#pragma once

#include <QLocale>
#include <QStyledItemDelegate>
#include <QTime>

namespace vw::chat {

// Paints a ConversationListModel row as a sidebar entry: initials avatar with a presence
// dot, name, last-message preview (or who is typing), time, unread badge, urgent marker.
class ConversationDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ConversationDelegate(QObject *parent = nullptr);

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "14:05" for today, else the locale's short date.
    static QString timeText(const QDateTime &time, const QDateTime &now);
    // The locale's short time without seconds: "14:05", "2:05 PM".
    static QString shortTime(const QLocale &locale, const QTime &time);
};

} // namespace vw::chat
