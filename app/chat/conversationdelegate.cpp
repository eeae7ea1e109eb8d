#include "app/chat/conversationdelegate.h"

#include "app/chat/chatcolors.h"

#include "app/client/conversationlistmodel.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QUuid>

namespace vw::chat {

namespace {

using Model = vw::client::ConversationListModel;

constexpr int kRowHeight = 64;
constexpr int kAvatarSize = 44;
constexpr int kMargin = 10;

QColor avatarColor(const QUuid &id)
{
    // Hash the bytes: ids that differ in a few digits still get far-apart hues.
    const int hue = static_cast<int>(qHash(id.toRfc4122(), 0x9e37U) % 360U);
    return QColor::fromHsl(hue, 140, 115);
}

} // namespace

QString ConversationDelegate::shortTime(const QLocale &locale, const QTime &time)
{
    // Some locales' short format still has seconds (C: "HH:mm:ss"); a chat list never needs them.
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss")).remove(QStringLiteral(".ss"));
    return locale.toString(time, format);
}

ConversationDelegate::ConversationDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

QString ConversationDelegate::timeText(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return QString();
    const QDateTime local = time.toLocalTime();
    const QLocale locale;
    if (local.date() == now.toLocalTime().date())
        return shortTime(locale, local.time());
    return locale.toString(local.date(), QLocale::ShortFormat);
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    const QFontMetrics metrics(option.font);
    const int textHeight = 2 * metrics.height() + 3 * 6;
    const int width = option.rect.width() > 0 ? option.rect.width() : 280;
    return QSize(width, qMax(kRowHeight, textHeight));
}

void ConversationDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.isValid())
        return;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // The background (selection, hover, focus) comes from the style; the content is ours.
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setRenderHint(QPainter::TextAntialiasing, true);

    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = (option.state & QStyle::State_Enabled)
        ? ((option.state & QStyle::State_Active) ? QPalette::Active : QPalette::Inactive)
        : QPalette::Disabled;
    const QColor textColor = palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor mutedColor
        = colors::mix(textColor, palette.color(group, selected ? QPalette::Highlight : QPalette::Base), 0.4);
    const QColor accent = selected ? textColor : colors::accent(palette);
    const QColor urgent = colors::urgent(palette);

    const QRect rect = option.rect;
    const QUuid id = index.data(Model::IdRole).toUuid();
    const QString title = index.data(Model::TitleRole).toString();
    const QString initials = index.data(Model::InitialsRole).toString();
    const QString preview = index.data(Model::PreviewRole).toString();
    const QString typing = index.data(Model::TypingTextRole).toString();
    const QDateTime lastActivity = index.data(Model::LastActivityRole).toDateTime();
    const int unread = index.data(Model::UnreadCountRole).toInt();
    const bool urgentUnread = index.data(Model::HasUrgentUnreadRole).toBool();
    const bool online = index.data(Model::OnlineRole).toBool();

    // Avatar.
    const QRectF avatar(
        rect.left() + kMargin, rect.top() + (rect.height() - kAvatarSize) / 2.0, kAvatarSize, kAvatarSize);
    const QColor avatarFill = avatarColor(id);
    painter->setPen(Qt::NoPen);
    painter->setBrush(avatarFill);
    painter->drawEllipse(avatar);
    QFont avatarFont = option.font;
    avatarFont.setBold(true);
    avatarFont.setPixelSize(qMax(10, kAvatarSize * 2 / 5));
    painter->setFont(avatarFont);
    painter->setPen(colors::textOn(avatarFill, palette));
    painter->drawText(avatar, Qt::AlignCenter, initials.isEmpty() ? QStringLiteral("?") : initials);
    if (online) {
        const qreal dot = kAvatarSize / 4.0;
        const QRectF dotRect(avatar.right() - dot, avatar.bottom() - dot, dot, dot);
        painter->setPen(QPen(palette.color(group, selected ? QPalette::Highlight : QPalette::Base), 2.0));
        painter->setBrush(colors::online());
        painter->drawEllipse(dotRect);
    }

    const int textLeft = static_cast<int>(avatar.right()) + kMargin;
    const int textRight = rect.right() - kMargin;
    const QFontMetrics baseMetrics(option.font);
    const int lineGap = 4;
    const int blockHeight = 2 * baseMetrics.height() + lineGap;
    const int top = rect.top() + (rect.height() - blockHeight) / 2;
    const QRect firstLine(textLeft, top, qMax(0, textRight - textLeft), baseMetrics.height());
    const QRect secondLine(
        textLeft, top + baseMetrics.height() + lineGap, firstLine.width(), baseMetrics.height());

    // Time, right of the name.
    QFont smallFont = option.font;
    smallFont.setPointSizeF(option.font.pointSizeF() > 0 ? option.font.pointSizeF() * 0.88 : 8.0);
    const QFontMetrics smallMetrics(smallFont);
    const QString time = timeText(lastActivity, QDateTime::currentDateTime());
    const int timeWidth = time.isEmpty() ? 0 : smallMetrics.horizontalAdvance(time);
    painter->setFont(smallFont);
    painter->setPen(unread > 0 ? accent : mutedColor);
    painter->drawText(firstLine, Qt::AlignRight | Qt::AlignVCenter, time);

    // Name, bold while something is unread.
    QFont nameFont = option.font;
    nameFont.setBold(unread > 0);
    const QFontMetrics nameMetrics(nameFont);
    const int nameWidth = qMax(0, firstLine.width() - timeWidth - (timeWidth > 0 ? 8 : 0));
    painter->setFont(nameFont);
    painter->setPen(textColor);
    painter->drawText(QRect(firstLine.left(), firstLine.top(), nameWidth, firstLine.height()),
        Qt::AlignLeft | Qt::AlignVCenter, nameMetrics.elidedText(title, Qt::ElideRight, nameWidth));

    // Badge and urgent marker, right of the preview.
    int trailing = 0;
    if (unread > 0) {
        const QString count = unread > 999 ? QStringLiteral("999+") : QLocale().toString(unread);
        QFont badgeFont = smallFont;
        badgeFont.setBold(true);
        const QFontMetrics badgeMetrics(badgeFont);
        const int badgeHeight = badgeMetrics.height() + 2;
        const int badgeWidth = qMax(badgeHeight, badgeMetrics.horizontalAdvance(count) + 12);
        const QRectF badge(secondLine.right() - badgeWidth + 1,
            secondLine.center().y() - badgeHeight / 2.0 + 0.5, badgeWidth, badgeHeight);
        const QColor badgeFill = urgentUnread ? urgent : (selected ? textColor : colors::accent(palette));
        painter->setPen(Qt::NoPen);
        painter->setBrush(badgeFill);
        painter->drawRoundedRect(badge, badgeHeight / 2.0, badgeHeight / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(selected && !urgentUnread ? palette.color(group, QPalette::Highlight)
                                                  : colors::textOn(badgeFill, palette));
        painter->drawText(badge, Qt::AlignCenter, count);
        trailing += badgeWidth + 6;
    }
    if (urgentUnread) {
        // A red "!" disc: urgent messages are waiting, even when the badge scrolls away.
        const qreal size = smallMetrics.height();
        const QRectF marker(
            secondLine.right() - trailing - size + 1, secondLine.center().y() - size / 2.0 + 0.5, size, size);
        painter->setPen(Qt::NoPen);
        painter->setBrush(urgent);
        painter->drawEllipse(marker);
        QFont markerFont = smallFont;
        markerFont.setBold(true);
        painter->setFont(markerFont);
        painter->setPen(colors::textOn(urgent, palette));
        painter->drawText(marker, Qt::AlignCenter, QStringLiteral("!"));
        trailing += static_cast<int>(size) + 6;
    }

    // Preview, or who is typing.
    const int previewWidth = qMax(0, secondLine.width() - trailing);
    const QRect previewRect(secondLine.left(), secondLine.top(), previewWidth, secondLine.height());
    QFont previewFont = option.font;
    if (!typing.isEmpty()) {
        previewFont.setItalic(true);
        painter->setFont(previewFont);
        painter->setPen(accent);
        painter->drawText(previewRect, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(previewFont).elidedText(typing, Qt::ElideRight, previewWidth));
    } else {
        const QString oneLine = preview.simplified();
        const QString shown = oneLine.isEmpty() ? tr("No messages yet") : oneLine;
        previewFont.setItalic(oneLine.isEmpty());
        painter->setFont(previewFont);
        painter->setPen(mutedColor);
        painter->drawText(previewRect, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(previewFont).elidedText(shown, Qt::ElideRight, previewWidth));
    }

    painter->restore();
}

} // namespace vw::chat
