#include "app/client/chatsession.h"
#include "app/client/messagelistmodel.h"
#include "app/client/thumbnailcache.h"
#include "tests/app/support/chatsessionfixture.h"
#include "tests/support/sampledocuments.h"

#include <QFile>
#include <QImage>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace vw;
using namespace vw::test;
using vw::client::ChatSession;
using vw::client::MessageListModel;
using vw::client::ThumbnailCache;

namespace {

constexpr int kTimeoutMs = 15000;

QVariantList attachmentsAt(const MessageListModel &model, int row)
{
    return model.data(model.index(row), MessageListModel::AttachmentsRole).toList();
}

// The attachment map named `fileName` in a row's attachments; empty when there is none.
QVariantMap attachmentNamed(const QVariantList &attachments, const QString &fileName)
{
    for (const QVariant &value : attachments) {
        const QVariantMap map = value.toMap();
        if (map.value(QStringLiteral("fileName")).toString() == fileName)
            return map;
    }
    return {};
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A GET without any bearer; the body, or a null array when the status is not 200.
QByteArray fetchWithoutBearer(const QUrl &url)
{
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kTimeoutMs))
        return {};
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return {};
    return reply->readAll();
}

} // namespace

class TestChatSessionAttachments : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void filesArriveWithThumbnailAndSignedLink();
    void oversizedFileIsRefusedBeforeUpload();
    void pastedImageIsSentAsPng();
    void offlineSendIsRefused();
    void thumbnailCacheEvictsLeastRecentlyUsed();

private:
    std::unique_ptr<ChatSessionFixture> m_fixture;
};

void TestChatSessionAttachments::init()
{
    m_fixture = std::make_unique<ChatSessionFixture>();
    QVERIFY2(m_fixture->start(), qPrintable(m_fixture->errorString()));
}

void TestChatSessionAttachments::cleanup()
{
    m_fixture.reset();
}

