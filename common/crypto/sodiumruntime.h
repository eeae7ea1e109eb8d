#pragma once

namespace vw::crypto::detail {

// Initialises libsodium once per process (thread-safe); false if it cannot start.
// Internal to common/crypto.
bool ensureSodium();

} // namespace vw::crypto::detail
