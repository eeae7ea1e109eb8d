#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <initializer_list>

namespace vw::server::store {

class Database;

// Prepares, binds and runs one statement, turning driver failures into StoreError.
// Repositories use it so that no handler ever sees a QSqlQuery. Prepared statements are
// borrowed from the connection's cache (Database::borrowStatement) and returned afterwards.
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

    bool next() { return m_query.next(); }
    QVariant value(int column) const { return m_query.value(column); }
    int numRowsAffected() const { return m_query.numRowsAffected(); }
    QSqlQuery &raw() { return m_query; }

private:
    // Declared before m_query: the constructor fills them while it makes the statement.
    bool m_prepared = false;
    QString m_prepareError;
    Database &m_database;
    QSqlQuery m_query;
    QString m_sql;
};

// Binding helpers for nullable columns.
QVariant nullableText(const QString &text);
QVariant nullableMs(qint64 msOrZero);

} // namespace vw::server::store
