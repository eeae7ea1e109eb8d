#include "server/auth/authmodule.h"
#include "server/auth/useradministration.h"
#include "server/core/storebootstrap.h"
#include "server/messaging/messagingmodule.h"
#include "server/messaging/searchindexer.h"
#include "server/messaging/searchindexfile.h"
#include "server/messaging/systemmessenger.h"
#include "server/server.h"
#include "tests/support/httptestclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace vw::server;

namespace {

const QString kPassword = QStringLiteral("search index test passphrase");

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// A plain SQLite connection of the test's own to a file, for looking at it (or locking it)
// from outside the server.
class OutsideConnection
{
public:
    explicit OutsideConnection(const QString &path)
        : m_name(QStringLiteral("outside-%1").arg(QUuid::createUuid().toString(QUuid::Id128)))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~OutsideConnection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(OutsideConnection)

    // The first column of the first row, or an invalid QVariant (the error is printed).
    QVariant scalar(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql)) {
            qWarning() << sql << query.lastError().text();
            return {};
        }
        return query.next() ? query.value(0) : QVariant(0);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        const bool ok = query.exec(sql);
        if (!ok)
            qWarning() << sql << query.lastError().text();
        return ok;
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace

// The search index kept by its own thread (SearchIndexer) in its own file, through the
// production Server over real HTTP: searches see what was acknowledged before them, messages
// stored together are indexed together, deletions take their rows out (also when the message
// never reached the index), and a missing or foreign index file is rebuilt from the store.
class TestSearchIndexer : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        m_index.reset();
        m_store.reset();
        m_doctor.reset();
        m_server.reset();
        m_dir.reset();
    }

    void aSearchFindsWhatWasAcknowledgedBeforeIt()
    {
        // No round would come by itself for a minute: the search has to bring it about.
        QVERIFY(startWithConversation(minuteLongGathering()));
        const QString id = send(s("the wombat ate the carrots"));
        QCOMPARE(foundIds(s("wombat")), QStringList {id});
        QCOMPARE(indexer().messagesIndexed(), quint64(1));
        QCOMPARE(foundIds(s("carrots wombat")), QStringList {id});
        QVERIFY(foundIds(s("rabbit")).isEmpty());
    }

    void messagesStoredTogetherAreIndexedInOneRound()
    {
        messaging::SearchIndexSettings settings;
        settings.gatherMs = 1500;
        QVERIFY(startWithConversation(settings));
        const quint64 roundsBefore = indexer().roundsRun();
        constexpr int kMessages = 60;
        QElapsedTimer sending;
        sending.start();
        for (int i = 0; i < kMessages; ++i)
            send(QStringLiteral("observation number %1 recorded").arg(i));
        const qint64 sendingMs = sending.elapsed();
        QTRY_COMPARE_WITH_TIMEOUT(indexer().messagesIndexed(), quint64(kMessages), 20000);
        // A round per gathering period while they were sent, not one per message.
        const quint64 rounds = indexer().roundsRun() - roundsBefore;
        QVERIFY2(rounds <= quint64(1 + sendingMs / settings.gatherMs + 1),
            qPrintable(QStringLiteral("%1 rounds for %2 messages sent in %3 ms")
                           .arg(rounds)
                           .arg(kMessages)
                           .arg(sendingMs)));
        QCOMPARE(indexRows(), kMessages);
        QCOMPARE(foundIds(s("observation")).size(), 60);
    }

    void aDeletedMessageLeavesTheIndex()
    {
        QVERIFY(startWithConversation(minuteLongGathering()));
        const QString gone = send(s("wombat sighting at noon"));
        const QString kept = send(s("another wombat"));
        QCOMPARE(foundIds(s("wombat")).size(), 2);
        QCOMPARE(indexRows(), 2);

        QCOMPARE(m_doctor->send("DELETE", QStringLiteral("/messaging/messages/%1").arg(gone)).status, 204);
        // The search's round takes the row out, and the store forgets the tokens it needed.
        QCOMPARE(foundIds(s("wombat")), QStringList {kept});
        QCOMPARE(indexRows(), 1);
        QCOMPARE(indexer().rowsRemoved(), quint64(1));
        QTRY_COMPARE(store().scalar(s("SELECT COUNT(*) FROM search_removals")).toInt(), 0);
        QVERIFY(index().exec(s("INSERT INTO message_search (message_search) VALUES ('integrity-check')")));
    }

    void aMessageDeletedBeforeItWasIndexedNeverEntersTheIndex()
    {
        QVERIFY(startWithConversation(minuteLongGathering()));
        QCOMPARE(foundIds(s("anything")).size(), 0); // the index is up to date: empty
        const QString gone = send(s("a typo to take back"));
        QCOMPARE(m_doctor->send("DELETE", QStringLiteral("/messaging/messages/%1").arg(gone)).status, 204);
        QCOMPARE(store().scalar(s("SELECT COUNT(*) FROM search_removals")).toInt(), 1);

        QVERIFY(foundIds(s("typo")).isEmpty());
        QCOMPARE(indexer().messagesIndexed(), quint64(0));
        QCOMPARE(indexer().rowsRemoved(), quint64(0)); // nothing to take out: never added
        QCOMPARE(indexRows(), 0);
        QTRY_COMPARE(store().scalar(s("SELECT COUNT(*) FROM search_removals")).toInt(), 0);
        QVERIFY(index().exec(s("INSERT INTO message_search (message_search) VALUES ('integrity-check')")));
        // What comes after is indexed as usual.
        const QString next = send(s("the right words"));
        QCOMPARE(foundIds(s("words")), QStringList {next});
    }

    void aMissingIndexIsRebuiltFromTheStore()
    {
        messaging::SearchIndexSettings settings;
        settings.roundMessages = 7; // several rounds for the rebuild
        QVERIFY(startWithConversation(settings));
        QStringList sent;
        for (int i = 0; i < 20; ++i)
            sent.prepend(send(QStringLiteral("entry %1 of the diary").arg(i)));
        QCOMPARE(foundIds(s("diary")), sent);
        restart(settings, [this] {
            for (const char *suffix : {"", "-wal", "-shm"})
                QFile::remove(indexPath() + QString::fromLatin1(suffix));
        });

        QCOMPARE(foundIds(s("diary")), sent);
        QCOMPARE(indexer().messagesIndexed(), quint64(20));
        QVERIFY(indexer().roundsRun() >= 3);
        QCOMPARE(indexRows(), 20);
    }

    void anIndexOfAnotherStoreIsRebuilt()
    {
        QVERIFY(startWithConversation(minuteLongGathering()));
        const QString first = send(s("blood pressure normal"));
        const QString second = send(s("pressure rising"));
        QCOMPARE(foundIds(s("pressure")).size(), 2);
        // As if the store had been swapped for a copy whose rows are numbered otherwise.
        restart(minuteLongGathering(), [this] {
            OutsideConnection file(indexPath());
            QVERIFY(file.exec(s("UPDATE search_progress SET indexed_message_id = 'another store'")));
        });

        QCOMPARE(foundIds(s("pressure")), (QStringList {second, first}));
        QCOMPARE(indexer().messagesIndexed(), quint64(2));
        QCOMPARE(indexRows(), 2); // emptied first: nothing twice
    }

    void anIndexAheadOfTheStoresDeletionsIsRebuilt()
    {
        QVERIFY(startWithConversation(minuteLongGathering()));
        const QString kept = send(s("heart rate steady"));
        QCOMPARE(foundIds(s("heart")), QStringList {kept});
        // As if the store were an older copy than the index: the index applied deletions the
        // store has not numbered yet, so the store's next ones would look applied already.
        restart(minuteLongGathering(), [this] {
            OutsideConnection file(indexPath());
            QVERIFY(file.exec(s("UPDATE search_progress SET removals_through = 1000")));
        });

        QCOMPARE(foundIds(s("heart")), QStringList {kept});
        QCOMPARE(indexer().messagesIndexed(), quint64(1)); // rebuilt
        const QString gone = send(s("heart murmur noted"));
        QCOMPARE(foundIds(s("heart")).size(), 2);
        QCOMPARE(m_doctor->send("DELETE", QStringLiteral("/messaging/messages/%1").arg(gone)).status, 204);
        QCOMPARE(foundIds(s("heart")), QStringList {kept});
        QCOMPARE(indexRows(), 1); // the deletion's row came out
    }

    void aSearchTheIndexCannotAnswerInTimeGets503()
    {
        messaging::SearchIndexSettings settings = minuteLongGathering();
        settings.maxWaitMs = 300;
        QVERIFY(startWithConversation(settings));
        const QString id = send(s("stuck index"));
        {
            // Another process holds the index file's write lock: the round cannot commit.
            OutsideConnection blocker(indexPath());
            QVERIFY(blocker.exec(s("BEGIN IMMEDIATE")));
            const auto reply = m_doctor->get(s("/messaging/messages/search?q=stuck"));
            QCOMPARE(reply.status, 503);
            QCOMPARE(reply.json().value(s("statusCode")).toInt(), 503);
            QVERIFY(reply.json().value(s("message")).toString().contains(s("search")));
            QVERIFY(blocker.exec(s("ROLLBACK")));
        }
        QTRY_COMPARE_WITH_TIMEOUT(foundIds(s("stuck")), QStringList {id}, 15000);
    }

    void synchronousWritesDoNotWaitForTheIndexFile()
    {
        QVERIFY(startWithConversation(minuteLongGathering()));
        {
            // The index file's write lock held elsewhere (as by a long indexing round): the
            // platform's alerts are written synchronously on the network thread's connection,
            // which must not have to take that lock (a busy timeout, then an error).
            OutsideConnection blocker(indexPath());
            QVERIFY(blocker.exec(s("BEGIN IMMEDIATE")));
            const auto posted = m_server->messaging()->systemMessenger().postSystemMessage(
                m_patientId, m_providerId, s("glucose alert for review"));
            QVERIFY2(posted.ok(), qPrintable(posted.ok() ? QString() : posted.error().message));
            QVERIFY(blocker.exec(s("ROLLBACK")));
        }
        QCOMPARE(foundIds(s("glucose")).size(), 1);
    }

