#include "common/crypto/keywrap.h"
#include "common/crypto/wrappedkey.h"
#include "server/messaging/conversationkeyrepository.h"
#include "server/messaging/conversationkeyring.h"
#include "server/store/database.h"
#include "server/store/migrations.h"
#include "server/store/sqlquery.h"
#include "tests/support/manualclock.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vw;
using namespace vw::server;
using namespace vw::server::messaging;

namespace {

crypto::SecretBytes keyOf(char fill)
{
    return crypto::SecretBytes::fromView(QByteArray(32, fill));
}

} // namespace

// Data keys per conversation: stored only wrapped, unwrapped on demand with the master
// key, derived into distinct purpose keys, cached in a bounded LRU.
class TestConversationKeyring : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto db
            = store::Database::openSqlite(m_dir->filePath(QStringLiteral("k.db")), QStringLiteral("keyring"));
        QVERIFY(db.ok());
        m_db = std::move(db).value();
        QVERIFY(store::Migrator(*m_db).migrate().ok());
        QVERIFY(m_db->exec(QStringLiteral("PRAGMA foreign_keys = OFF")).ok());
    }

    void cleanup() { m_db.reset(); }

    void createThenReadGivesTheSameKeys()
    {
        const auto master = keyOf('m');
        ConversationKeyring keyring(*m_db, master, m_clock);
        const QUuid id = QUuid::createUuid();
        auto created = keyring.create(id);
        QVERIFY(created.ok());
        QCOMPARE(keyring.cachedCount(), 0);

        ConversationKeyring fresh(*m_db, master, m_clock);
        auto read = fresh.keys(id);
        QVERIFY(read.ok());
        QVERIFY(read.value()->messageKey().equals(created.value()->messageKey()));
        QVERIFY(read.value()->searchKey().equals(created.value()->searchKey()));
        QVERIFY(read.value()->attachmentKey().equals(created.value()->attachmentKey()));
        // Purpose keys differ from one another.
        QVERIFY(!read.value()->messageKey().equals(read.value()->searchKey()));
        QVERIFY(!read.value()->messageKey().equals(read.value()->attachmentKey()));
        QVERIFY(!read.value()->searchKey().equals(read.value()->attachmentKey()));
        QCOMPARE(fresh.cachedCount(), 1);

        // The stored text is a wrapped key under this master, not the key.
        auto stored = ConversationKeyRepository(*m_db).find(id);
        QVERIFY(stored.ok() && stored.value());
        auto wrapped = crypto::WrappedKey::parse(*stored.value());
        QVERIFY(wrapped.ok());
        QCOMPARE(wrapped.value().keyId, crypto::masterKeyId(master).value());

        // Each conversation has its own key.
        auto other = keyring.create(QUuid::createUuid());
        QVERIFY(other.ok());
        QVERIFY(!other.value()->messageKey().equals(created.value()->messageKey()));
    }

    void missingAndUnreadableKeys()
    {
        ConversationKeyring keyring(*m_db, keyOf('m'), m_clock);
        auto missing = keyring.keys(QUuid::createUuid());
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error(), KeyringError::KeyMissing);

        const QUuid id = QUuid::createUuid();
        QVERIFY(keyring.create(id).ok());
        ConversationKeyring wrongMaster(*m_db, keyOf('w'), m_clock);
        auto wrong = wrongMaster.keys(id);
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error(), KeyringError::KeyUnreadable);

        const QUuid mangled = QUuid::createUuid();
        QVERIFY(ConversationKeyRepository(*m_db).insert(mangled, QStringLiteral("v1:nonsense"), 0).ok());
        auto bad = keyring.keys(mangled);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error(), KeyringError::KeyUnreadable);
        QVERIFY(!errorString(KeyringError::KeyUnreadable).isEmpty());
    }

    void getOrCreate()
    {
        ConversationKeyring keyring(*m_db, keyOf('m'), m_clock);
        const QUuid id = QUuid::createUuid();
        auto first = keyring.getOrCreate(id);
        auto second = keyring.getOrCreate(id);
        QVERIFY(first.ok() && second.ok());
        QVERIFY(first.value()->messageKey().equals(second.value()->messageKey()));
        QCOMPARE(ConversationKeyRepository(*m_db).all().value().size(), 1);
    }

    void cacheIsBoundedLeastRecentlyUsed()
    {
        ConversationKeyring writer(*m_db, keyOf('m'), m_clock);
        QList<QUuid> ids;
        for (int i = 0; i < 4; ++i) {
            ids.append(QUuid::createUuid());
            QVERIFY(writer.create(ids.last()).ok());
        }
        ConversationKeyring keyring(*m_db, keyOf('m'), m_clock, 2);
        QVERIFY(keyring.keys(ids.at(0)).ok());
        QVERIFY(keyring.keys(ids.at(1)).ok());
        QVERIFY(keyring.keys(ids.at(0)).ok()); // 0 is now the most recent
        QVERIFY(keyring.keys(ids.at(2)).ok()); // evicts 1
        QCOMPARE(keyring.cachedCount(), 2);

        // Prove what is cached by taking the rows away: cached keys still come back.
        QVERIFY(m_db->exec(QStringLiteral("DELETE FROM conversation_keys")).ok());
        QVERIFY(keyring.keys(ids.at(0)).ok());
        QVERIFY(keyring.keys(ids.at(2)).ok());
        QCOMPARE(keyring.keys(ids.at(1)).error(), KeyringError::KeyMissing);
        keyring.clearCache();
        QCOMPARE(keyring.cachedCount(), 0);
        QCOMPARE(keyring.keys(ids.at(0)).error(), KeyringError::KeyMissing);
    }

private:
    test::ManualClock m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::Database> m_db;
};

QTEST_GUILESS_MAIN(TestConversationKeyring)
#include "tst_conversationkeyring.moc"
