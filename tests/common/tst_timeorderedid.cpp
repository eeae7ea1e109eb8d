#include "common/core/timeorderedid.h"

#include <QSet>
#include <QTest>

// Version-7 UUIDs: the store's indexes rely on ids of later rows sorting after earlier ones.
class TestTimeOrderedId : public QObject
{
    Q_OBJECT
private slots:
    void carriesVersionVariantAndTime()
    {
        const qint64 ms = 1795000000123; // 2026-11-18
        const QUuid id = vw::createTimeOrderedUuid(ms);
        const QByteArray bytes = id.toRfc4122();
        // QUuid::version() of Qt 6.4 predates version 7: read the nibble itself.
        QCOMPARE(quint8(bytes.at(6)) >> 4, 7);
        QCOMPARE(id.variant(), QUuid::DCE);
        qint64 encoded = 0;
        for (int i = 0; i < 6; ++i)
            encoded = (encoded << 8) | quint8(bytes.at(i));
        QCOMPARE(encoded, ms);
    }

    void laterIdsSortAfterEarlierOnesAsText()
    {
        QString previous;
        for (qint64 ms = 1795000000000; ms < 1795000000000 + 2000; ms += 7) {
            const QString text = vw::createTimeOrderedUuid(ms).toString(QUuid::WithoutBraces);
            QVERIFY2(previous < text, qPrintable(previous + QStringLiteral(" !< ") + text));
            previous = text;
        }
    }

    // Messages sent within one millisecond keep their order (the history sorts by time, then id).
    void idsOfTheSameMillisecondFollowTheOrderTheyWereMadeIn()
    {
        QString previous;
        for (int i = 0; i < 2000; ++i) {
            const QString text
                = vw::createTimeOrderedUuid(1795000000555 + i / 500).toString(QUuid::WithoutBraces);
            QVERIFY2(previous < text,
                qPrintable(QStringLiteral("id %1: ").arg(i) + previous + QStringLiteral(" !< ") + text));
            previous = text;
        }
    }

    void idsOfTheSameMillisecondDiffer()
    {
        QSet<QUuid> ids;
        for (int i = 0; i < 10000; ++i)
            ids.insert(vw::createTimeOrderedUuid(1795000000000));
        QCOMPARE(ids.size(), 10000);
    }
};

QTEST_GUILESS_MAIN(TestTimeOrderedId)
#include "tst_timeorderedid.moc"
