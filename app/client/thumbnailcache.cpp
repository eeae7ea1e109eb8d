#include "app/client/thumbnailcache.h"

#include "app/client/apiclient.h"

#include <QLoggingCategory>

namespace vw::client {

namespace {

// Attachment ids and error kinds only: never file names or bytes.
Q_LOGGING_CATEGORY(lcThumbs, "vw.client.thumbnails")

qint64 bytesOf(const QImage &image)
{
    return image.sizeInBytes();
}

} // namespace

ThumbnailCache::ThumbnailCache(ApiClient *api, QObject *parent) : QObject(parent), m_api(api) { }

ThumbnailCache::~ThumbnailCache() = default;

QImage ThumbnailCache::image(const QUuid &attachmentId)
{
    if (attachmentId.isNull())
        return QImage();
    const auto it = m_images.constFind(attachmentId);
    if (it != m_images.cend()) {
        touch(attachmentId);
        return *it;
    }
    if (!m_api || m_inFlight.contains(attachmentId) || m_failed.contains(attachmentId))
        return QImage();
    m_inFlight.insert(attachmentId);
    const quint64 generation = m_generation;
    m_api
        ->downloadThumbnail(attachmentId,
            [this, generation, attachmentId](const Result<FileContent, ApiError> &result) {
                if (generation != m_generation)
                    return;
                m_inFlight.remove(attachmentId);
                if (!result) {
                    qCInfo(lcThumbs) << "thumbnail failed:" << attachmentId << result.error().kind;
                    m_failed.insert(attachmentId);
                    return;
                }
                QImage decoded;
                if (!decoded.loadFromData(result.value().data)) {
                    qCInfo(lcThumbs) << "thumbnail unreadable:" << attachmentId;
                    m_failed.insert(attachmentId);
                    return;
                }
                insert(attachmentId, decoded);
            })
        ->bindTo(this);
    return QImage();
}

QImage ThumbnailCache::cached(const QUuid &attachmentId) const
{
    return m_images.value(attachmentId);
}

void ThumbnailCache::insert(const QUuid &attachmentId, const QImage &image)
{
    if (attachmentId.isNull() || image.isNull())
        return;
    if (const auto it = m_images.constFind(attachmentId); it != m_images.cend()) {
        m_usedBytes -= bytesOf(*it);
        m_order.removeOne(attachmentId);
    }
    m_failed.remove(attachmentId);
    m_images.insert(attachmentId, image);
    m_order.append(attachmentId);
    m_usedBytes += bytesOf(image);
    evict();
    // An image larger than the whole budget is evicted at once: nothing to announce.
    if (m_images.contains(attachmentId))
        emit thumbnailReady(attachmentId);
}

void ThumbnailCache::clear()
{
    ++m_generation;
    m_images.clear();
    m_order.clear();
    m_inFlight.clear();
    m_failed.clear();
    m_usedBytes = 0;
}

void ThumbnailCache::setMaxBytes(qint64 maxBytes)
{
    m_maxBytes = qMax<qint64>(0, maxBytes);
    evict();
}

void ThumbnailCache::touch(const QUuid &attachmentId)
{
    if (!m_order.isEmpty() && m_order.constLast() == attachmentId)
        return;
    m_order.removeOne(attachmentId);
    m_order.append(attachmentId);
}

void ThumbnailCache::evict()
{
    while (m_usedBytes > m_maxBytes && !m_order.isEmpty()) {
        const QUuid oldest = m_order.takeFirst();
        m_usedBytes -= bytesOf(m_images.take(oldest));
    }
}

} // namespace vw::client
