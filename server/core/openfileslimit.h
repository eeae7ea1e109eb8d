#pragma once

#include <QtGlobal>

namespace vw::server {

// Every client socket is a file descriptor, and the usual soft limit (1,024) would cap a busy
// clinic far below what the server can hold (~100,000 sockets at a few KiB each). Raises the
// process's soft RLIMIT_NOFILE to its hard limit; returns the soft limit now in force (0 when
// it cannot be read).
quint64 raiseOpenFilesLimit();

} // namespace vw::server
