#pragma once

#include <QStringList>
#include <QTextStream>

namespace vw::server::cli {

// `vytalwatch-server user add --username U --role patient|provider|admin --display-name NAME
// --password-stdin [--data-dir DIR] [--key-file F] [--database URL]`: creates an account and
// prints its id. The password is read as one line from `in`, never taken from the command line
// (it would show in `ps` and shell history). `arguments[0]` is the program name, as from the
// command dispatcher. Exit 0 on success, 1 on failure, 2 on usage errors.
int runUserAddCommand(const QStringList &arguments, QTextStream &in, QTextStream &out, QTextStream &err);

} // namespace vw::server::cli
