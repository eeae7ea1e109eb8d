#pragma once

#include <QByteArray>

namespace vw::server::attachments {

// A thumbnail of what the desktop app shows inline for an image attachment.
struct Thumbnail
{
    QByteArray data; // empty: none could be made
    QByteArray mimeType; // image/jpeg, or image/png when the image has transparency
};

// Makes small previews of uploaded images with QImageReader. Hostile images are the norm
// here: the declared size is checked before anything is decoded (decompression bombs), and
// large JPEGs are decoded already scaled down.
class Thumbnailer
{
public:
    static constexpr int kMaxEdge = 320;
    // Larger images are not previewed (the file itself is still stored).
    static constexpr qint64 kMaxPixels = 60LL * 1000 * 1000;

    static Thumbnail thumbnailOf(const QByteArray &image);
};

} // namespace vw::server::attachments
