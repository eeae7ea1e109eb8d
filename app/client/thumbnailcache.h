#pragma once

#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QSet>
#include <QUuid>

namespace vw::client {

class ApiClient;

// Decoded attachment thumbnails by attachment id, in memory only (they are health
// information: never written to disk), bounded by their pixel bytes, least recently used
// first out. A miss starts one download; thumbnailReady() says when to repaint.
class ThumbnailCache : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultMaxBytes = 64LL * 1024 * 1024;

    explicit ThumbnailCache(ApiClient *api, QObject *parent = nullptr);
    ~ThumbnailCache() override;

    // The cached thumbnail, or a null image while (or after failing) to fetch it. A miss
    // starts one download per id; an id whose download failed is not asked for again until clear().
    QImage image(const QUuid &attachmentId);
    // Only what is cached; never starts a download.
    QImage cached(const QUuid &attachmentId) const;
    bool contains(const QUuid &attachmentId) const { return m_images.contains(attachmentId); }
    // Puts an image in (one already decoded, e.g. a file being sent).
    void insert(const QUuid &attachmentId, const QImage &image);
    // Forgets every image and abandons the downloads in flight (at sign-out).
    void clear();

    void setMaxBytes(qint64 maxBytes);
    qint64 maxBytes() const { return m_maxBytes; }
    qint64 usedBytes() const { return m_usedBytes; }

signals:
    void thumbnailReady(const QUuid &attachmentId);

private:
    void touch(const QUuid &attachmentId);
    void evict();

    ApiClient *m_api;
    QHash<QUuid, QImage> m_images;
    // Least recently used first.
    QList<QUuid> m_order;
    QSet<QUuid> m_inFlight;
    QSet<QUuid> m_failed;
    qint64 m_usedBytes = 0;
    qint64 m_maxBytes = kDefaultMaxBytes;
    // Bumped by clear(): answers to downloads started before are dropped.
    quint64 m_generation = 0;
};

} // namespace vw::client
