#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <initializer_list>
#include <memory>
#include <optional>

namespace vw::server::store {

class Database;
class SqliteStatement;

// Prepares, binds and runs one statement, turning driver failures into StoreError.
// Repositories use it so that no handler ever sees a QSqlQuery. Prepared statements are
// borrowed from the connection's cache (Database::idle…Statements) and returned afterwards.
// On SQLite the statement runs through SQLite's own API (SqliteStatement: Qt's binding
// bookkeeping was measurable on the writer), elsewhere through QSqlQuery.
class SqlQuery
{
public:
    SqlQuery(Database &database, const QString &sql);
    // Hands the prepared statement back to the connection's cache.
    ~SqlQuery();
    Q_DISABLE_COPY_MOVE(SqlQuery)

    // Runs with positional bind values; a unique-constraint violation is Kind::Conflict.
    Status<StoreError> exec(std::initializer_list<QVariant> values = {});
    Status<StoreError> exec(const QVariantList &values);

    bool next();
    QVariant value(int column) const;
    int numRowsAffected() const;
    // The rowid (SQLite) or id the last INSERT on this connection made.
    qint64 lastInsertId() const;

private:
    void prepareWithSqlite();
    void prepareWithQt();

    Database &m_database;
    QString m_sql;
    std::optional<StoreError> m_prepareError;
    // Exactly one of the two is set once prepared.
    std::unique_ptr<SqliteStatement> m_sqlite;
    std::optional<QSqlQuery> m_qt;
};

// Binding helpers for nullable columns.
QVariant nullableText(const QString &text);
QVariant nullableMs(qint64 msOrZero);

} // namespace vw::server::store
