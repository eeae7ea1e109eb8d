#include "server/audit/auditchain.h"

#include <QTest>

using vw::server::audit::AuditChain;
using vw::server::audit::AuditEntry;

namespace {

QList<AuditEntry> makeChain(int length)
{
    QList<AuditEntry> chain;
    QString previous = AuditChain::genesisHash();
    for (int i = 1; i <= length; ++i) {
        AuditEntry entry;
        entry.seq = i;
        entry.id = QStringLiteral("entry-%1").arg(i);
        entry.at = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + i, Qt::UTC);
        entry.actorId = QStringLiteral("user-%1").arg(i % 2);
        entry.action = QStringLiteral("message.send");
        entry.targetType = QStringLiteral("message");
        entry.targetId = QStringLiteral("m-%1").arg(i);
        entry.outcome = QStringLiteral("success");
        entry.ip = QStringLiteral("127.0.0.1");
        entry.userAgent = QStringLiteral("test");
        entry.details = QJsonObject {{QStringLiteral("count"), i}};
        entry.prevHash = previous;
        entry.hash = AuditChain::computeHash(entry);
        previous = entry.hash;
        chain.append(entry);
    }
    return chain;
}

} // namespace

// The audit trail's hash chain: every kind of tampering is found, at the right entry.
class TestAuditChain : public QObject
{
    Q_OBJECT
private slots:
    void intactChainVerifies()
    {
        const auto chain = makeChain(6);
        QCOMPARE(AuditChain::firstBadEntry(chain, AuditChain::genesisHash(), 0), std::nullopt);
        QCOMPARE(chain.first().hash.size(), 64);
    }

    void editedFieldIsFound_data()
    {
        QTest::addColumn<int>("field");
        for (int field = 0; field < 9; ++field)
            QTest::newRow(qPrintable(QStringLiteral("field %1").arg(field))) << field;
    }

    void editedFieldIsFound()
    {
        QFETCH(int, field);
        auto chain = makeChain(5);
        AuditEntry &victim = chain[2];
        switch (field) {
        case 0:
            victim.actorId = QStringLiteral("someone-else");
            break;
        case 1:
            victim.action = QStringLiteral("message.read");
            break;
        case 2:
            victim.targetId = QStringLiteral("m-99");
            break;
        case 3:
            victim.outcome = QStringLiteral("denied");
            break;
        case 4:
            victim.ip = QStringLiteral("10.0.0.1");
            break;
        case 5:
            victim.userAgent = QStringLiteral("curl");
            break;
        case 6:
            victim.details.insert(QStringLiteral("count"), 42);
            break;
        case 7:
            victim.at = victim.at.addMSecs(1);
            break;
        case 8:
            victim.targetType = QStringLiteral("user");
            break;
        }
        QCOMPARE(AuditChain::firstBadEntry(chain, AuditChain::genesisHash(), 0), QStringLiteral("entry-3"));
    }

    void rehashedEditBreaksTheNextLink()
    {
        auto chain = makeChain(5);
        chain[1].outcome = QStringLiteral("denied");
        chain[1].hash = AuditChain::computeHash(chain[1]);
        QCOMPARE(AuditChain::firstBadEntry(chain, AuditChain::genesisHash(), 0), QStringLiteral("entry-3"));
    }

    void removedOrReorderedRowsAreFound()
    {
        auto removed = makeChain(5);
        removed.removeAt(2);
        QCOMPARE(AuditChain::firstBadEntry(removed, AuditChain::genesisHash(), 0), QStringLiteral("entry-4"));

        auto reordered = makeChain(5);
        reordered.swapItemsAt(1, 2);
        QCOMPARE(
            AuditChain::firstBadEntry(reordered, AuditChain::genesisHash(), 0), QStringLiteral("entry-3"));

        auto truncatedHead = makeChain(5);
        truncatedHead.removeFirst();
        QCOMPARE(AuditChain::firstBadEntry(truncatedHead, AuditChain::genesisHash(), 0),
            QStringLiteral("entry-2"));
    }

    void fieldBoundariesAreUnambiguous()
    {
        auto a = makeChain(1);
        auto b = a;
        a[0].actorId = QStringLiteral("ab");
        a[0].action = QStringLiteral("c");
        b[0].actorId = QStringLiteral("a");
        b[0].action = QStringLiteral("bc");
        QVERIFY(AuditChain::computeHash(a[0]) != AuditChain::computeHash(b[0]));
    }

    void detailsKeyOrderDoesNotMatter()
    {
        auto a = makeChain(1);
        auto b = a;
        a[0].details = QJsonObject {{QStringLiteral("x"), 1}, {QStringLiteral("y"), 2}};
        b[0].details = QJsonObject {};
        b[0].details.insert(QStringLiteral("y"), 2);
        b[0].details.insert(QStringLiteral("x"), 1);
        QCOMPARE(AuditChain::computeHash(a[0]), AuditChain::computeHash(b[0]));
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_auditchain.moc"
