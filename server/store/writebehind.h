#pragma once

#include "server/store/groupcommitter.h"

#include <optional>

namespace vw::server::store {

// Writes nobody waits for (a session's last use, when a user was last seen, audit rows that
// describe a request rather than join its transaction): with a group-commit writer they are
// queued there, so the network thread never waits for the write lock or an fsync; they reach
// the disk with the writer's next batch, a few milliseconds later, in the order given. Without
// a writer (maintenance commands, service-level tests) they run at once on `database`.
//
// Returns the outcome when the write ran at once, success when it was queued; a queued write
// that fails is logged with `what` (never with the row's contents). `then`, when given, runs
// after the write either way: announce there what readers should find on disk.
Status<StoreError> writeBehind(GroupCommitter *committer, Database &database, GroupCommitter::Job job,
    const char *what, std::function<void()> then = {});

// A unit of work somebody waits for (a login's session, a logout): through the writer when
// there is one, so the network thread goes on meanwhile, and `done` follows on the
// committer's thread once it is on disk (or failed); without a writer it runs at once in a
// transaction on `database` and `done` is called before this returns. `job` follows the
// GroupCommitter::Job rules: it may run twice, so it captures by value and reports what it
// decided through what it captured.
void writeQueued(
    GroupCommitter *committer, Database &database, GroupCommitter::Job job, GroupCommitter::Completion done);

// The answer of a `start(done)` that calls `done` before it returns, as the *Through paths
// do without a writer: the synchronous twin of an asynchronous service call.
template <typename Answer, typename Start>
Answer answerAtOnce(Start start)
{
    std::optional<Answer> answer;
    start([&answer](Answer given) { answer = std::move(given); });
    Q_ASSERT(answer);
    return std::move(*answer);
}

// Calls `then` once every write queued on `committer` before it is on disk (at once without a
// writer): for reads that must see them, such as the audit trail's own routes.
void afterQueuedWrites(GroupCommitter *committer, std::function<void()> then);

} // namespace vw::server::store
