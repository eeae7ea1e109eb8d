#pragma once

namespace vw::server::messaging {

// Timing of the search indexer (SearchIndexer; no CLI flags: tests shorten or lengthen them).
struct SearchIndexSettings
{
    // How long new messages gather before a round indexes them (a waiting search does not
    // wait for it: it starts a round at once).
    int gatherMs = 200;
    // How long a search waits for the index to catch up before it is answered 503 (a rebuild
    // of a large index in progress, an index file another process holds locked).
    int maxWaitMs = 5000;
    // The most messages one round (one transaction of the index file) takes.
    int roundMessages = 4096;
};

} // namespace vw::server::messaging
