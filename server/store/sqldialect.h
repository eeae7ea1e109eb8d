#pragma once

#include <QString>

namespace vw::server::store {

// The two SQL engines we support. SQL is written once; the few type names that differ
// are spelled as placeholders in migrations and filled in per dialect.
enum class SqlDialect { Sqlite, Postgres };

// Replaces {BLOB}, {BIGINT}, {ROWID} (a 64-bit primary key column; SQLite's rowid) and
// {TEXT} in a migration statement with the dialect's type.
QString renderForDialect(QString statement, SqlDialect dialect);

} // namespace vw::server::store
