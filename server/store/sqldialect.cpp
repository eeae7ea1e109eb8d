#include "server/store/sqldialect.h"

namespace vw::server::store {

QString renderForDialect(QString statement, SqlDialect dialect)
{
    const bool postgres = dialect == SqlDialect::Postgres;
    statement.replace(QStringLiteral("{BLOB}"), postgres ? QStringLiteral("BYTEA") : QStringLiteral("BLOB"));
    statement.replace(QStringLiteral("{BIGINT}"), QStringLiteral("BIGINT"));
    statement.replace(QStringLiteral("{TEXT}"), QStringLiteral("TEXT"));
    return statement;
}

} // namespace vw::server::store
