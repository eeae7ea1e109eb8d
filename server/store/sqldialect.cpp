#include "server/store/sqldialect.h"

namespace vw::server::store {

QString renderForDialect(QString statement, SqlDialect dialect)
{
    const bool postgres = dialect == SqlDialect::Postgres;
    statement.replace(QStringLiteral("{BLOB}"), postgres ? QStringLiteral("BYTEA") : QStringLiteral("BLOB"));
    statement.replace(QStringLiteral("{BIGINT}"), QStringLiteral("BIGINT"));
    // A 64-bit key that is SQLite's rowid (only the exact spelling INTEGER PRIMARY KEY is).
    statement.replace(
        QStringLiteral("{ROWID}"), postgres ? QStringLiteral("BIGINT") : QStringLiteral("INTEGER"));
    statement.replace(QStringLiteral("{TEXT}"), QStringLiteral("TEXT"));
    // A key numbered by the database that never hands out a number twice, even after the
    // newest rows were deleted (SQLite's plain rowid would reuse it).
    statement.replace(QStringLiteral("{SERIAL_KEY}"),
        postgres ? QStringLiteral("BIGSERIAL PRIMARY KEY")
                 : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"));
    return statement;
}

} // namespace vw::server::store
