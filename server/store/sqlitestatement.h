#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QByteArray>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <memory>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace vw::server::store {

// One prepared statement on a SQLite connection, driven through SQLite's own API.
//
// Why not QSqlQuery on SQLite: Qt binds every parameter through a QString key (":%1".arg(i))
// and a hash, hands text to SQLite as UTF-16 (which SQLite converts back to UTF-8 for a UTF-8
// database), and copies each row into a QVariant vector. On the group-commit writer that
// bookkeeping was a sixth of its time per message (measured with perf). Here text is bound
// as UTF-8 that stays alive until the next execution, and values are read on demand.
//
// Values follow the Qt SQLite driver's conventions, so callers see no difference: a null
// QVariant, a null QString or a null QByteArray binds NULL; integers and bools bind as
// 64-bit integers; QByteArray binds a blob; anything else binds its text. Reading gives
// qint64, double, QString (UTF-8 decoded), QByteArray (blob) or an invalid QVariant (NULL).
class SqliteStatement
{
public:
    static Result<std::unique_ptr<SqliteStatement>, StoreError> prepare(
        sqlite3 *connection, const QString &sql);
    ~SqliteStatement();
    Q_DISABLE_COPY_MOVE(SqliteStatement)

    // Resets, binds `values` by position and runs the statement up to its first row.
    // A unique or primary-key violation is Kind::Conflict.
    Status<StoreError> exec(const QVariantList &values);

    // Moves to the next row (the first after exec); false at the end or on an error.
    bool next();
    QVariant value(int column) const;
    // Rows changed by the last exec of an INSERT, UPDATE or DELETE.
    int numRowsAffected() const { return m_changes; }
    // The rowid of the last row this connection inserted.
    qint64 lastInsertRowid() const;
    // Releases the statement's read snapshot and its bound values, ready for the next exec.
    void reset();

private:
    SqliteStatement(sqlite3 *connection, sqlite3_stmt *statement);

    Status<StoreError> bind(int position, const QVariant &value);
    StoreError failure(int code) const;

    sqlite3 *m_connection;
    sqlite3_stmt *m_statement;
    // The bound text (as UTF-8) and blobs, kept alive until the next reset: SQLite reads
    // them in place, and a query's later steps still need them.
    std::vector<QByteArray> m_boundBytes;
    bool m_rowPending = false; // exec stepped onto a row that next() has not handed out yet
    bool m_onRow = false;
    int m_changes = 0;
};

} // namespace vw::server::store
