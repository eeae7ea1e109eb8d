#pragma once

#include <QStringList>
#include <QTextStream>

namespace vw::server::cli {

// `vytalwatch-server audit verify`: walks the audit hash chain. Exit 0 when intact,
// 3 with the first bad entry's id when a row was altered or removed, 1 on errors,
// 2 on usage errors.
int runAuditVerifyCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace vw::server::cli
