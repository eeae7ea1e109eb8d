#include "common/core/timeorderedid.h"

#include "common/crypto/noncepool.h"

#include <QRandomGenerator>

#include <array>
#include <cstring>

namespace vw {

QUuid createTimeOrderedUuid(qint64 unixMs)
{
    // The random bits come from the CSPRNG's per-thread pool: QRandomGenerator::system() made
    // a getrandom() system call per id, and ids are made for every message and audit row.
    std::array<char, 16> bytes {};
    if (!crypto::fillNonce(bytes.data(), qsizetype(bytes.size()))) {
        std::array<quint32, 4> random {};
        QRandomGenerator::system()->fillRange(random.data(), random.size());
        std::memcpy(bytes.data(), random.data(), bytes.size());
    }
    const auto ms = static_cast<quint64>(unixMs);
    for (int i = 0; i < 6; ++i)
        bytes[static_cast<size_t>(i)] = static_cast<char>((ms >> (8 * (5 - i))) & 0xff);
    bytes[6] = static_cast<char>(0x70 | (bytes[6] & 0x0f)); // version 7
    bytes[8] = static_cast<char>(0x80 | (bytes[8] & 0x3f)); // RFC 9562 variant
    return QUuid::fromRfc4122(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
}

} // namespace vw
