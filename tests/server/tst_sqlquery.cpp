#include "server/store/database.h"
#include "server/store/sqlquery.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vw::server::store;

// SqlQuery on a real SQLite file, where it runs statements through SQLite's own API
// (SqliteStatement). The values must come and go exactly as the Qt driver's did, because the
// repositories were written against that driver.
class TestSqlQuery : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto opened
            = Database::openSqlite(m_dir->filePath(QStringLiteral("store.db")), QStringLiteral("sqlquery"));
        QVERIFY(opened);
        m_db = std::move(opened).value();
        QVERIFY(m_db->sqliteHandle());
        QVERIFY(m_db->exec(QStringLiteral(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, name TEXT UNIQUE, body BLOB, n BIGINT, x REAL)")));
    }

    void cleanup()
    {
        m_db.reset();
        m_dir.reset();
    }

    void valuesRoundTripWithTheirTypes()
    {
        // Beyond the BMP, combining marks and a NUL inside a blob.
        const QString name = QStringLiteral("caf\u00e9 \U0001F489 e\u0301");
        const QByteArray body("a\0b\xff", 4);
        {
            SqlQuery insert(
                *m_db, QStringLiteral("INSERT INTO notes (name, body, n, x) VALUES (?, ?, ?, ?)"));
            QVERIFY(insert.exec({name, body, qint64(1) << 40, 2.5}));
            QCOMPARE(insert.numRowsAffected(), 1);
            QCOMPARE(insert.lastInsertId(), qint64(1));
        }
        SqlQuery select(
            *m_db, QStringLiteral("SELECT name, body, n, x, typeof(name), typeof(body) FROM notes"));
        QVERIFY(select.exec());
        QVERIFY(select.next());
        QCOMPARE(select.value(0).toString(), name);
        QCOMPARE(select.value(1).toByteArray(), body);
        QCOMPARE(select.value(2).toLongLong(), qint64(1) << 40);
        QCOMPARE(select.value(3).toDouble(), 2.5);
        // Text is stored as text and a byte array as a blob (search and hashes depend on it).
        QCOMPARE(select.value(4).toString(), QStringLiteral("text"));
        QCOMPARE(select.value(5).toString(), QStringLiteral("blob"));
        QVERIFY(!select.value(6).isValid()); // no such column
        QVERIFY(!select.next());
    }

    void nullStringsBindNullButEmptyStringsDoNot()
    {
        SqlQuery insert(*m_db, QStringLiteral("INSERT INTO notes (id, name, body) VALUES (?, ?, ?)"));
        QVERIFY(insert.exec({1, QString(), QByteArray()}));
        QVERIFY(insert.exec({2, QStringLiteral(""), QByteArray("")}));
        QVERIFY(insert.exec({3, nullableText(QString()), QVariant()}));
        SqlQuery select(
            *m_db, QStringLiteral("SELECT id, name IS NULL, body IS NULL, name FROM notes ORDER BY id"));
        QVERIFY(select.exec());
        QList<QList<int>> nulls;
        while (select.next()) {
            nulls.append({select.value(0).toInt(), select.value(1).toInt(), select.value(2).toInt()});
            if (select.value(0).toInt() == 1)
                QVERIFY(!select.value(3).isValid()); // NULL reads as an invalid QVariant
        }
        QCOMPARE(nulls, (QList<QList<int>> {{1, 1, 1}, {2, 0, 0}, {3, 1, 1}}));
    }

    void aUniqueViolationIsAConflictAndTheStatementStaysUsable()
    {
        SqlQuery insert(*m_db, QStringLiteral("INSERT INTO notes (name) VALUES (?)"));
        QVERIFY(insert.exec({QStringLiteral("a")}));
        const auto again = insert.exec({QStringLiteral("a")});
        QVERIFY(!again);
        QCOMPARE(again.error().kind, StoreError::Kind::Conflict);
        QVERIFY(again.error().detail.contains(QStringLiteral("UNIQUE")));
        QVERIFY(insert.exec({QStringLiteral("b")}));
        const auto primary = SqlQuery(*m_db, QStringLiteral("INSERT INTO notes (id) VALUES (1)")).exec();
        QVERIFY(!primary);
        QCOMPARE(primary.error().kind, StoreError::Kind::Conflict);
    }

    void badStatementsFailAsQueryErrors()
    {
        const auto syntax = SqlQuery(*m_db, QStringLiteral("SELEC nothing")).exec();
        QVERIFY(!syntax);
        QCOMPARE(syntax.error().kind, StoreError::Kind::QueryFailed);
        const auto two = SqlQuery(*m_db, QStringLiteral("SELECT 1; SELECT 2")).exec();
        QVERIFY(!two);
        QCOMPARE(two.error().kind, StoreError::Kind::QueryFailed);
        const auto tooMany = SqlQuery(*m_db, QStringLiteral("SELECT ?")).exec({1, 2});
        QVERIFY(!tooMany);
        QCOMPARE(tooMany.error().kind, StoreError::Kind::QueryFailed);
        const auto constraint = SqlQuery(*m_db, QStringLiteral("INSERT INTO notes (id) VALUES ('x')")).exec();
        QVERIFY(!constraint); // datatype mismatch on an INTEGER PRIMARY KEY
        QCOMPARE(constraint.error().kind, StoreError::Kind::QueryFailed);
    }

    void nestedQueriesOfTheSameTextEachGetAStatement()
    {
        for (int id = 1; id <= 3; ++id)
            QVERIFY(SqlQuery(*m_db, QStringLiteral("INSERT INTO notes (id) VALUES (?)")).exec({id}));
        const QString text = QStringLiteral("SELECT id FROM notes WHERE id >= ? ORDER BY id");
        SqlQuery outer(*m_db, text);
        QVERIFY(outer.exec({1}));
        QList<int> pairs;
        while (outer.next()) {
            SqlQuery inner(*m_db, text);
            QVERIFY(inner.exec({outer.value(0).toInt()}));
            while (inner.next())
                pairs.append(outer.value(0).toInt() * 10 + inner.value(0).toInt());
        }
        QCOMPARE(pairs, (QList<int> {11, 12, 13, 22, 23, 33}));
    }

    void boundValuesOutliveTheCallForLaterRows()
    {
        // The bound text must stay valid while next() steps on (the values list is gone).
        QVERIFY(m_db->exec(QStringLiteral("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT)")));
        for (int id = 1; id <= 50; ++id)
            QVERIFY(SqlQuery(*m_db, QStringLiteral("INSERT INTO tags (id, name) VALUES (?, ?)"))
                        .exec({id, QStringLiteral("name-%1").arg(id % 2)}));
        SqlQuery select(*m_db, QStringLiteral("SELECT count(*) FROM tags WHERE name = ? AND id > ?"));
        QVERIFY(select.exec({QStringLiteral("name-1"), 0}));
        QVERIFY(select.next());
        QCOMPARE(select.value(0).toInt(), 25);
        SqlQuery rows(*m_db, QStringLiteral("SELECT id FROM tags WHERE name = ? ORDER BY id"));
        QVERIFY(rows.exec({QStringLiteral("name-0")}));
        int count = 0;
        while (rows.next())
            ++count;
        QCOMPARE(count, 25);
    }

    void aFinishedQueryReleasesItsSnapshotForCommit()
    {
        for (int id = 1; id <= 3; ++id)
            QVERIFY(SqlQuery(*m_db, QStringLiteral("INSERT INTO notes (id) VALUES (?)")).exec({id}));
        QVERIFY(m_db->exec(QStringLiteral("BEGIN IMMEDIATE")));
        {
            SqlQuery partly(*m_db, QStringLiteral("SELECT id FROM notes"));
            QVERIFY(partly.exec());
            QVERIFY(partly.next()); // left in the middle of its rows
        }
        QVERIFY(SqlQuery(*m_db, QStringLiteral("DELETE FROM notes WHERE id = 2")).exec());
        QVERIFY(m_db->exec(QStringLiteral("COMMIT")));
        // The table can be dropped: no statement still reads it.
        QVERIFY(m_db->exec(QStringLiteral("DROP TABLE notes")));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestSqlQuery)
#include "tst_sqlquery.moc"
