#include "app/chat/messagedelegate.h"

#include "app/chat/chatcolors.h"

#include "app/chat/conversationdelegate.h"
#include "app/client/messagelistmodel.h"
#include "app/client/thumbnailcache.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QImage>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <QTimeZone>

#include <memory>
#include <vector>

namespace vw::chat {

namespace {

using Model = vw::client::MessageListModel;

constexpr int kSideMargin = 12;
constexpr int kPadH = 10;
constexpr int kPadV = 6;
constexpr int kRadius = 12;
constexpr int kSpacing = 4;
constexpr int kMinBubbleContent = 48;
constexpr int kMaxBubbleWidth = 640;
constexpr int kChipWidth = 280;

QColor senderColor(const QUuid &id, const QPalette &palette)
{
    const int hue = static_cast<int>(qHash(id.toRfc4122(), 0x9e37U) % 360U);
    return QColor::fromHsl(hue, 150, colors::isDark(palette) ? 170 : 95);
}

QFont smallFont(const QFont &font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.86);
    else
        small.setPixelSize(qMax(8, font.pixelSize() * 86 / 100));
    return small;
}

// A wrapped paragraph; QTextLayout gives the same lines to sizeHint() and paint().
struct TextBlock
{
    std::unique_ptr<QTextLayout> layout;
    QSize size;
};

TextBlock layoutText(const QString &text, const QFont &font, int maxWidth)
{
    TextBlock block;
    QString laidOut = text;
    laidOut.replace(QLatin1Char('\n'), QChar::LineSeparator);
    block.layout = std::make_unique<QTextLayout>(laidOut, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setTextDirection(text.isRightToLeft() ? Qt::RightToLeft : Qt::LeftToRight);
    block.layout->setTextOption(option);
    const qreal leading = QFontMetricsF(font).leading();
    qreal height = 0;
    qreal width = 0;
    block.layout->beginLayout();
    for (QTextLine line = block.layout->createLine(); line.isValid(); line = block.layout->createLine()) {
        line.setLineWidth(maxWidth);
        height += leading > 0 ? leading : 0;
        line.setPosition(QPointF(0, height));
        height += line.height();
        width = qMax(width, line.naturalTextWidth());
    }
    block.layout->endLayout();
    block.size = QSize(qCeil(width), qCeil(height));
    return block;
}

QString scanText(const QString &wire)
{
    if (wire == QLatin1String("clean"))
        return MessageDelegate::tr("Virus-scanned");
    if (wire == QLatin1String("skipped"))
        return MessageDelegate::tr("Not scanned");
    return wire;
}

void drawCheck(QPainter *painter, const QPointF &origin, qreal size)
{
    QPainterPath path;
    path.moveTo(origin + QPointF(0, size * 0.55));
    path.lineTo(origin + QPointF(size * 0.35, size * 0.85));
    path.lineTo(origin + QPointF(size, size * 0.2));
    painter->drawPath(path);
}

// The delivery state of an own message, drawn rather than typed so it needs no emoji font.
qreal drawStatus(QPainter *painter, const QRectF &area, Model::Status status, const QColor &color,
    const QColor &readColor, const QColor &failedColor)
{
    const qreal size = area.height() * 0.75;
    const QPointF origin(area.left(), area.center().y() - size / 2);
    painter->save();
    painter->setBrush(Qt::NoBrush);
    QPen pen(color, qMax(1.2, size / 9), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    qreal used = size;
    switch (status) {
    case Model::Status::Pending: {
        painter->setPen(pen);
        const QRectF circle(origin, QSizeF(size, size));
        painter->drawEllipse(circle.adjusted(0.5, 0.5, -0.5, -0.5));
        const QPointF c = circle.center();
        painter->drawLine(c, c - QPointF(0, size * 0.3));
        painter->drawLine(c, c + QPointF(size * 0.22, 0));
        break;
    }
    case Model::Status::Sent:
        painter->setPen(pen);
        drawCheck(painter, origin, size);
        break;
    case Model::Status::Delivered:
    case Model::Status::Read:
        pen.setColor(status == Model::Status::Read ? readColor : color);
        painter->setPen(pen);
        drawCheck(painter, origin, size);
        drawCheck(painter, origin + QPointF(size * 0.45, 0), size);
        used = size * 1.45;
        break;
    case Model::Status::Failed: {
        painter->setPen(Qt::NoPen);
        painter->setBrush(failedColor);
        QPainterPath triangle;
        triangle.moveTo(origin + QPointF(size / 2, 0));
        triangle.lineTo(origin + QPointF(size, size));
        triangle.lineTo(origin + QPointF(0, size));
        triangle.closeSubpath();
        painter->drawPath(triangle);
        painter->setPen(
            QPen(colors::textOn(failedColor, QPalette()), qMax(1.2, size / 8), Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(origin + QPointF(size / 2, size * 0.35), origin + QPointF(size / 2, size * 0.68));
        painter->drawPoint(origin + QPointF(size / 2, size * 0.84));
        break;
    }
    }
    painter->restore();
    return used;
}

// The quoted message may not be loaded: then a neutral stand-in rather than an empty box.
QString quoteName(const QModelIndex &index)
{
    const QString name = index.data(Model::ReplySenderNameRole).toString();
    return name.isEmpty() ? MessageDelegate::tr("Reply") : name;
}

QString quotePreview(const QModelIndex &index)
{
    const QString preview = index.data(Model::ReplyPreviewRole).toString();
    return preview.isEmpty() ? MessageDelegate::tr("Earlier message") : preview;
}

struct Chip
{
    QRect rect;
    QUuid id;
    QString name;
    QString details;
    // Not null: drawn as this picture (scaled into rect) instead of a chip.
    QImage thumbnail;
};

bool isImageType(const QString &mimeType)
{
    return mimeType.startsWith(QLatin1String("image/"));
}

// The thumbnail's size within maxWidth × maxHeight, keeping its aspect; never enlarged.
QSize thumbnailSize(const QSize &image, int maxWidth, int maxHeight)
{
    if (image.isEmpty())
        return QSize();
    QSize size = image;
    if (size.width() > maxWidth || size.height() > maxHeight)
        size = size.scaled(maxWidth, maxHeight, Qt::KeepAspectRatio);
    return size.expandedTo(QSize(1, 1));
}

} // namespace

// Where everything of one row goes, in the row's coordinates (top-left 0,0).
struct MessageGeometry
{
    int height = 0;
    QRect unreadMarker;
    QRect daySeparator;
    QString dayText;
    bool system = false;
    bool own = false;
    QRect bubble;
    QRect senderName;
    QRect urgentLabel;
    QRect quote;
    QPoint textOrigin;
    TextBlock text;
    std::vector<Chip> chips;
    QRect meta;
    QFont textFont;
};

MessageDelegate::MessageDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

MessageDelegate::~MessageDelegate() = default;

void MessageDelegate::setThumbnailCache(client::ThumbnailCache *cache)
{
    if (m_thumbnails == cache)
        return;
    if (m_thumbnails)
        m_thumbnails->disconnect(this);
    m_thumbnails = cache;
    m_waiting.clear();
    if (cache)
        connect(cache, &client::ThumbnailCache::thumbnailReady, this, &MessageDelegate::onThumbnailReady);
}

void MessageDelegate::onThumbnailReady(const QUuid &attachmentId)
{
    // The row grows from a chip to the picture: the view lays it out again and repaints it.
    const QList<QPersistentModelIndex> rows = m_waiting.take(attachmentId);
    for (const QPersistentModelIndex &row : rows) {
        if (row.isValid())
            emit sizeHintChanged(row);
    }
}

QString MessageDelegate::dayText(const QDate &day, const QDate &today)
{
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

MessageGeometry MessageDelegate::layout(
    const QStyleOptionViewItem &option, const QModelIndex &index, int width) const
{
    MessageGeometry g;
    const QFont font = option.font;
    const QFont small = smallFont(font);
    const QFontMetrics metrics(font);
    const QFontMetrics smallMetrics(small);
    int y = 0;

    if (index.data(Model::IsFirstUnreadRole).toBool()) {
        g.unreadMarker = QRect(0, y + kSpacing, width, smallMetrics.height() + 8);
        y = g.unreadMarker.bottom() + 1 + kSpacing;
    }
    if (index.data(Model::DayStartRole).toBool()) {
        QDateTime created = index.data(Model::CreatedAtRole).toDateTime();
        QDate today = QDate::currentDate();
        if (const auto *model = qobject_cast<const Model *>(index.model())) {
            created = created.toTimeZone(model->timeZone());
            today = QDateTime::currentDateTime().toTimeZone(model->timeZone()).date();
        } else {
            created = created.toLocalTime();
        }
        g.dayText = dayText(created.date(), today);
        g.daySeparator = QRect(0, y + kSpacing * 2, width, smallMetrics.height() + 8);
        y = g.daySeparator.bottom() + 1 + kSpacing * 2;
    }

    g.system = index.data(Model::IsSystemRole).toBool();
    g.own = index.data(Model::IsOwnRole).toBool() && !g.system;
    const bool deleted = index.data(Model::IsDeletedRole).toBool();
    g.textFont = font;
    if (g.system) {
        g.textFont = small;
        const int maxWidth = qMax(kMinBubbleContent, width * 4 / 5 - 2 * kPadH);
        g.text = layoutText(index.data(Model::ContentRole).toString(), small, maxWidth);
        const int bubbleWidth = g.text.size.width() + 2 * kPadH;
        g.bubble
            = QRect((width - bubbleWidth) / 2, y + kSpacing, bubbleWidth, g.text.size.height() + 2 * kPadV);
        g.textOrigin = g.bubble.topLeft() + QPoint(kPadH, kPadV);
        g.height = g.bubble.bottom() + 1 + kSpacing;
        return g;
    }

    y += index.data(Model::GroupStartRole).toBool() ? 2 * kSpacing : kSpacing / 2;
    const int bubbleMax
        = qMax(kMinBubbleContent + 2 * kPadH, qMin(kMaxBubbleWidth, (width - 2 * kSideMargin) * 3 / 4));
    const int contentMax = bubbleMax - 2 * kPadH;
    int contentWidth = kMinBubbleContent;
    int cy = kPadV; // relative to the bubble's top

    const QString sender = index.data(Model::SenderNameRole).toString();
    if (!g.own && index.data(Model::GroupStartRole).toBool() && !sender.isEmpty()) {
        QFont nameFont = small;
        nameFont.setBold(true);
        const QFontMetrics nameMetrics(nameFont);
        g.senderName
            = QRect(kPadH, cy, qMin(contentMax, nameMetrics.horizontalAdvance(sender)), nameMetrics.height());
        contentWidth = qMax(contentWidth, g.senderName.width());
        cy += nameMetrics.height() + 2;
    }
    if (index.data(Model::IsUrgentRole).toBool()) {
        QFont labelFont = small;
        labelFont.setBold(true);
        const int labelWidth = QFontMetrics(labelFont).horizontalAdvance(tr("Urgent")) + 12;
        g.urgentLabel = QRect(kPadH, cy, labelWidth, smallMetrics.height() + 2);
        contentWidth = qMax(contentWidth, labelWidth);
        cy += g.urgentLabel.height() + kSpacing;
    }
    if (!deleted && !index.data(Model::ReplyToIdRole).toUuid().isNull()) {
        const QString replyName = quoteName(index);
        const QString replyText = quotePreview(index);
        QFont boldSmall = small;
        boldSmall.setBold(true);
        const int natural = qMax(QFontMetrics(boldSmall).horizontalAdvance(replyName),
                                smallMetrics.horizontalAdvance(replyText))
            + 14;
        g.quote = QRect(kPadH, cy, qMin(contentMax, natural), 2 * smallMetrics.height() + 8);
        contentWidth = qMax(contentWidth, g.quote.width());
        cy += g.quote.height() + kSpacing;
    }

    QString text = index.data(Model::ContentRole).toString();
    if (deleted) {
        g.textFont.setItalic(true);
        text = tr("This message was deleted");
    }
    if (!text.isEmpty()) {
        g.text = layoutText(text, g.textFont, contentMax);
        g.textOrigin = QPoint(kPadH, cy);
        contentWidth = qMax(contentWidth, g.text.size.width());
        cy += g.text.size.height();
    }

    if (!deleted) {
        const QVariantList attachments = index.data(Model::AttachmentsRole).toList();
        const int chipHeight = 2 * smallMetrics.height() + 10;
        for (const QVariant &value : attachments) {
            const QVariantMap attachment = value.toMap();
            Chip chip;
            chip.id = attachment.value(QStringLiteral("id")).toUuid();
            chip.name = attachment.value(QStringLiteral("fileName")).toString();
            chip.details = tr("%1 · %2").arg(
                QLocale().formattedDataSize(attachment.value(QStringLiteral("size")).toLongLong()),
                scanText(attachment.value(QStringLiteral("scanStatus")).toString()));
            cy += kSpacing;
            if (m_thumbnails && !chip.id.isNull()
                && isImageType(attachment.value(QStringLiteral("mimeType")).toString())) {
                chip.thumbnail = m_thumbnails->image(chip.id); // a miss starts the download
                if (chip.thumbnail.isNull()) {
                    QList<QPersistentModelIndex> &rows = m_waiting[chip.id];
                    if (!rows.contains(index))
                        rows.append(QPersistentModelIndex(index));
                }
            }
            if (!chip.thumbnail.isNull()) {
                const QSize size = thumbnailSize(
                    chip.thumbnail.size(), qMin(contentMax, kMaxThumbnailWidth), kMaxThumbnailHeight);
                chip.rect = QRect(QPoint(kPadH, cy), size);
                contentWidth = qMax(contentWidth, size.width());
                cy += size.height();
            } else {
                const int chipWidth = qMin(contentMax, kChipWidth);
                chip.rect = QRect(kPadH, cy, chipWidth, chipHeight);
                contentWidth = qMax(contentWidth, chipWidth);
                cy += chipHeight;
            }
            g.chips.push_back(chip);
        }
    }
    cy += kPadV;

    const int bubbleWidth = qMin(bubbleMax, contentWidth + 2 * kPadH);
    const int bubbleX = g.own ? width - kSideMargin - bubbleWidth : kSideMargin;
    g.bubble = QRect(bubbleX, y, bubbleWidth, cy);
    const QPoint offset = g.bubble.topLeft();
    g.senderName.translate(offset);
    g.urgentLabel.translate(offset);
    g.quote.translate(offset);
    g.textOrigin += offset;
    for (Chip &chip : g.chips)
        chip.rect.translate(offset);
    g.meta = QRect(bubbleX, g.bubble.bottom() + 2, bubbleWidth, smallMetrics.height());
    g.height = g.meta.bottom() + 1 + kSpacing / 2;
    return g;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    int width = option.rect.width();
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        width = view->viewport()->width();
    if (width <= 0)
        width = 480;
    return QSize(width, layout(option, index, width).height);
}

QList<QPair<QUuid, QRect>> MessageDelegate::attachmentRects(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QList<QPair<QUuid, QRect>> rects;
    if (!index.isValid())
        return rects;
    const MessageGeometry g = layout(option, index, option.rect.width());
    for (const Chip &chip : g.chips)
        rects.append({chip.id, chip.rect.translated(option.rect.topLeft())});
    return rects;
}

bool MessageDelegate::editorEvent(
    QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const bool press = event->type() == QEvent::MouseButtonPress;
    const bool release = event->type() == QEvent::MouseButtonRelease;
    if ((press || release) && index.isValid()) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton) {
            const QPoint position = mouse->position().toPoint();
            for (const auto &[attachmentId, rect] : attachmentRects(option, index)) {
                if (attachmentId.isNull() || !rect.contains(position))
                    continue;
                // The press is taken too, so a click on a file does not also select the row.
                if (release)
                    emit attachmentActivated(attachmentId);
                return true;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

void MessageDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.isValid())
        return;
    const QWidget *widget = option.widget;
    if (option.state & QStyle::State_Selected) {
        QStyleOptionViewItem background = option;
        background.text.clear();
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget);
    }
    const MessageGeometry g = layout(option, index, option.rect.width());
    const QPalette &palette = option.palette;
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const QColor muted = colors::mix(text, base, 0.45);
    const QColor accent = colors::accentFill(palette);
    const QColor urgent = colors::urgent(palette);
    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);

    painter->save();
    painter->translate(option.rect.topLeft());
    painter->setClipRect(QRect(QPoint(0, 0), option.rect.size()));
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setRenderHint(QPainter::TextAntialiasing, true);

    if (!g.unreadMarker.isNull()) {
        painter->fillRect(g.unreadMarker, colors::mix(base, accent, 0.14));
        painter->setFont(small);
        painter->setPen(colors::isDark(palette) ? colors::mix(accent, text, 0.5) : accent);
        painter->drawText(g.unreadMarker, Qt::AlignCenter, tr("Unread messages"));
    }
    if (!g.daySeparator.isNull()) {
        QFont dayFont = small;
        dayFont.setBold(true);
        const int pillWidth = QFontMetrics(dayFont).horizontalAdvance(g.dayText) + 20;
        const QRect pill((g.daySeparator.width() - pillWidth) / 2, g.daySeparator.top(), pillWidth,
            g.daySeparator.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(colors::mix(base, text, 0.08));
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setFont(dayFont);
        painter->setPen(colors::mix(text, base, 0.3));
        painter->drawText(pill, Qt::AlignCenter, g.dayText);
    }

    if (g.system) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(colors::mix(base, text, 0.05));
        painter->drawRoundedRect(g.bubble, kRadius, kRadius);
        painter->setPen(muted);
        if (g.text.layout)
            g.text.layout->draw(painter,
                g.textOrigin + QPointF((g.bubble.width() - 2 * kPadH - g.text.size.width()) / 2.0, 0));
        painter->restore();
        return;
    }

    const bool isUrgent = index.data(Model::IsUrgentRole).toBool();
    const QColor fill = g.own ? accent : colors::mix(base, text, colors::isDark(palette) ? 0.14 : 0.07);
    const QColor onFill = g.own ? colors::textOn(fill, palette) : text;
    const QColor onFillMuted = colors::mix(onFill, fill, 0.35);

    QPainterPath bubblePath;
    bubblePath.addRoundedRect(QRectF(g.bubble), kRadius, kRadius);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawPath(bubblePath);
    if (isUrgent) {
        // A red edge on the bubble's outer side and a thin outline: visible at a glance.
        painter->save();
        painter->setClipPath(bubblePath);
        const int edge = 4;
        const QRect strip = g.own
            ? QRect(g.bubble.right() - edge + 1, g.bubble.top(), edge, g.bubble.height())
            : QRect(g.bubble.left(), g.bubble.top(), edge, g.bubble.height());
        painter->fillRect(strip, urgent);
        painter->restore();
        painter->setPen(QPen(urgent, 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(bubblePath);
    }
    if (option.state & QStyle::State_HasFocus) {
        QPen focus(palette.color(QPalette::Highlight), 2, Qt::DashLine);
        painter->setPen(focus);
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(g.bubble).adjusted(-2, -2, 2, 2), kRadius + 2, kRadius + 2);
    }

    if (!g.senderName.isNull()) {
        QFont nameFont = small;
        nameFont.setBold(true);
        painter->setFont(nameFont);
        painter->setPen(senderColor(index.data(Model::SenderIdRole).toUuid(), palette));
        painter->drawText(g.senderName, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(nameFont).elidedText(
                index.data(Model::SenderNameRole).toString(), Qt::ElideRight, g.senderName.width()));
    }
    if (!g.urgentLabel.isNull()) {
        QFont labelFont = small;
        labelFont.setBold(true);
        painter->setPen(Qt::NoPen);
        painter->setBrush(urgent);
        painter->drawRoundedRect(g.urgentLabel, 4, 4);
        painter->setFont(labelFont);
        painter->setPen(colors::textOn(urgent, palette));
        painter->drawText(g.urgentLabel, Qt::AlignCenter, tr("Urgent"));
    }
    if (!g.quote.isNull()) {
        const QString name = quoteName(index);
        const QString preview = quotePreview(index);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colors::mix(fill, onFill, 0.1));
        painter->drawRoundedRect(g.quote, 4, 4);
        painter->fillRect(QRect(g.quote.left(), g.quote.top(), 3, g.quote.height()), g.own ? onFill : accent);
        const QRect inner = g.quote.adjusted(9, 4, -4, -4);
        QFont boldSmall = small;
        boldSmall.setBold(true);
        painter->setFont(boldSmall);
        painter->setPen(g.own ? onFill : accent);
        painter->drawText(QRect(inner.left(), inner.top(), inner.width(), smallMetrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(boldSmall).elidedText(name, Qt::ElideRight, inner.width()));
        painter->setFont(small);
        painter->setPen(onFillMuted);
        painter->drawText(
            QRect(inner.left(), inner.top() + smallMetrics.height(), inner.width(), smallMetrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            smallMetrics.elidedText(preview, Qt::ElideRight, inner.width()));
    }
    if (g.text.layout) {
        painter->setPen(index.data(Model::IsDeletedRole).toBool() ? onFillMuted : onFill);
        g.text.layout->draw(painter, g.textOrigin);
    }
    for (const Chip &chip : g.chips) {
        if (!chip.thumbnail.isNull()) {
            QPainterPath corners;
            corners.addRoundedRect(QRectF(chip.rect), 6, 6);
            painter->save();
            painter->setClipPath(corners, Qt::IntersectClip);
            painter->setRenderHint(QPainter::SmoothPixmapTransform, true);
            painter->drawImage(chip.rect, chip.thumbnail);
            painter->restore();
            continue;
        }
        painter->setPen(QPen(colors::mix(fill, onFill, 0.25), 1));
        painter->setBrush(colors::mix(fill, onFill, 0.08));
        painter->drawRoundedRect(QRectF(chip.rect).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
        // A document glyph, then the name over size and scan state.
        const int glyph = chip.rect.height() - 12;
        const QRectF page(chip.rect.left() + 6, chip.rect.top() + 6, glyph * 0.78, glyph);
        painter->setPen(QPen(g.own ? onFill : accent, 1.4));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(page, 2, 2);
        painter->drawLine(
            page.topLeft() + QPointF(3, glyph * 0.4), page.topRight() + QPointF(-3, glyph * 0.4));
        painter->drawLine(
            page.topLeft() + QPointF(3, glyph * 0.62), page.topRight() + QPointF(-3, glyph * 0.62));
        const int textLeft = qRound(page.right()) + 8;
        const int textWidth = qMax(0, chip.rect.right() - 6 - textLeft);
        QFont nameFont = small;
        nameFont.setBold(true);
        painter->setFont(nameFont);
        painter->setPen(onFill);
        painter->drawText(QRect(textLeft, chip.rect.top() + 5, textWidth, smallMetrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(nameFont).elidedText(chip.name, Qt::ElideMiddle, textWidth));
        painter->setFont(small);
        painter->setPen(onFillMuted);
        painter->drawText(
            QRect(textLeft, chip.rect.top() + 5 + smallMetrics.height(), textWidth, smallMetrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            smallMetrics.elidedText(chip.details, Qt::ElideRight, textWidth));
    }

    // Time, and for own messages the delivery state, under the bubble.
    QDateTime created = index.data(Model::CreatedAtRole).toDateTime();
    if (const auto *model = qobject_cast<const Model *>(index.model()))
        created = created.toTimeZone(model->timeZone());
    else
        created = created.toLocalTime();
    QString meta = ConversationDelegate::shortTime(QLocale(), created.time());
    const auto status = index.data(Model::StatusRole).value<Model::Status>();
    const bool failed = g.own && status == Model::Status::Failed;
    if (failed)
        meta = tr("Not sent · %1").arg(meta);
    painter->setFont(small);
    const int metaWidth = smallMetrics.horizontalAdvance(meta);
    const int tickWidth = g.own ? qRound(smallMetrics.height() * 1.2) : 0;
    int x = g.own ? g.meta.right() - tickWidth - metaWidth - 4 : g.meta.left() + 2;
    painter->setPen(failed ? urgent : muted);
    painter->drawText(
        QRect(x, g.meta.top(), metaWidth, g.meta.height()), Qt::AlignLeft | Qt::AlignVCenter, meta);
    if (g.own) {
        x += metaWidth + 4;
        drawStatus(painter, QRectF(x, g.meta.top(), tickWidth, g.meta.height()), status, muted,
            colors::isDark(palette) ? colors::mix(accent, text, 0.4) : accent, urgent);
    }
    painter->restore();
}

} // namespace vw::chat
