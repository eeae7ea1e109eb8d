#pragma once

#include <QStringList>
#include <QTextStream>

#include <optional>

namespace vw::server::cli {

// Picks the subcommand of `vytalwatch-server` (serve is the default) and runs the
// maintenance ones. Returns nothing for `serve`, so main() starts the event loop itself.
// For the others, the exit code.
std::optional<int> runMaintenanceCommand(
    const QStringList &arguments, QTextStream &in, QTextStream &out, QTextStream &err);

} // namespace vw::server::cli
