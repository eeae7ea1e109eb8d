#include "server/attachments/thumbnailer.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>

namespace vw::server::attachments {

Thumbnail Thumbnailer::thumbnailOf(const QByteArray &image)
{
    QByteArray input = image; // shared, not copied
    QBuffer in(&input);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QImageReader reader(&in);
    reader.setAutoTransform(true); // camera photos carry their rotation in EXIF
    const QSize size = reader.size();
    if (!size.isValid() || qint64(size.width()) * size.height() > kMaxPixels)
        return {};
    if (size.width() > kMaxEdge || size.height() > kMaxEdge)
        reader.setScaledSize(size.scaled(kMaxEdge, kMaxEdge, Qt::KeepAspectRatio));
    QImage decoded = reader.read();
    if (decoded.isNull())
        return {};
    if (decoded.width() > kMaxEdge || decoded.height() > kMaxEdge) // formats that ignore setScaledSize
        decoded = decoded.scaled(kMaxEdge, kMaxEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);

    Thumbnail thumbnail;
    QBuffer out(&thumbnail.data);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    const bool transparent = decoded.hasAlphaChannel();
    QImageWriter writer(&out, transparent ? QByteArrayLiteral("png") : QByteArrayLiteral("jpeg"));
    if (!transparent)
        writer.setQuality(80);
    if (!writer.write(decoded))
        return {};
    thumbnail.mimeType = transparent ? QByteArrayLiteral("image/png") : QByteArrayLiteral("image/jpeg");
    return thumbnail;
}

} // namespace vw::server::attachments
