#pragma once

#include "app/client/thumbnailcache.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QUuid>

namespace vw::chat {

struct MessageGeometry;

// Paints a MessageListModel row as a chat bubble: own messages on the right in the accent
// colour, others on the left, with the day separator, unread marker, sender name, reply
// quote, attachment chips (inline thumbnails for images once cached), urgent edge and the time with delivery
// ticks. Heights follow the view's width, so long text wraps instead of widening the row.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit MessageDelegate(QObject *parent = nullptr);
    ~MessageDelegate() override;

    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // A left click on an attachment chip or thumbnail emits attachmentActivated().
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

    // Where image thumbnails come from; without one (or until one is cached) images are chips.
    void setThumbnailCache(client::ThumbnailCache *cache);
    client::ThumbnailCache *thumbnailCache() const { return m_thumbnails; }
    // The widest an inline thumbnail is drawn; narrower bubbles shrink it, keeping its aspect.
    static constexpr int kMaxThumbnailWidth = 240;
    static constexpr int kMaxThumbnailHeight = 320;

    // Where the attachments of `index` are drawn, in the view's coordinates for `option.rect`
    // (attachment id and rect, in row order), for hit tests and tests.
    QList<QPair<QUuid, QRect>> attachmentRects(
        const QStyleOptionViewItem &option, const QModelIndex &index) const;

    // "Today", "Yesterday" or the locale's long date, for the separator above a new day.
    static QString dayText(const QDate &day, const QDate &today);

signals:
    void attachmentActivated(const QUuid &attachmentId);

private:
    MessageGeometry layout(const QStyleOptionViewItem &option, const QModelIndex &index, int width) const;
    void onThumbnailReady(const QUuid &attachmentId);

    QPointer<client::ThumbnailCache> m_thumbnails;
    // Rows laid out while their thumbnail was missing: they grow when it arrives.
    mutable QHash<QUuid, QList<QPersistentModelIndex>> m_waiting;
};

} // namespace vw::chat
