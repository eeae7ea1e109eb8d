#include "app/chat/messagedelegate.h"
#include "app/client/messagelistmodel.h"
#include "app/client/thumbnailcache.h"

#include <QImage>
#include <QListView>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace vw;
using vw::chat::MessageDelegate;
using vw::client::MessageListModel;
using vw::client::ThumbnailCache;

namespace {

QUuid id(int n)
{
    return QUuid::fromString(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
}

const QUuid kSelf = id(1);
const QUuid kJane = id(2);
const QUuid kConversation = id(10);
const QUuid kPhoto = id(5001);
const QUuid kReport = id(5002);
const QColor kPhotoColour(0x10, 0xa0, 0x30);

model::Attachment attachment(const QUuid &attachmentId, const QString &name, const QString &mimeType)
{
    model::Attachment a;
    a.id = attachmentId;
    a.fileName = name;
    a.mimeType = mimeType;
    a.size = 123456;
    a.sha256 = QString(64, QLatin1Char('a'));
    a.scanStatus = model::ScanStatus::Clean;
    return a;
}

model::User user(const QUuid &userId, const QString &name)
{
    model::User u;
    u.id = userId;
    u.username = name.toLower();
    u.displayName = name;
    return u;
}

// A view of one message from Jane with a photo and a PDF, drawn by a MessageDelegate.
struct Fixture
{
    MessageListModel model;
    ThumbnailCache cache {nullptr}; // no ApiClient: only what insert() puts in
    MessageDelegate delegate;
    QListView view;

    explicit Fixture(bool withCache)
    {
        model.setSelfId(kSelf);
        model.setUsers({user(kSelf, QStringLiteral("Me")), user(kJane, QStringLiteral("Jane"))});
        model::Message m;
        m.id = id(1000);
        m.conversationId = kConversation;
        m.senderId = kJane;
        m.type = model::MessageType::File;
        m.content = QStringLiteral("Photo and the report");
        m.createdAt = QDateTime::currentDateTimeUtc();
        m.attachments = {attachment(kPhoto, QStringLiteral("knee.png"), QStringLiteral("image/png")),
            attachment(kReport, QStringLiteral("report.pdf"), QStringLiteral("application/pdf"))};
        model.setMessages({m});
        if (withCache)
            delegate.setThumbnailCache(&cache);
        view.setItemDelegate(&delegate);
        view.setModel(&model);
        view.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        view.resize(640, 700);
    }

    QModelIndex row() const { return model.index(0); }

    QStyleOptionViewItem option() const
    {
        QStyleOptionViewItem option;
        option.initFrom(view.viewport());
        option.rect = view.visualRect(row());
        option.font = view.font();
        option.fontMetrics = view.fontMetrics();
        option.widget = &view;
        return option;
    }

    QRect rectOf(const QUuid &attachmentId) const
    {
        for (const auto &[idOf, rect] : delegate.attachmentRects(option(), row())) {
            if (idOf == attachmentId)
                return rect;
        }
        return QRect();
    }
};

QImage photo(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(kPhotoColour);
    return image;
}

} // namespace

class TestAttachmentDelegate : public QObject
{
    Q_OBJECT

private slots:
    void imagesAreChipsUntilTheThumbnailArrives();
    void thumbnailIsDrawnInlineKeepingAspect();
    void thumbnailIsDrawnInlineKeepingAspect_data();
    void clickOnChipOrThumbnailActivatesIt();
    void withoutACacheImagesStayChips();
};

void TestAttachmentDelegate::imagesAreChipsUntilTheThumbnailArrives()
{
    Fixture f(true);
    f.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    const QRect chip = f.rectOf(kPhoto);
    QVERIFY(chip.isValid());
    QCOMPARE(chip.height(), f.rectOf(kReport).height()); // both drawn as chips
    const int before = f.view.visualRect(f.row()).height();

    QSignalSpy sizeChanged(&f.delegate, &MessageDelegate::sizeHintChanged);
    f.cache.insert(kPhoto, photo(320, 240));
    QCOMPARE(sizeChanged.count(), 1);
    QCOMPARE(sizeChanged.at(0).at(0).value<QModelIndex>(), f.row());
    // The view lays the row out again: it grew by the picture.
    QTRY_VERIFY(f.view.visualRect(f.row()).height() > before);
    const QRect thumbnail = f.rectOf(kPhoto);
    QCOMPARE(thumbnail.size(), QSize(240, 180));
    QVERIFY(f.view.visualRect(f.row()).contains(thumbnail));
    QVERIFY(f.view.visualRect(f.row()).contains(f.rectOf(kReport)));
    QCOMPARE(f.delegate.sizeHint(f.option(), f.row()).height(), f.view.visualRect(f.row()).height());
}

void TestAttachmentDelegate::thumbnailIsDrawnInlineKeepingAspect_data()
{
    QTest::addColumn<QSize>("source");
    QTest::addColumn<QSize>("drawn");
    QTest::newRow("landscape is narrowed to 240") << QSize(320, 160) << QSize(240, 120);
    QTest::newRow("portrait keeps its aspect") << QSize(240, 320) << QSize(240, 320);
    QTest::newRow("tall is bounded in height") << QSize(160, 640) << QSize(80, 320);
    QTest::newRow("small is not enlarged") << QSize(60, 40) << QSize(60, 40);
}

void TestAttachmentDelegate::thumbnailIsDrawnInlineKeepingAspect()
{
    QFETCH(QSize, source);
    QFETCH(QSize, drawn);
    Fixture f(true);
    f.cache.insert(kPhoto, photo(source.width(), source.height()));
    f.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    const QRect thumbnail = f.rectOf(kPhoto);
    QCOMPARE(thumbnail.size(), drawn);

    // The picture's colour fills its rect (the corners are rounded, the centre is not).
    const QImage shot = f.view.viewport()->grab().toImage();
    const QColor centre = shot.pixelColor(thumbnail.center());
    QCOMPARE(centre.rgb(), kPhotoColour.rgb());
    const QPoint inside = thumbnail.topLeft() + QPoint(thumbnail.width() / 2, 3);
    QCOMPARE(shot.pixelColor(inside).rgb(), kPhotoColour.rgb());
    // The PDF stays a chip, below the picture.
    QVERIFY(f.rectOf(kReport).top() > thumbnail.bottom());
    QVERIFY(shot.pixelColor(f.rectOf(kReport).center()).rgb() != kPhotoColour.rgb());
}

void TestAttachmentDelegate::clickOnChipOrThumbnailActivatesIt()
{
    Fixture f(true);
    f.cache.insert(kPhoto, photo(320, 240));
    f.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QSignalSpy activated(&f.delegate, &MessageDelegate::attachmentActivated);

    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, f.rectOf(kReport).center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toUuid(), kReport);

    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, f.rectOf(kPhoto).center());
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.at(1).at(0).toUuid(), kPhoto);

    // Not on an attachment, or not the left button: nothing.
    const QRect rowRect = f.view.visualRect(f.row());
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, QPoint(rowRect.right() - 4, rowRect.top() + 4));
    QTest::mouseClick(f.view.viewport(), Qt::RightButton, {}, f.rectOf(kReport).center());
    QCOMPARE(activated.count(), 2);
}

void TestAttachmentDelegate::withoutACacheImagesStayChips()
{
    Fixture f(false);
    f.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.view));
    QCOMPARE(f.rectOf(kPhoto).height(), f.rectOf(kReport).height());
    QSignalSpy activated(&f.delegate, &MessageDelegate::attachmentActivated);
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, f.rectOf(kPhoto).center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toUuid(), kPhoto);
}

QTEST_MAIN(TestAttachmentDelegate)
#include "tst_attachmentdelegate.moc"
