#pragma once

namespace vw::server {

// Names the calling thread as `top -H`, `ps -L`, perf and gdb show it ("vw-writer"). Linux
// keeps 15 characters; a longer name is cut. A thread left unnamed shows the program's name,
// and an operator cannot tell the writer stalling on fsync from the network thread.
void nameCurrentThread(const char *name);

} // namespace vw::server
