#include "common/core/timeorderedid.h"

#include "common/crypto/noncepool.h"

#include <QRandomGenerator>

#include <array>
#include <cstring>

namespace vw {

namespace {

// rand_a for an id of `ms` (RFC 9562, 6.2 method 1): within one millisecond the counter goes
// up by one per id, so the ids one thread makes sort in the order it made them (messages are
// prepared on the network thread: two sent within a millisecond keep their order in the
// history). Each new millisecond starts the counter at a random value below 2^11, leaving
// room for 2,048 more; one that runs out starts again at random. Per thread, because threads
// read the clock independently: a shared counter would see their milliseconds interleave.
quint16 sequenceFor(quint64 ms, quint16 random)
{
    thread_local quint64 lastMs = 0;
    thread_local quint16 lastCounter = 0;
    if (ms == lastMs && lastCounter < 0xfff) {
        ++lastCounter;
    } else {
        lastMs = ms;
        lastCounter = random & 0x7ff;
    }
    return lastCounter;
}

} // namespace

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
    const quint16 sequence
        = sequenceFor(ms, static_cast<quint16>((quint8(bytes[6]) << 8) | quint8(bytes[7])));
    bytes[6] = static_cast<char>(0x70 | (sequence >> 8)); // version 7, then rand_a
    bytes[7] = static_cast<char>(sequence & 0xff);
    bytes[8] = static_cast<char>(0x80 | (bytes[8] & 0x3f)); // RFC 9562 variant
    return QUuid::fromRfc4122(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
}

} // namespace vw
