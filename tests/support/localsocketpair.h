#pragma once

#include <QByteArray>

namespace vw::test {

// Two connected, non-blocking AF_UNIX stream sockets for tests of code that drives a raw
// descriptor: the code under test takes `ours` (set it to -1 once something else owns it),
// the test keeps `peer`. Both are closed with the pair.
struct LocalSocketPair
{
    LocalSocketPair();
    ~LocalSocketPair();
    LocalSocketPair(const LocalSocketPair &) = delete;
    LocalSocketPair &operator=(const LocalSocketPair &) = delete;

    // Everything the peer can read now.
    QByteArray readPeer();
    // True once the peer reads end-of-stream (after whatever data came first, kept in `data`).
    bool peerSawEnd(QByteArray &data);

    int ours = -1;
    int peer = -1;
};

} // namespace vw::test
