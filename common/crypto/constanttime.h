#pragma once

#include <QByteArrayView>

namespace vw::crypto {

// Compares secrets (MACs, tokens, hashes) without leaking through timing where they
// first differ. Different lengths compare unequal; the length itself is not secret.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace vw::crypto
