#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <memory>
#include <vector>

namespace vw::server::store {

class Database;

// Something the jobs of one group-commit batch gather instead of writing at once: a
// conversation's preview and unread counters once per batch instead of once per message,
// what the batch already read (member lists, the audit chain's tail). flush() writes it
// inside the batch's transaction.
class BatchState
{
public:
    virtual ~BatchState() = default;
    virtual Status<StoreError> flush(Database &database) = 0;
};

// The gathered states of the batch being written (GroupCommitter owns it; Database::
// batchScope() lends it to the jobs that allow it). The committer flushes and forgets every
// state before a job that did not allow deferral, so that job reads the rows as they are,
// and again before COMMIT. On the committer's careful path (a savepoint per job) and on any
// other connection there is no scope: the jobs write at once.
class BatchScope
{
public:
    template <class State>
    State &state()
    {
        for (const std::unique_ptr<BatchState> &existing : m_states) {
            if (auto *typed = dynamic_cast<State *>(existing.get()))
                return *typed;
        }
        m_states.push_back(std::make_unique<State>());
        return static_cast<State &>(*m_states.back());
    }

    // Writes every state, in the order they were first used, and forgets them.
    Status<StoreError> flush(Database &database);
    // Forgets every state without writing (the batch is being rolled back).
    void discard() { m_states.clear(); }

private:
    std::vector<std::unique_ptr<BatchState>> m_states;
};

} // namespace vw::server::store
