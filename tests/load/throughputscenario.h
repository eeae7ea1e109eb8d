#pragma once

#include "tests/load/loadgenoptions.h"
#include "tests/load/scenario.h"

namespace vw::load {

// --scenario throughput: N provider→patient pairs send for warm-up + duration seconds with a
// window or at a paced rate, next to K idle sockets; acked msgs/s and ack/delivery latency.
class ThroughputScenario : public Scenario
{
public:
    explicit ThroughputScenario(LoadgenOptions options) : m_options(std::move(options)) { }
    Result<QJsonObject, QString> run() override;

private:
    LoadgenOptions m_options;
};

} // namespace vw::load
