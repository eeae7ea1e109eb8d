#pragma once

#include <QString>

namespace vw::server::store {

// The two SQL engines we support. SQL is written once; the few type names that differ
// are spelled as placeholders in migrations and filled in per dialect.
enum class SqlDialect { Sqlite, Postgres };

// Replaces {BLOB}, {BIGINT}, {ROWID} (a 64-bit primary key column; SQLite's rowid), {TEXT}
// and {SERIAL_KEY} (a primary key the database numbers and never reuses) in a migration
// statement with the dialect's spelling.
QString renderForDialect(QString statement, SqlDialect dialect);

} // namespace vw::server::store
