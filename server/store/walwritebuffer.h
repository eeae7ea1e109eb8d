#pragma once

namespace vw::server::store {

// Puts a thin SQLite VFS in front of the process's default one (unix) and makes it the
// default: it gathers what SQLite writes to a WAL file and hands it to the kernel in a few
// large writes, instead of two write(2) calls per page (a 24-byte frame header, then the page).
//
// Why: a group commit of ~75 messages writes ~170 pages to the WAL; those ~350 pwrite calls
// were a fifth of the writer thread's time under load, most of it the cost of entering and
// leaving the kernel on this kind of VM, not copying (measured: 59,000 pwrite/s at 10,000
// msgs/s). Gathered, a batch is a handful of writes.
//
// What keeps it safe:
// - nothing is buffered past a sync: xSync writes the buffer out first, so synchronous=FULL
//   still means "on disk" when COMMIT returns;
// - nothing is buffered past the moment other connections may read it: SQLite publishes new
//   frames by rewriting the WAL-index header around a memory barrier on the database file,
//   and that barrier writes the WAL's buffer out first (whatever the synchronous setting);
// - reads, size queries, truncation and file controls on the WAL write the buffer out first,
//   so SQLite never sees the file without its own writes.
// A crash loses only bytes that were never synced, which SQLite's WAL recovery already
// expects (frame checksums).
//
// Idempotent and thread-safe; Database::openSqlite() calls it before the first connection.
void installWalWriteBuffer();

} // namespace vw::server::store
