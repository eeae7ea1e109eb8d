#pragma once

#include "tests/load/loadgenoptions.h"
#include "tests/load/scenario.h"

namespace vw::load {

// --scenario history: one conversation with M messages (seeded here, or reused from --state),
// then the latency of its newest page and of searches for a rare and a common word.
class HistoryScenario : public Scenario
{
public:
    explicit HistoryScenario(LoadgenOptions options) : m_options(std::move(options)) { }
    Result<QJsonObject, QString> run() override;

private:
    LoadgenOptions m_options;
};

} // namespace vw::load
