#pragma once

#include <QString>

namespace vw::load {

// A line on stderr: stdout carries nothing but the result line.
void progress(const QString &line);

} // namespace vw::load
