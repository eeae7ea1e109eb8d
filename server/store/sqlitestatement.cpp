#include "server/store/sqlitestatement.h"

#include <sqlite3.h>

#include <QMetaType>

namespace vw::server::store {

namespace {

// Qt's SQLite driver treats null strings and byte arrays as NULL, not as empty values.
bool bindsNull(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.metaType().id()) {
    case QMetaType::QString:
        return static_cast<const QString *>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(value.constData())->isNull();
    default:
        return false;
    }
}

bool isIntegral(int typeId)
{
    switch (typeId) {
    case QMetaType::Bool:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return true;
    default:
        return false;
    }
}

// The statement text has only whitespace (or nothing) after its first statement.
bool onlyWhitespace(const char *tail)
{
    for (; tail && *tail; ++tail) {
        if (!QChar::isSpace(static_cast<uchar>(*tail)))
            return false;
    }
    return true;
}

} // namespace

Result<std::unique_ptr<SqliteStatement>, StoreError> SqliteStatement::prepare(
    sqlite3 *connection, const QString &sql)
{
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    const char *tail = nullptr;
    const int prepared = sqlite3_prepare_v3(
        connection, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT, &statement, &tail);
    if (prepared != SQLITE_OK) {
        sqlite3_finalize(statement);
        return StoreError {StoreError::Kind::QueryFailed, QString::fromUtf8(sqlite3_errmsg(connection))};
    }
    if (!statement) // only a comment or whitespace
        return StoreError {StoreError::Kind::QueryFailed, QStringLiteral("empty statement")};
    if (!onlyWhitespace(tail)) {
        sqlite3_finalize(statement);
        return StoreError {StoreError::Kind::QueryFailed, QStringLiteral("one statement at a time")};
    }
    return std::unique_ptr<SqliteStatement>(new SqliteStatement(connection, statement));
}

SqliteStatement::SqliteStatement(sqlite3 *connection, sqlite3_stmt *statement)
    : m_connection(connection), m_statement(statement)
{ }

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    m_boundBytes.clear();
    m_rowPending = false;
    m_onRow = false;
}

Status<StoreError> SqliteStatement::exec(const QVariantList &values)
{
    reset();
    m_changes = 0;
    if (values.size() > sqlite3_bind_parameter_count(m_statement)) {
        return StoreError {StoreError::Kind::QueryFailed,
            QStringLiteral("%1 values for %2 parameters")
                .arg(values.size())
                .arg(sqlite3_bind_parameter_count(m_statement))};
    }
    for (int i = 0; i < values.size(); ++i) {
        if (auto bound = bind(i + 1, values.at(i)); !bound)
            return bound;
    }
    const int stepped = sqlite3_step(m_statement);
    if (stepped == SQLITE_ROW) {
        m_rowPending = true;
        return {};
    }
    if (stepped != SQLITE_DONE) {
        const StoreError error = failure(stepped);
        sqlite3_reset(m_statement);
        return error;
    }
    m_changes = sqlite3_changes(m_connection);
    return {};
}

Status<StoreError> SqliteStatement::bind(int position, const QVariant &value)
{
    int bound = SQLITE_OK;
    const int typeId = value.metaType().id();
    if (bindsNull(value)) {
        bound = sqlite3_bind_null(m_statement, position);
    } else if (isIntegral(typeId)) {
        bound = sqlite3_bind_int64(m_statement, position, value.toLongLong());
    } else if (typeId == QMetaType::Double || typeId == QMetaType::Float) {
        bound = sqlite3_bind_double(m_statement, position, value.toDouble());
    } else if (typeId == QMetaType::QByteArray) {
        const QByteArray &bytes = m_boundBytes.emplace_back(value.toByteArray());
        bound = sqlite3_bind_blob64(
            m_statement, position, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_STATIC);
    } else {
        const QByteArray &text = m_boundBytes.emplace_back(value.toString().toUtf8());
        bound = sqlite3_bind_text64(
            m_statement, position, text.constData(), sqlite3_uint64(text.size()), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (bound != SQLITE_OK)
        return failure(bound);
    return {};
}

bool SqliteStatement::next()
{
    if (m_rowPending) {
        m_rowPending = false;
        m_onRow = true;
        return true;
    }
    m_onRow = m_onRow && sqlite3_step(m_statement) == SQLITE_ROW;
    return m_onRow;
}

QVariant SqliteStatement::value(int column) const
{
    if (!m_onRow || column < 0 || column >= sqlite3_column_count(m_statement))
        return {};
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(m_statement, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_statement, column));
    case SQLITE_BLOB: {
        const auto *bytes = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
        return QVariant(QByteArray(bytes, sqlite3_column_bytes(m_statement, column)));
    }
    case SQLITE_TEXT: {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QVariant(QString::fromUtf8(text, sqlite3_column_bytes(m_statement, column)));
    }
    default:
        return {};
    }
}

qint64 SqliteStatement::lastInsertRowid() const
{
    return sqlite3_last_insert_rowid(m_connection);
}

StoreError SqliteStatement::failure(int code) const
{
    const int extended = sqlite3_extended_errcode(m_connection);
    const bool unique = extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY;
    return StoreError {unique ? StoreError::Kind::Conflict : StoreError::Kind::QueryFailed,
        QStringLiteral("%1 (SQLite %2)").arg(QString::fromUtf8(sqlite3_errmsg(m_connection))).arg(code)};
}

} // namespace vw::server::store
