#pragma once

#include <QByteArray>

namespace vw::test {

// Test vectors in the RFCs are hex with spaces and line breaks; this reads them.
QByteArray fromHex(const char *hexWithWhitespace);

} // namespace vw::test
