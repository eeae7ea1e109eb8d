#include "app/client/outbox.h"
#include "app/client/outboxkey.h"
#include "common/model/wire.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace vw;
using vw::client::Outbox;
using vw::client::OutboxEntry;
using vw::client::OutboxKey;
using vw::client::OutboxKeyError;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");
const QUuid kAlice = QUuid::fromString(QStringLiteral("11111111-1111-4111-8111-111111111111"));
const QUuid kBob = QUuid::fromString(QStringLiteral("22222222-2222-4222-8222-222222222222"));
const QUuid kConversation = QUuid::fromString(QStringLiteral("c0ffee00-1234-4abc-9def-0123456789ab"));

constexpr QFileDevice::Permissions kOwnerReadWrite = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOwnerAll = kOwnerReadWrite | QFileDevice::ExeOwner;

OutboxEntry entry(const QString &content)
{
    OutboxEntry e;
    e.conversationId = kConversation;
    e.content = content;
    return e;
}

QStringList entryFiles(const QString &dir)
{
    return QDir(dir).entryList(
        {QStringLiteral("*.msg"), QStringLiteral("*.failed")}, QDir::Files, QDir::Name);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// Permission bits as the file system has them, without Qt's "user" aliases.
QFileDevice::Permissions ownerGroupOther(const QString &path)
{
    return QFile::permissions(path)
        & (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
            | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
            | QFileDevice::WriteOther | QFileDevice::ExeOther);
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

private:
    QString dirFor(const QString &name) const { return m_root->filePath(name); }

    // One Argon2id derivation; fails the test when the key does not unlock.
    std::unique_ptr<Outbox> open(const QString &dir, const QUuid &user, const QString &password = kPassword)
    {
        auto key = OutboxKey::unlock(dir, password);
        if (!key) {
            qWarning() << "unlock failed:" << key.error().message;
            return nullptr;
        }
        return std::make_unique<Outbox>(dir, user, std::move(key).value());
    }

    std::unique_ptr<QTemporaryDir> m_root;

private slots:
    void init()
    {
        m_root = std::make_unique<QTemporaryDir>();
        QVERIFY(m_root->isValid());
    }

    void enqueueAndReloadKeepOrderAndContent()
    {
        const QString dir = dirFor(QStringLiteral("alice"));
        QList<OutboxEntry> written;
        {
            auto outbox = open(dir, kAlice);
            QVERIFY(outbox);
            QSignalSpy changed(outbox.get(), &Outbox::changed);

            OutboxEntry first = entry(QStringLiteral("First: blood pressure 142/91 this morning"));
            first.clientMessageId = QStringLiteral("my-own-id");
            first.queuedAt = QDateTime(QDate(2026, 3, 1), QTime(8, 30, 0, 123), Qt::UTC);
            OutboxEntry second = entry(QStringLiteral("Second, with ümlauts and emoji 🩺"));
            second.replyToId = QUuid::createUuid();
            second.priority = QStringLiteral("urgent");
            OutboxEntry third = entry(QString());
            third.attachmentIds = {QUuid::createUuid(), QUuid::createUuid()};

            for (OutboxEntry *e : {&first, &second, &third}) {
                auto queued = outbox->enqueue(*e);
                QVERIFY2(queued.ok(), qPrintable(queued.ok() ? QString() : queued.error()));
                QVERIFY(!queued.value().clientMessageId.isEmpty());
                QCOMPARE(queued.value(), outbox->pending().last());
                e->clientMessageId = queued.value().clientMessageId;
            }
            QCOMPARE(changed.size(), 3);
            QCOMPARE(first.clientMessageId, QStringLiteral("my-own-id"));
            QVERIFY(!QUuid::fromString(second.clientMessageId).isNull()); // generated as a UUID
            QVERIFY(second.clientMessageId != third.clientMessageId);

            written = outbox->pending();
            QCOMPARE(written.size(), 3);
            QCOMPARE(written.at(0).clientMessageId, first.clientMessageId);
            QCOMPARE(written.at(0).queuedAt, first.queuedAt);
            QCOMPARE(written.at(1).priority, QStringLiteral("urgent"));
            QCOMPARE(written.at(0).priority, QStringLiteral("normal"));
            QVERIFY(written.at(2).queuedAt.isValid());
            QCOMPARE(outbox->head()->clientMessageId, first.clientMessageId);
            QCOMPARE(entryFiles(dir).size(), 3);
        }

        // A restart: a new instance, a new key from the same password.
        auto reloaded = open(dir, kAlice);
        QVERIFY(reloaded);
        QCOMPARE(reloaded->skippedFileCount(), 0);
        QCOMPARE(reloaded->size(), 3);
        QCOMPARE(reloaded->pending(), written);
        QCOMPARE(reloaded->pending().at(1).replyToId, written.at(1).replyToId);
        QCOMPARE(reloaded->pending().at(2).attachmentIds, written.at(2).attachmentIds);

        // New entries still go to the tail after a restart.
        auto fourth = reloaded->enqueue(entry(QStringLiteral("fourth")));
        QVERIFY(fourth.ok());
        QCOMPARE(reloaded->pending().last(), fourth.value());
        const QStringList files = entryFiles(dir);
        QCOMPARE(files.size(), 4);
        QVERIFY(files.last() > files.at(2));
    }

    void enqueueRefusesInvalidEntries()
    {
        auto outbox = open(dirFor(QStringLiteral("alice")), kAlice);
        QVERIFY(outbox);
        OutboxEntry noConversation = entry(QStringLiteral("x"));
        noConversation.conversationId = QUuid();
        QVERIFY(!outbox->enqueue(noConversation).ok());
        QVERIFY(!outbox->enqueue(entry(QString())).ok());
        OutboxEntry badPriority = entry(QStringLiteral("x"));
        badPriority.priority = QStringLiteral("whenever");
        QVERIFY(!outbox->enqueue(badPriority).ok());
        OutboxEntry longId = entry(QStringLiteral("x"));
        longId.clientMessageId = QString(Outbox::kMaxClientMessageIdLength + 1, QLatin1Char('a'));
        QVERIFY(!outbox->enqueue(longId).ok());

        OutboxEntry once = entry(QStringLiteral("x"));
        once.clientMessageId = QStringLiteral("same");
        QVERIFY(outbox->enqueue(once).ok());
        const auto twice = outbox->enqueue(once);
        QVERIFY(!twice.ok());
        QVERIFY(twice.error().contains(QStringLiteral("already queued")));
        QCOMPARE(outbox->size(), 1);
        QCOMPARE(entryFiles(outbox->directory()).size(), 1);
    }

    void filesContainNoPlaintext()
    {
        const QString dir = dirFor(QStringLiteral("alice"));
        const QString content = QStringLiteral("Confidential: my insulin dose is 12 units");
        auto outbox = open(dir, kAlice);
        QVERIFY(outbox);
        OutboxEntry e = entry(content);
        e.clientMessageId = QStringLiteral("client-id-visible-only-inside");
        QVERIFY(outbox->enqueue(e).ok());
        QVERIFY(outbox->markFailed(e.clientMessageId, QStringLiteral("Conversation closed")).ok());
        QVERIFY(outbox->enqueue(entry(content)).ok());

        const QList<QByteArray> needles {
            content.toUtf8(),
            QByteArrayLiteral("insulin"),
            QByteArray(reinterpret_cast<const char *>(content.utf16()), 20), // UTF-16, in case
            model::uuidToWire(kConversation).toUtf8(),
            kConversation.toString().toUpper().toUtf8(),
            kConversation.toRfc4122(),
            model::uuidToWire(kAlice).toUtf8(),
            QByteArrayLiteral("client-id-visible"),
            QByteArrayLiteral("Conversation closed"),
            QByteArrayLiteral("conversationId"),
            kPassword.toUtf8(),
        };
        const QStringList files = QDir(dir).entryList(QDir::Files);
        QCOMPARE(files.size(), 4); // salt, canary, one .msg, one .failed
        for (const QString &name : files) {
            const QByteArray bytes = readAll(QDir(dir).filePath(name));
            QVERIFY(!bytes.isEmpty());
            for (const QByteArray &needle : needles)
                QVERIFY2(!bytes.contains(needle),
                    qPrintable(name + QStringLiteral(" contains ") + QString::fromUtf8(needle.toHex())));
        }
    }

    void wrongPasswordIsReportedClearly()
    {
        const QString dir = dirFor(QStringLiteral("alice"));
        {
            auto outbox = open(dir, kAlice);
            QVERIFY(outbox);
            QVERIFY(outbox->enqueue(entry(QStringLiteral("kept"))).ok());
        }
        const auto wrong = OutboxKey::unlock(dir, QStringLiteral("not the password"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().kind, OutboxKeyError::Kind::WrongPassword);
        QVERIFY(wrong.error().message.contains(QStringLiteral("password")));
        // Nothing was changed or lost by the failed attempt.
        auto outbox = open(dir, kAlice);
        QVERIFY(outbox);
        QCOMPARE(outbox->size(), 1);
    }

    void damagedKeyFilesAreNotAWrongPassword_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("canary bit flipped") << QStringLiteral("flip-canary");
        QTest::newRow("canary truncated") << QStringLiteral("truncate-canary");
        QTest::newRow("canary removed") << QStringLiteral("remove-canary");
        QTest::newRow("salt bit flipped") << QStringLiteral("flip-salt");
        QTest::newRow("salt truncated") << QStringLiteral("truncate-salt");
        QTest::newRow("salt removed, entries left") << QStringLiteral("remove-salt");
    }

    void damagedKeyFilesAreNotAWrongPassword()
    {
        QFETCH(QString, damage);
        const QString dir = dirFor(QStringLiteral("alice"));
        {
            auto outbox = open(dir, kAlice);
            QVERIFY(outbox);
            QVERIFY(outbox->enqueue(entry(QStringLiteral("kept"))).ok());
        }
        const QString file
            = QDir(dir).filePath(damage.endsWith(QStringLiteral("canary")) ? OutboxKey::kCanaryFileName
                                                                           : OutboxKey::kSaltFileName);
        QByteArray bytes = readAll(file);
        if (damage.startsWith(QStringLiteral("flip"))) {
            bytes[bytes.size() / 2] = char(bytes.at(bytes.size() / 2) ^ 0x01);
            QVERIFY(writeAll(file, bytes));
        } else if (damage.startsWith(QStringLiteral("truncate"))) {
            QVERIFY(writeAll(file, bytes.chopped(1)));
        } else {
            QVERIFY(QFile::remove(file));
        }

        const auto unlocked = OutboxKey::unlock(dir, kPassword);
        QVERIFY(!unlocked.ok());
        QCOMPARE(unlocked.error().kind, OutboxKeyError::Kind::Damaged);
        QVERIFY(unlocked.error().message.contains(QStringLiteral("damaged")));
        // The entry is still there for a repaired salt/canary; nothing was overwritten.
        QCOMPARE(entryFiles(dir).size(), 1);
    }

    void resetStartsAfreshUnderTheNewPassword()
    {
        const QString dir = dirFor(QStringLiteral("alice"));
        {
            auto outbox = open(dir, kAlice);
            QVERIFY(outbox);
            QVERIFY(outbox->enqueue(entry(QStringLiteral("lost on reset"))).ok());
        }
        const QString newPassword = QStringLiteral("changed on another device");
        auto key = OutboxKey::reset(dir, newPassword);
        QVERIFY(key.ok());
        Outbox outbox(dir, kAlice, std::move(key).value());
        QCOMPARE(outbox.size(), 0);
        QCOMPARE(outbox.skippedFileCount(), 0);
        QVERIFY(entryFiles(dir).isEmpty());
        QCOMPARE(OutboxKey::unlock(dir, kPassword).error().kind, OutboxKeyError::Kind::WrongPassword);
    }

    void anotherUsersKeyCannotOpenTheEntries()
    {
        const QString aliceDir = dirFor(QStringLiteral("alice"));
        const QString bobDir = dirFor(QStringLiteral("bob"));
        {
            auto alice = open(aliceDir, kAlice);
            QVERIFY(alice);
            QVERIFY(alice->enqueue(entry(QStringLiteral("for alice only"))).ok());
            QVERIFY(alice->enqueue(entry(QStringLiteral("also alice's"))).ok());
        }
        // Bob, even with the same password, has his own salt and so his own key.
        {
            auto bob = open(bobDir, kBob);
            QVERIFY(bob);
        }
        for (const QString &name : entryFiles(aliceDir))
            QVERIFY(QFile::copy(QDir(aliceDir).filePath(name), QDir(bobDir).filePath(name)));
        auto bob = open(bobDir, kBob);
        QVERIFY(bob);
        QCOMPARE(bob->size(), 0);
        QCOMPARE(bob->skippedFileCount(), 2);

        // Alice's whole directory, salt and canary included, opened as Bob's: the key is
        // Alice's but the AAD names Bob, so the entries still do not open.
        const QString copied = dirFor(QStringLiteral("copied"));
        QVERIFY(QDir().mkpath(copied));
        for (const QString &name : QDir(aliceDir).entryList(QDir::Files))
            QVERIFY(QFile::copy(QDir(aliceDir).filePath(name), QDir(copied).filePath(name)));
        auto asBob = open(copied, kBob);
        QVERIFY(asBob);
        QCOMPARE(asBob->size(), 0);
        QCOMPARE(asBob->skippedFileCount(), 2);
    }

    void renamedOrSwappedFilesAreRefused()
    {
        const QString dir = dirFor(QStringLiteral("alice"));
        {
            auto outbox = open(dir, kAlice);
            QVERIFY(outbox);
            for (const QString &text :
                {QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")})
                QVERIFY(outbox->enqueue(entry(text)).ok());
        }
        const QDir d(dir);
        const QStringList files = entryFiles(dir);
        QCOMPARE(files.size(), 3);
        // Swap the first two (to reorder them) and move the third to the front.
        QVERIFY(QFile::rename(d.filePath(files.at(0)), d.filePath(QStringLiteral("tmp"))));
        QVERIFY(QFile::rename(d.filePath(files.at(1)), d.filePath(files.at(0))));
        QVERIFY(QFile::rename(d.filePath(QStringLiteral("tmp")), d.filePath(files.at(1))));
        QVERIFY(QFile::rename(
            d.filePath(files.at(2)), d.filePath(QStringLiteral("0000000000000000-") + files.at(2).mid(17))));

        auto outbox = open(dir, kAlice);
        QVERIFY(outbox);
        QCOMPARE(outbox->size(), 0);
        QCOMPARE(outbox->skippedFileCount(), 3);
    }

    void garbageFilesAreSkipped()
    {
        const QString dir = dirFor(QStringLiteral("alice"));
        QString keptId;
        {
            auto outbox = open(dir, kAlice);
            QVERIFY(outbox);
            keptId = outbox->enqueue(entry(QStringLiteral("survivor"))).value().clientMessageId;
        }
        const QDir d(dir);
        QVERIFY(writeAll(d.filePath(QStringLiteral("0000000000000099-00000000deadbeef.msg")),
            QByteArrayLiteral("not an entry at all")));
        QVERIFY(writeAll(d.filePath(QStringLiteral("0000000000000098-00000000deadbeef.msg")), QByteArray()));
        QVERIFY(writeAll(
            d.filePath(QStringLiteral("0000000000000097-00000000deadbeef.failed")), QByteArray(200, '\xff')));
        QVERIFY(writeAll(d.filePath(QStringLiteral("notes.txt")), QByteArrayLiteral("hello")));
        QVERIFY(d.mkdir(QStringLiteral("subdir.msg")));

        auto outbox = open(dir, kAlice);
        QVERIFY(outbox);
        QCOMPARE(outbox->size(), 1);
        QCOMPARE(outbox->head()->clientMessageId, keptId);
        QCOMPARE(outbox->skippedFileCount(), 4);
        QVERIFY(outbox->failed().isEmpty());
        // Skipped files are kept (they might be repairable) and their numbers are not reused.
        QVERIFY(QFile::exists(d.filePath(QStringLiteral("0000000000000099-00000000deadbeef.msg"))));
        QVERIFY(outbox->enqueue(entry(QStringLiteral("after garbage"))).ok());
        QVERIFY(entryFiles(dir).last().startsWith(QStringLiteral("0000000000000100-")));
    }

    void filesAreOwnerOnly()
    {
        const QString dir = dirFor(QStringLiteral("nested/alice"));
        auto outbox = open(dir, kAlice);
        QVERIFY(outbox);
        const QString id = outbox->enqueue(entry(QStringLiteral("a"))).value().clientMessageId;
        QVERIFY(outbox->enqueue(entry(QStringLiteral("b"))).ok());
        QVERIFY(outbox->markFailed(id, QStringLiteral("refused")).ok());

        QCOMPARE(ownerGroupOther(dir), kOwnerAll);
        const QStringList files = QDir(dir).entryList(QDir::Files);
        QCOMPARE(files.size(), 4);
        for (const QString &name : files)
            QVERIFY2(ownerGroupOther(QDir(dir).filePath(name)) == kOwnerReadWrite, qPrintable(name));
    }

    void markSentRemovesTheFile()
    {
        const QString dir = dirFor(QStringLiteral("alice"));
        QString second;
        {
            auto outbox = open(dir, kAlice);
            QVERIFY(outbox);
            const QString first = outbox->enqueue(entry(QStringLiteral("first"))).value().clientMessageId;
            second = outbox->enqueue(entry(QStringLiteral("second"))).value().clientMessageId;
            QSignalSpy changed(outbox.get(), &Outbox::changed);
            QVERIFY(outbox->markSent(first).ok());
            QCOMPARE(changed.size(), 1);
            QCOMPARE(outbox->size(), 1);
            QCOMPARE(entryFiles(dir).size(), 1);
            QVERIFY(!outbox->markSent(first).ok()); // not queued any more
            QVERIFY(!outbox->markSent(QStringLiteral("never queued")).ok());
        }
        auto outbox = open(dir, kAlice);
        QVERIFY(outbox);
        QCOMPARE(outbox->size(), 1);
        QCOMPARE(outbox->head()->clientMessageId, second);
        QVERIFY(outbox->markSent(second).ok());
        QVERIFY(outbox->isEmpty());
        QVERIFY(entryFiles(dir).isEmpty());
    }

    void failedEntriesPersistAndCanBeRetriedOrDiscarded()
    {
        const QString dir = dirFor(QStringLiteral("alice"));
        QString a, b, c;
        {
            auto outbox = open(dir, kAlice);
            QVERIFY(outbox);
            a = outbox->enqueue(entry(QStringLiteral("a"))).value().clientMessageId;
            b = outbox->enqueue(entry(QStringLiteral("b"))).value().clientMessageId;
            c = outbox->enqueue(entry(QStringLiteral("c"))).value().clientMessageId;
            QVERIFY(outbox->markFailed(b, QStringLiteral("Conversation not found")).ok());
            QVERIFY(outbox->markFailed(a, QStringLiteral("Content too long")).ok());
            QCOMPARE(outbox->size(), 1);
        }
        auto outbox = open(dir, kAlice);
        QVERIFY(outbox);
        QCOMPARE(outbox->size(), 1);
        QCOMPARE(outbox->head()->clientMessageId, c);
        const auto failed = outbox->failed();
        QCOMPARE(failed.size(), 2);
        QCOMPARE(failed.at(0).entry.clientMessageId, a); // in the order they were written
        QCOMPARE(failed.at(0).reason, QStringLiteral("Content too long"));
        QCOMPARE(failed.at(1).entry.content, QStringLiteral("b"));
        QCOMPARE(failed.at(1).reason, QStringLiteral("Conversation not found"));
        QVERIFY(failed.at(1).failedAt.isValid());

        QVERIFY(outbox->retryFailed(b).ok());
        QCOMPARE(outbox->pending().last().clientMessageId, b);
        QVERIFY(outbox->discardFailed(a).ok());
        QVERIFY(outbox->failed().isEmpty());
        QCOMPARE(entryFiles(dir).size(), 2);
    }

    void defaultDirectoryIsPerServerAndUser()
    {
        const QString dir = Outbox::defaultDirectory(QUrl(QStringLiteral("http://127.0.0.1")), kAlice);
        QVERIFY(dir.endsWith(QStringLiteral("/outbox/127.0.0.1-3000/") + model::uuidToWire(kAlice)));
        const QString v6 = Outbox::defaultDirectory(QUrl(QStringLiteral("https://[::1]:8443")), kBob);
        QVERIFY(v6.endsWith(QStringLiteral("/outbox/__1-8443/") + model::uuidToWire(kBob)));
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
