#include "server/store/sqlquery.h"

#include "server/store/database.h"

#include <QMetaType>
#include <QSqlError>

namespace vw::server::store {

namespace {

// A prepared statement for `sql`: one the connection kept, or a new one.
QSqlQuery statementFor(Database &database, const QString &sql, bool &prepared, QString &error)
{
    if (auto cached = database.borrowStatement(sql)) {
        prepared = true;
        return std::move(*cached);
    }
    QSqlQuery query(database.connection());
    // Results are read once, front to back: no client-side row cache.
    query.setForwardOnly(true);
    prepared = query.prepare(sql);
    if (!prepared)
        error = query.lastError().text();
    return query;
}

} // namespace

SqlQuery::SqlQuery(Database &database, const QString &sql)
    : m_database(database), m_query(statementFor(database, sql, m_prepared, m_prepareError)), m_sql(sql)
{ }

SqlQuery::~SqlQuery()
{
    if (!m_prepared)
        return;
    // Resets the statement (releases SQLite's read snapshot) before it waits for the next use.
    m_query.finish();
    m_database.returnStatement(m_sql, std::move(m_query));
}

Status<StoreError> SqlQuery::exec(std::initializer_list<QVariant> values)
{
    return exec(QVariantList(values));
}

Status<StoreError> SqlQuery::exec(const QVariantList &values)
{
    if (!m_prepared)
        return StoreError {StoreError::Kind::QueryFailed, m_prepareError};
    for (int i = 0; i < values.size(); ++i)
        m_query.bindValue(i, values.at(i));
    if (!m_query.exec()) {
        const QSqlError error = m_query.lastError();
        const QString text = error.text();
        // SQLite's extended code 2067 / 1555 and PostgreSQL's 23505 are unique violations.
        const QString code = error.nativeErrorCode();
        const bool unique = code == QStringLiteral("2067") || code == QStringLiteral("1555")
            || code == QStringLiteral("23505") || text.contains(QStringLiteral("UNIQUE constraint failed"));
        return StoreError {unique ? StoreError::Kind::Conflict : StoreError::Kind::QueryFailed, text};
    }
    return {};
}

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant nullableMs(qint64 msOrZero)
{
    return msOrZero == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(msOrZero);
}

} // namespace vw::server::store
