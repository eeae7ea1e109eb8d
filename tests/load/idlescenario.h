#pragma once

#include "tests/load/loadgenoptions.h"
#include "tests/load/scenario.h"

namespace vw::load {

// --scenario idle: K authenticated sockets that stay quiet; how fast they connect and how
// much server memory each costs (VmRSS before and after, given --server-pid).
class IdleScenario : public Scenario
{
public:
    explicit IdleScenario(LoadgenOptions options) : m_options(std::move(options)) { }
    Result<QJsonObject, QString> run() override;

private:
    LoadgenOptions m_options;
};

} // namespace vw::load
