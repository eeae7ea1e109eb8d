#pragma once

#include "common/core/result.h"

#include <QString>
#include <QUrl>

namespace vw::load {

// GET /healthz before anything else: a run against a server that is not there should fail
// in a second with that reason, not after creating accounts it cannot use.
Result<bool, QString> checkHealth(const QUrl &serverUrl);

} // namespace vw::load
