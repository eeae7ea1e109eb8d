#pragma once

#include "common/core/result.h"

#include <QJsonObject>
#include <QString>

namespace vw::load {

// One kind of load (--scenario). run() blocks, driving event loops as it goes, and returns
// the scenario's own result fields, or why the run could not be set up.
class Scenario
{
public:
    virtual ~Scenario() = default;
    virtual Result<QJsonObject, QString> run() = 0;
};

} // namespace vw::load