void TestChatSessionAttachments::filesArriveWithThumbnailAndSignedLink()
{
    QImage picture(400, 300, QImage::Format_RGB32);
    picture.fill(QColor(0x20, 0x80, 0xc0));
    const QString pngPath = m_fixture->filePath(QStringLiteral("knee.png"));
    QVERIFY(picture.save(pngPath, "PNG"));
    const QString pdfPath = m_fixture->filePath(QStringLiteral("report.pdf"));
    const QByteArray pdf = samples::pdf();
    QVERIFY(writeFile(pdfPath, pdf));
    QFile pngFile(pngPath);
    QVERIFY(pngFile.open(QIODevice::ReadOnly));
    const QByteArray png = pngFile.readAll();

    auto provider = m_fixture->makeSession();
    auto patient = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    QVERIFY(m_fixture->signIn(*patient, m_fixture->patient()));
    patient->openConversation(m_fixture->conversationId());
    provider->openConversation(m_fixture->conversationId());

    QSignalSpy queued(provider.get(), &ChatSession::attachmentsQueued);
    QSignalSpy uploadFailed(provider.get(), &ChatSession::attachmentUploadFailed);
    const auto started = provider->sendFiles({pngPath, pdfPath});
    QVERIFY2(started.ok(), qPrintable(started.error()));
    QTRY_COMPARE_WITH_TIMEOUT(queued.count() + uploadFailed.count(), 1, kTimeoutMs);
    QCOMPARE(uploadFailed.count(), 0);

    // The optimistic row shows both chips at once, and becomes the sent message.
    MessageListModel &mine = *provider->messages();
    QCOMPARE(mine.rowCount(), 1);
    QCOMPARE(attachmentsAt(mine, 0).size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(
        !mine.data(mine.index(0), MessageListModel::IdRole).toUuid().isNull(), kTimeoutMs);

    MessageListModel &theirs = *patient->messages();
    QTRY_COMPARE_WITH_TIMEOUT(theirs.rowCount(), 1, kTimeoutMs);
    const QVariantList attachments = attachmentsAt(theirs, 0);
    QCOMPARE(attachments.size(), 2);
    QCOMPARE(theirs.data(theirs.index(0), MessageListModel::TypeRole).value<model::MessageType>(),
        model::MessageType::File);
    const QVariantMap pngAttachment = attachmentNamed(attachments, QStringLiteral("knee.png"));
    const QVariantMap pdfAttachment = attachmentNamed(attachments, QStringLiteral("report.pdf"));
    QCOMPARE(pngAttachment.value(QStringLiteral("mimeType")).toString(), QStringLiteral("image/png"));
    QCOMPARE(pdfAttachment.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/pdf"));
    QCOMPARE(pdfAttachment.value(QStringLiteral("size")).toLongLong(), pdf.size());
    const QUuid pngId = pngAttachment.value(QStringLiteral("id")).toUuid();
    const QUuid pdfId = pdfAttachment.value(QStringLiteral("id")).toUuid();
    QVERIFY(!pngId.isNull());
    QVERIFY(!pdfId.isNull());

    // The thumbnail: one download, announced, then served from memory.
    ThumbnailCache &cache = *patient->thumbnails();
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    QVERIFY(cache.image(pngId).isNull());
    QVERIFY(cache.image(pngId).isNull()); // still in flight: not asked for twice
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeoutMs);
    QCOMPARE(ready.at(0).at(0).toUuid(), pngId);
    const QImage thumbnail = cache.image(pngId);
    QVERIFY(!thumbnail.isNull());
    QVERIFY(thumbnail.width() <= 320 && thumbnail.height() <= 320);
    QCOMPARE(thumbnail.pixelColor(thumbnail.width() / 2, thumbnail.height() / 2).blue(), 0xc0);
    QVERIFY(cache.usedBytes() > 0);

    // The signed link downloads the very bytes, without a bearer.
    QSignalSpy links(patient.get(), &ChatSession::attachmentLinkReady);
    patient->openAttachment(pdfId);
    QTRY_COMPARE_WITH_TIMEOUT(links.count(), 1, kTimeoutMs);
    QCOMPARE(fetchWithoutBearer(links.at(0).at(0).toUrl()), pdf);
    patient->openAttachment(pngId);
    QTRY_COMPARE_WITH_TIMEOUT(links.count(), 2, kTimeoutMs);
    QCOMPARE(fetchWithoutBearer(links.at(1).at(0).toUrl()), png);

    // Sign-out forgets the thumbnails.
    patient->signOut();
    QCOMPARE(cache.usedBytes(), 0);
    QVERIFY(!cache.contains(pngId));
}

void TestChatSessionAttachments::oversizedFileIsRefusedBeforeUpload()
{
    const QString bigPath = m_fixture->filePath(QStringLiteral("scan.pdf"));
    {
        QFile big(bigPath);
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(51LL * 1024 * 1024)); // sparse: no 51 MiB written
    }
    const QString smallPath = m_fixture->filePath(QStringLiteral("note.pdf"));
    QVERIFY(writeFile(smallPath, samples::pdf()));

    auto provider = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    provider->openConversation(m_fixture->conversationId());
    QSignalSpy queued(provider.get(), &ChatSession::attachmentsQueued);
    QSignalSpy uploadFailed(provider.get(), &ChatSession::attachmentUploadFailed);

    // One file too large refuses the whole set, before anything is uploaded.
    const auto refused = provider->sendFiles({smallPath, bigPath});
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QStringLiteral("scan.pdf")), qPrintable(refused.error()));
    QVERIFY2(refused.error().contains(QStringLiteral("50")), qPrintable(refused.error()));

    const auto missing = provider->sendFiles({m_fixture->filePath(QStringLiteral("gone.pdf"))});
    QVERIFY(!missing.ok());
    QVERIFY(provider->sendFiles({}).ok() == false);

    QTest::qWait(300);
    QCOMPARE(queued.count(), 0);
    QCOMPARE(uploadFailed.count(), 0);
    QCOMPARE(provider->messages()->rowCount(), 0);
}

