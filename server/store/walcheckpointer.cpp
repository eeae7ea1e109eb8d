#include "server/store/walcheckpointer.h"

#include "server/core/threadname.h"
#include "server/store/database.h"

#include <QLoggingCategory>

#include <chrono>
#include <future>

namespace vw::server::store {

namespace {
Q_LOGGING_CATEGORY(lcCheckpoint, "vw.store.checkpoint")
}

WalCheckpointer::WalCheckpointer(ConnectionFactory openConnection, int intervalMs)
    : m_openConnection(std::move(openConnection)), m_intervalMs(intervalMs)
{ }

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

Status<StoreError> WalCheckpointer::start()
{
    std::promise<Status<StoreError>> opened;
    auto result = opened.get_future();
    m_thread = std::thread([this, &opened] {
        nameCurrentThread("vw-checkpoint");
        auto database = m_openConnection();
        if (!database) {
            opened.set_value(database.error());
            return;
        }
        opened.set_value({});
        run(std::move(database).value());
    });
    return result.get();
}

void WalCheckpointer::checkpoint(Database &database)
{
    if (auto copied = database.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")); !copied)
        qCWarning(lcCheckpoint) << "checkpoint failed:" << copied.error().detail;
}

void WalCheckpointer::run(std::unique_ptr<Database> database)
{
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, std::chrono::milliseconds(m_intervalMs), [this] { return m_stopping; });
            if (m_stopping)
                break;
        }
        checkpoint(*database);
    }
    // A last one, so a clean shutdown leaves a short WAL behind.
    if (auto last = database->exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")); !last)
        qCWarning(lcCheckpoint) << "checkpoint failed:" << last.error().detail;
    database.reset();
}

} // namespace vw::server::store
