#include "server/store/sqlquery.h"

#include "server/store/database.h"
#include "server/store/sqlitestatement.h"

#include <QMetaType>
#include <QSqlError>

namespace vw::server::store {

SqlQuery::SqlQuery(Database &database, const QString &sql) : m_database(database), m_sql(sql)
{
    if (database.sqliteHandle())
        prepareWithSqlite();
    else
        prepareWithQt();
}

void SqlQuery::prepareWithSqlite()
{
    if (auto idle = m_database.idleSqliteStatements().borrow(m_sql)) {
        m_sqlite = std::move(*idle);
        return;
    }
    auto prepared = SqliteStatement::prepare(m_database.sqliteHandle(), m_sql);
    if (prepared)
        m_sqlite = std::move(prepared).value();
    else
        m_prepareError = prepared.error();
}

void SqlQuery::prepareWithQt()
{
    if (auto idle = m_database.idleQtStatements().borrow(m_sql)) {
        m_qt = std::move(*idle);
        return;
    }
    QSqlQuery query(m_database.connection());
    // Results are read once, front to back: no client-side row cache.
    query.setForwardOnly(true);
    if (query.prepare(m_sql))
        m_qt = std::move(query);
    else
        m_prepareError = StoreError {StoreError::Kind::QueryFailed, query.lastError().text()};
}

SqlQuery::~SqlQuery()
{
    // Resets the statement (releases SQLite's read snapshot) before it waits for the next use.
    if (m_sqlite) {
        m_sqlite->reset();
        m_database.idleSqliteStatements().giveBack(m_sql, std::move(m_sqlite));
    } else if (m_qt) {
        m_qt->finish();
        m_database.idleQtStatements().giveBack(m_sql, std::move(*m_qt));
    }
}

Status<StoreError> SqlQuery::exec(std::initializer_list<QVariant> values)
{
    return exec(QVariantList(values));
}

Status<StoreError> SqlQuery::exec(const QVariantList &values)
{
    if (m_prepareError)
        return *m_prepareError;
    if (m_sqlite)
        return m_sqlite->exec(values);
    for (int i = 0; i < values.size(); ++i)
        m_qt->bindValue(i, values.at(i));
    if (!m_qt->exec()) {
        const QSqlError error = m_qt->lastError();
        // PostgreSQL's 23505 is a unique violation.
        const bool unique = error.nativeErrorCode() == QStringLiteral("23505");
        return StoreError {unique ? StoreError::Kind::Conflict : StoreError::Kind::QueryFailed, error.text()};
    }
    return {};
}

bool SqlQuery::next()
{
    if (m_sqlite)
        return m_sqlite->next();
    return m_qt && m_qt->next();
}

QVariant SqlQuery::value(int column) const
{
    if (m_sqlite)
        return m_sqlite->value(column);
    return m_qt ? m_qt->value(column) : QVariant();
}

int SqlQuery::numRowsAffected() const
{
    if (m_sqlite)
        return m_sqlite->numRowsAffected();
    return m_qt ? m_qt->numRowsAffected() : 0;
}

qint64 SqlQuery::lastInsertId() const
{
    if (m_sqlite)
        return m_sqlite->lastInsertRowid();
    return m_qt ? m_qt->lastInsertId().toLongLong() : 0;
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
