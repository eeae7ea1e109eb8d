#include "server/store/writebehind.h"

#include "server/store/transaction.h"

#include <QLoggingCategory>

namespace vw::server::store {

namespace {
Q_LOGGING_CATEGORY(lcWriteBehind, "vw.store.writebehind")
}

Status<StoreError> writeBehind(GroupCommitter *committer, Database &database, GroupCommitter::Job job,
    const char *what, std::function<void()> then)
{
    if (!committer) {
        auto written = job(database);
        if (then)
            then();
        return written;
    }
    committer->submit(std::move(job), [what, then = std::move(then)](const Status<StoreError> &written) {
        if (!written)
            qCWarning(lcWriteBehind) << "cannot write" << what << "-" << written.error().detail;
        if (then)
            then();
    });
    return {};
}

void writeQueued(
    GroupCommitter *committer, Database &database, GroupCommitter::Job job, GroupCommitter::Completion done)
{
    if (!committer) {
        done(inTransaction(database, job));
        return;
    }
    committer->submit(std::move(job), std::move(done));
}

void afterQueuedWrites(GroupCommitter *committer, std::function<void()> then)
{
    if (!committer) {
        then();
        return;
    }
    // Completions run in submission order after their batch committed, so this one runs
    // after every earlier write's.
    committer->submit([](Database &) { return Status<StoreError> {}; },
        [then = std::move(then)](const Status<StoreError> &) { then(); });
}

} // namespace vw::server::store
