#pragma once

#include <QUuid>

namespace vw {

// A version-7 UUID (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter that keeps the
// ids one process makes within a millisecond in order, then 62 random bits. Rows keyed
// by such ids are appended at the end of their B-tree index instead of at a random page, which
// measured as a large share of the store's write volume for messages and audit entries.
// Still a UUID on the wire; it reveals the creation time, which the records carry anyway.
QUuid createTimeOrderedUuid(qint64 unixMs);

} // namespace vw
