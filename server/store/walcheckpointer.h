#pragma once

#include "common/core/result.h"
#include "server/store/storeerror.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace vw::server::store {

class Database;

// Copies the WAL back into the database file on a thread of its own, so that the checkpoint
// SQLite runs inside the commit that crosses wal_autocheckpoint finds little left to do.
// That in-commit checkpoint stalled the group-commit writer (and every acknowledgement waiting
// on it) for a copy and fsync of megabytes: measured as the delivery latency's p99 at half of
// peak load (291 ms). A PASSIVE checkpoint never blocks the writer. The writer keeps its own
// automatic checkpoint: under steady load only a checkpoint made by the writer itself, between
// its transactions, lets the log start over, which keeps the WAL file bounded (measured: with
// the writer's turned off the log grew past 1 GB in 20 s).
class WalCheckpointer
{
public:
    using ConnectionFactory = std::function<Result<std::unique_ptr<Database>, StoreError>()>;

    explicit WalCheckpointer(ConnectionFactory openConnection, int intervalMs = 250);
    ~WalCheckpointer();
    Q_DISABLE_COPY_MOVE(WalCheckpointer)

    Status<StoreError> start();

private:
    void run(std::unique_ptr<Database> database);
    void checkpoint(Database &database);

    ConnectionFactory m_openConnection;
    const int m_intervalMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace vw::server::store
