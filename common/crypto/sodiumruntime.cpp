#include "common/crypto/sodiumruntime.h"

#include <sodium.h>

namespace vw::crypto::detail {

bool ensureSodium()
{
    // sodium_init() is itself safe to call repeatedly, but a function-local static makes
    // the one real initialisation race-free and keeps later calls to a load.
    static const bool initialised = sodium_init() >= 0;
    return initialised;
}

} // namespace vw::crypto::detail