private:
    static messaging::SearchIndexSettings minuteLongGathering()
    {
        messaging::SearchIndexSettings settings;
        settings.gatherMs = 60 * 1000;
        return settings;
    }

    bool startServer(const messaging::SearchIndexSettings &settings)
    {
        ServerOptions options;
        options.dataDir = m_dir->path();
        options.port = 0;
        options.messagesPerMinute = 0;
        options.searchIndex = settings;
        m_server = std::make_unique<Server>(options);
        const auto started = m_server->start();
        if (!started)
            qWarning() << started.error();
        return started.ok();
    }

    bool signInDoctor()
    {
        m_doctor = std::make_unique<vw::test::HttpTestClient>(
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port())));
        const auto login = m_doctor->post(
            s("/auth/login"), QJsonObject {{s("username"), s("dr.grey")}, {s("password"), kPassword}});
        m_doctor->setBearer(login.json().value(s("accessToken")).toString());
        return login.status == 200;
    }

    bool startWithConversation(const messaging::SearchIndexSettings &settings)
    {
        if (!startServer(settings))
            return false;
        auto &admin = m_server->auth()->userAdministration();
        const auto provider
            = admin.createUser(s("dr.grey"), s("Dr. Grey"), vw::model::UserRole::Provider, kPassword);
        const auto patient
            = admin.createUser(s("pat.one"), s("Pat One"), vw::model::UserRole::Patient, kPassword);
        if (!provider || !patient || !signInDoctor())
            return false;
        m_providerId = provider.value().id;
        m_patientId = patient.value().id;
        const auto created = m_doctor->post(s("/messaging/conversations"),
            QJsonObject {{s("patientId"), patient.value().id.toString(QUuid::WithoutBraces)},
                {s("providerId"), provider.value().id.toString(QUuid::WithoutBraces)}});
        m_conversation = created.json().value(s("id")).toString();
        return created.status == 201;
    }

    // Stops the server, runs `meanwhile`, starts it again on the same data dir.
    void restart(const messaging::SearchIndexSettings &settings, const std::function<void()> &meanwhile)
    {
        m_doctor.reset();
        m_server.reset();
        meanwhile();
        QVERIFY(startServer(settings));
        QVERIFY(signInDoctor());
    }

    QString send(const QString &content)
    {
        const auto sent
            = m_doctor->post(QStringLiteral("/messaging/conversations/%1/messages").arg(m_conversation),
                QJsonObject {{s("content"), content}});
        if (sent.status != 201)
            qWarning() << "send answered" << sent.status;
        return sent.json().value(s("id")).toString();
    }

    // The ids a search finds, newest first (empty, with a warning, when it was not a 200).
    QStringList foundIds(const QString &query)
    {
        const auto reply = m_doctor->get(QStringLiteral("/messaging/messages/search?limit=100&q=%1")
                                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(query))));
        if (reply.status != 200) {
            qWarning() << "search answered" << reply.status;
            return {};
        }
        QStringList ids;
        for (const QJsonValue &message : reply.json().value(s("messages")).toArray())
            ids.append(message.toObject().value(s("id")).toString());
        return ids;
    }

    messaging::SearchIndexer &indexer() { return *m_server->messaging()->searchIndexer(); }

    QString storePath() const
    {
        return m_dir->filePath(QString::fromLatin1(StoreBootstrap::kDatabaseFileName));
    }
    QString indexPath() const { return messaging::SearchIndexFile::pathFor(storePath()); }

    OutsideConnection &store()
    {
        if (!m_store)
            m_store = std::make_unique<OutsideConnection>(storePath());
        return *m_store;
    }
    OutsideConnection &index()
    {
        m_index = std::make_unique<OutsideConnection>(indexPath());
        return *m_index;
    }
    int indexRows() { return index().scalar(s("SELECT COUNT(*) FROM message_search")).toInt(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Server> m_server;
    std::unique_ptr<vw::test::HttpTestClient> m_doctor;
    std::unique_ptr<OutsideConnection> m_store;
    std::unique_ptr<OutsideConnection> m_index;
    QString m_conversation;
    QUuid m_providerId;
    QUuid m_patientId;
};

QTEST_GUILESS_MAIN(TestSearchIndexer)
#include "tst_searchindexer.moc"
