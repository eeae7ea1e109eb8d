#pragma once

#include <QStringList>
#include <QTextStream>

namespace vw::server::cli {

// `vytalwatch-server rotate-key --new-key-file F [--data-dir D] [--key-file OLD] [--database URL]`
//
// Re-wraps every conversation data key from the current master key (found as `serve` finds
// it: env MESSAGING_ENCRYPTION_KEY, --key-file, or master.key in the data dir) to a new
// one, in one transaction; messages are not touched. The new key is base64 of 32 bytes,
// read from --new-key-file or, when that is not given, from env MESSAGING_NEW_ENCRYPTION_KEY
// (giving both is refused, so there is never doubt which key the data now needs).
// When the current key came from the data dir's master.key, that file is replaced by the
// new key (mode 0600) after the commit; otherwise the operator switches the server's
// key source to the new key. Exit codes: 0 done, 1 failure (nothing changed), 2 usage.
int runRotateKeyCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace vw::server::cli
