#pragma once

#include "tests/load/loadgenoptions.h"
#include "tests/load/scenario.h"

namespace vw::load {

// --scenario login: POST /auth/login at a fixed rate (open loop) for the duration, spread
// over a few users; login latency and errors. Password hashing makes this the server's most
// CPU-hungry route by design.
class LoginScenario : public Scenario
{
public:
    explicit LoginScenario(LoadgenOptions options) : m_options(std::move(options)) { }
    Result<QJsonObject, QString> run() override;

private:
    LoadgenOptions m_options;
};

} // namespace vw::load
