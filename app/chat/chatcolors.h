#pragma once

#include <QColor>
#include <QPalette>

// The app's colours on top of the system palette: the brand accent and the urgent red,
// each in a light and a dark variant chosen from the palette, so painted widgets follow the
// system's light or dark theme.
namespace vw::chat::colors {

bool isDark(const QPalette &palette);
// Accent for text, badges and marks.
QColor accent(const QPalette &palette);
// Accent for large fills (own message bubbles): darker on dark palettes, so white text reads.
QColor accentFill(const QPalette &palette);
QColor urgent(const QPalette &palette);
QColor online();
// `a` moved towards `b` by t (0..1).
QColor mix(const QColor &a, const QColor &b, qreal t);
// Whichever of the palette's text and base colours reads better on `background`.
QColor textOn(const QColor &background, const QPalette &palette);

} // namespace vw::chat::colors
