#include "tests/support/hex.h"

namespace vw::test {

QByteArray fromHex(const char *hexWithWhitespace)
{
    QByteArray compact(hexWithWhitespace);
    compact.replace(' ', "").replace('\n', "");
    return QByteArray::fromHex(compact);
}

} // namespace vw::test