void TestChatSessionAttachments::pastedImageIsSentAsPng()
{
    auto provider = m_fixture->makeSession();
    auto patient = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    QVERIFY(m_fixture->signIn(*patient, m_fixture->patient()));
    patient->openConversation(m_fixture->conversationId());
    provider->openConversation(m_fixture->conversationId());

    QImage pasted(120, 80, QImage::Format_ARGB32);
    pasted.fill(QColor(0xe0, 0x30, 0x30));
    QSignalSpy queued(provider.get(), &ChatSession::attachmentsQueued);
    QSignalSpy uploadFailed(provider.get(), &ChatSession::attachmentUploadFailed);
    const auto started = provider->sendImage(pasted, QStringLiteral("The rash this morning"));
    QVERIFY2(started.ok(), qPrintable(started.error()));
    QTRY_COMPARE_WITH_TIMEOUT(queued.count() + uploadFailed.count(), 1, kTimeoutMs);
    QCOMPARE(uploadFailed.count(), 0);

    MessageListModel &theirs = *patient->messages();
    QTRY_COMPARE_WITH_TIMEOUT(theirs.rowCount(), 1, kTimeoutMs);
    QCOMPARE(theirs.data(theirs.index(0), MessageListModel::ContentRole).toString(),
        QStringLiteral("The rash this morning"));
    QCOMPARE(theirs.data(theirs.index(0), MessageListModel::TypeRole).value<model::MessageType>(),
        model::MessageType::Image);
    const QVariantList attachments = attachmentsAt(theirs, 0);
    QCOMPARE(attachments.size(), 1);
    const QVariantMap image = attachments.at(0).toMap();
    QCOMPARE(image.value(QStringLiteral("fileName")).toString(), QStringLiteral("image.png"));
    QCOMPARE(image.value(QStringLiteral("mimeType")).toString(), QStringLiteral("image/png"));

    ThumbnailCache &cache = *patient->thumbnails();
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    const QUuid id = image.value(QStringLiteral("id")).toUuid();
    QVERIFY(cache.image(id).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeoutMs);
    QCOMPARE(cache.image(id).size(), QSize(120, 80)); // small images are not enlarged

    QVERIFY(!provider->sendImage(QImage()).ok());
}

void TestChatSessionAttachments::offlineSendIsRefused()
{
    const QString path = m_fixture->filePath(QStringLiteral("note.pdf"));
    QVERIFY(writeFile(path, samples::pdf()));
    auto provider = m_fixture->makeSession();
    QVERIFY(m_fixture->signIn(*provider, m_fixture->provider()));
    provider->openConversation(m_fixture->conversationId());

    m_fixture->stopServer(); // the server goes away: the session is offline, still signed in
    QTRY_VERIFY_WITH_TIMEOUT(!provider->isOnline(), kTimeoutMs);
    QVERIFY(provider->isSignedIn());
    const auto refused = provider->sendFiles({path});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error(), QStringLiteral("Files can be sent when you are back online."));
    QVERIFY(!provider->sendImage(QImage(4, 4, QImage::Format_RGB32)).ok());
    QCOMPARE(provider->messages()->rowCount(), 0);
}

void TestChatSessionAttachments::thumbnailCacheEvictsLeastRecentlyUsed()
{
    ThumbnailCache cache(nullptr);
    QImage tile(64, 64, QImage::Format_RGB32); // 16 KiB of pixels
    tile.fill(Qt::gray);
    cache.setMaxBytes(3 * tile.sizeInBytes());
    const QUuid a = QUuid::createUuid();
    const QUuid b = QUuid::createUuid();
    const QUuid c = QUuid::createUuid();
    const QUuid d = QUuid::createUuid();
    cache.insert(a, tile);
    cache.insert(b, tile);
    cache.insert(c, tile);
    QVERIFY(!cache.image(a).isNull()); // a is now the most recently used
    cache.insert(d, tile);
    QVERIFY(cache.contains(a));
    QVERIFY(!cache.contains(b)); // the least recently used went
    QVERIFY(cache.contains(c));
    QVERIFY(cache.contains(d));
    QCOMPARE(cache.usedBytes(), 3 * tile.sizeInBytes());
    cache.clear();
    QCOMPARE(cache.usedBytes(), 0);
    QVERIFY(cache.image(a).isNull());
}

QTEST_GUILESS_MAIN(TestChatSessionAttachments)
#include "tst_chatsessionattachments.moc"
