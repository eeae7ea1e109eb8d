#include "app/chat/chatcolors.h"

namespace vw::chat::colors {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor accent(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x4f, 0xc3, 0xcc) : QColor(0x0b, 0x7a, 0x85);
}

QColor accentFill(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x1f, 0x8f, 0x99) : QColor(0x0b, 0x7a, 0x85);
}

QColor urgent(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd3, 0x2f, 0x2f);
}

QColor online()
{
    return QColor(0x2e, 0xb8, 0x5c);
}

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
        static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
        static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QColor textOn(const QColor &background, const QPalette &palette)
{
    const QColor light = isDark(palette) ? palette.color(QPalette::Text) : palette.color(QPalette::Base);
    const QColor dark = isDark(palette) ? palette.color(QPalette::Base) : palette.color(QPalette::Text);
    const qreal luminance
        = 0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF();
    return luminance > 0.6 ? dark : light;
}

} // namespace vw::chat::colors
