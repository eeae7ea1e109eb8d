#include "server/keys/masterkeyloader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using vw::server::keys::MasterKeyLoader;
using vw::server::keys::MasterKeyOrigin;

namespace {
const QByteArray kKeyBase64 = QByteArrayLiteral("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
}

// Where the master key comes from, in API.md's order, and what is refused.
class TestMasterKeyLoader : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        qunsetenv(MasterKeyLoader::kEnvironmentVariable);
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup() { qunsetenv(MasterKeyLoader::kEnvironmentVariable); }

    void environmentWins()
    {
        qputenv(MasterKeyLoader::kEnvironmentVariable, kKeyBase64);
        auto loaded
            = MasterKeyLoader::load(m_dir->path(), writeKeyFile(QByteArrayLiteral("not used")), false);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().origin, MasterKeyOrigin::Environment);
        QCOMPARE(loaded.value().key.view(), QByteArray::fromBase64(kKeyBase64));
    }

    void keyFileWithNewline()
    {
        auto loaded = MasterKeyLoader::load(m_dir->path(), writeKeyFile(kKeyBase64 + '\n'), true);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value().origin, MasterKeyOrigin::KeyFile);
        QCOMPARE(loaded.value().key.size(), 32);
    }

    void generatedOnNewDataDirWithOwnerOnlyPermissions()
    {
        auto loaded = MasterKeyLoader::load(m_dir->path(), {}, false);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error()));
        QCOMPARE(loaded.value().origin, MasterKeyOrigin::Generated);
        const QString path = m_dir->filePath(QString::fromLatin1(MasterKeyLoader::kDataDirKeyFileName));
        QCOMPARE(loaded.value().path, path);
        const QFileDevice::Permissions permissions = QFile::permissions(path);
        QVERIFY(permissions.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QFileDevice::Permissions othersMayTouch = QFileDevice::ReadGroup | QFileDevice::WriteGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
            | QFileDevice::ExeOther;
        QCOMPARE(permissions & othersMayTouch, QFileDevice::Permissions());

        // The next start reads the same key back from the data dir.
        auto again = MasterKeyLoader::load(m_dir->path(), {}, true);
        QVERIFY(again.ok());
        QCOMPARE(again.value().origin, MasterKeyOrigin::DataDirKeyFile);
        QVERIFY(again.value().key.equals(loaded.value().key));
    }

    void existingStoreWithoutKeyIsRefused()
    {
        auto loaded = MasterKeyLoader::load(m_dir->path(), {}, true);
        QVERIFY(!loaded.ok());
        QVERIFY(loaded.error().contains(QString::fromLatin1(MasterKeyLoader::kEnvironmentVariable)));
        QVERIFY(!QFile::exists(m_dir->filePath(QString::fromLatin1(MasterKeyLoader::kDataDirKeyFileName))));
    }

    void badKeysAreRefused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not base64") << QByteArrayLiteral("this is not a key!");
        QTest::newRow("16 bytes") << QByteArrayLiteral("AAECAwQFBgcICQoLDA0ODw==");
        QTest::newRow("33 bytes") << QByteArray(33, 'k').toBase64();
    }

    void badKeysAreRefused()
    {
        QFETCH(QByteArray, text);
        auto fromFile = MasterKeyLoader::load(m_dir->path(), writeKeyFile(text), false);
        QVERIFY(!fromFile.ok());
        QVERIFY(fromFile.error().contains(QStringLiteral("32 bytes")));

        qputenv(MasterKeyLoader::kEnvironmentVariable, text.isEmpty() ? QByteArrayLiteral(" ") : text);
        auto fromEnv = MasterKeyLoader::load(m_dir->path(), {}, false);
        QVERIFY(!fromEnv.ok());
    }

    void missingKeyFileIsAnError()
    {
        auto loaded
            = MasterKeyLoader::load(m_dir->path(), m_dir->filePath(QStringLiteral("absent.key")), false);
        QVERIFY(!loaded.ok());
        QVERIFY(loaded.error().contains(QStringLiteral("absent.key")));
    }

private:
    QString writeKeyFile(const QByteArray &text)
    {
        const QString path = m_dir->filePath(QStringLiteral("given.key"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(text);
        return path;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestMasterKeyLoader)
#include "tst_masterkeyloader.moc"
