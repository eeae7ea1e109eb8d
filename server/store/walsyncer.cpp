#include "server/store/walsyncer.h"

#include <QFileInfo>
#include <QLoggingCategory>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace vw::server::store {

namespace {

Q_LOGGING_CATEGORY(lcWalSync, "vw.store.walsync")

// The WAL file, kept open between syncs. fdatasync() applies to the file, not to the
// descriptor, so one opened here covers what SQLite's own descriptor wrote.
class WalFile
{
public:
    explicit WalFile(QString path) : m_path(std::move(path)) { }
    ~WalFile()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Q_DISABLE_COPY_MOVE(WalFile)

    bool sync(QString &error)
    {
        const QByteArray path = QFile::encodeName(m_path);
        struct stat onDisk
        { };
        if (::stat(path.constData(), &onDisk) != 0) {
            if (errno == ENOENT)
                return true; // no log (SQLite removes it only when it is fully copied back)
            error
                = QStringLiteral("cannot stat the WAL: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        if (m_fd < 0 || onDisk.st_ino != m_inode || onDisk.st_dev != m_device) {
            if (!reopen(path, error))
                return false;
            m_device = onDisk.st_dev;
            m_inode = onDisk.st_ino;
        }
        if (::fdatasync(m_fd) != 0) {
            error = QStringLiteral("fdatasync of the WAL failed: %1")
                        .arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        return true;
    }

private:
    bool reopen(const QByteArray &path, QString &error)
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) {
            error
                = QStringLiteral("cannot open the WAL: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        // A new log's directory entry must be durable too (once per file).
        const QByteArray directory = QFile::encodeName(QFileInfo(m_path).absolutePath());
        const int dirFd = ::open(directory.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        const bool dirSynced = dirFd >= 0 && ::fsync(dirFd) == 0;
        if (dirFd >= 0)
            ::close(dirFd);
        if (!dirSynced) {
            error = QStringLiteral("cannot sync the data directory: %1")
                        .arg(QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        return true;
    }

    QString m_path;
    int m_fd = -1;
    dev_t m_device = 0;
    ino_t m_inode = 0;
};

} // namespace

WalSyncer::SyncFunction WalSyncer::fdatasyncOf(const QString &walPath)
{
    auto file = std::make_shared<WalFile>(walPath);
    return [file](QString &error) { return file->sync(error); };
}

WalSyncer::WalSyncer(SyncFunction sync) : m_sync(std::move(sync))
{
    m_thread = std::thread([this] { run(); });
}

WalSyncer::~WalSyncer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void WalSyncer::afterSync(Then then)
{
    {
        std::lock_guard lock(m_mutex);
        m_waiting.push_back(std::move(then));
    }
    m_wake.notify_one();
}

void WalSyncer::run()
{
    std::vector<Then> covered;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_waiting.empty(); });
            if (m_waiting.empty())
                return; // stopping, and nothing left to sync
            // Everything queued now was written before this sync starts.
            covered.assign(
                std::make_move_iterator(m_waiting.begin()), std::make_move_iterator(m_waiting.end()));
            m_waiting.clear();
        }
        QString error;
        const bool durable = m_sync(error);
        if (!durable)
            qCCritical(lcWalSync) << "committed writes may not be durable:" << error;
        for (Then &then : covered)
            then(durable);
        covered.clear();
    }
}

} // namespace vw::server::store
