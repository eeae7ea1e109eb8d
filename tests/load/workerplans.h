#pragma once

#include "tests/load/clinicsetup.h"
#include "tests/load/loadgenoptions.h"
#include "tests/load/trafficworker.h"

#include <QList>
#include <QStringList>

namespace vw::load {

// Deals pairs round-robin to `options.threads` workers and idle sockets to options.idleThreadCount()
// further workers, and numbers the sockets (pairs first, then idle ones) so that each gets its
// own source-address slot. Idle socket j uses idleTokens[j % idleTokens.size()].
QList<WorkerPlan> planWorkers(const LoadgenOptions &options, const QList<PairAccounts> &pairs,
    const QStringList &idleTokens, const QString &runTag);

} // namespace vw::load
