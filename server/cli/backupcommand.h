#pragma once

#include <QStringList>
#include <QTextStream>

namespace vw::server::cli {

// `vytalwatch-server backup --to FILE`: a consistent copy of the store (SQLite VACUUM INTO
// on a connection of its own, so it works while the server is running). The copy holds
// ciphertext only and is useless without the master key, which is NOT copied.
int runBackupCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace vw::server::cli
