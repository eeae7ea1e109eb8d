#include "server/store/walwritebuffer.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <utility>

namespace vw::server::store {

namespace {

// Enough for the largest group commit measured (~300 pages of 4 KiB plus frame headers).
constexpr int kBufferBytes = 2 << 20;
// The unix VFS masks a write's length to 17 bits (seekAndWriteFd: nBuf &= 0x1ffff), so the
// buffer goes to it in pieces below 128 KiB.
constexpr int kWriteChunkBytes = 31 * 4096;

sqlite3_vfs *g_underlying = nullptr;
sqlite3_vfs g_vfs;

// One file opened through this VFS: the underlying VFS's file follows it in the same
// allocation. A WAL keeps the bytes written since the last flush; its database file knows
// the WAL, to flush it when SQLite publishes frames (see xShmBarrier).
struct BufferedFile
{
    sqlite3_file base;
    sqlite3_file *real;
    bool isWal;
    char *buffer; // allocated at the first write: only the writing connection needs one
    sqlite3_int64 bufferStart;
    int bufferLength;
    int deferredError; // a flush that failed where SQLite takes no error (the barrier)
    BufferedFile *wal; // on a database file: its WAL, while open
    BufferedFile *database; // on a WAL: its database file
};

// SQLite allocates files 8-byte aligned (no more), and the underlying file placed right
// after ours must be too.
static_assert(sizeof(BufferedFile) % 8 == 0 && alignof(BufferedFile) <= 8);

BufferedFile *cast(sqlite3_file *file)
{
    return reinterpret_cast<BufferedFile *>(file);
}

const sqlite3_io_methods *realMethods(BufferedFile *file)
{
    return file->real->pMethods;
}

// Hands bytes to the underlying file in pieces it takes whole (see kWriteChunkBytes).
int writeInPieces(BufferedFile *file, const char *bytes, int amount, sqlite3_int64 offset)
{
    for (int done = 0; done < amount; done += kWriteChunkBytes) {
        const int piece = std::min(kWriteChunkBytes, amount - done);
        if (int rc = realMethods(file)->xWrite(file->real, bytes + done, piece, offset + done);
            rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

int flush(BufferedFile *file)
{
    if (file->deferredError != SQLITE_OK)
        return std::exchange(file->deferredError, SQLITE_OK);
    const int rc = writeInPieces(file, file->buffer, file->bufferLength, file->bufferStart);
    file->bufferLength = 0;
    return rc;
}

int xClose(sqlite3_file *f)
{
    BufferedFile *file = cast(f);
    const int flushed = flush(file);
    if (file->wal)
        file->wal->database = nullptr;
    if (file->database)
        file->database->wal = nullptr;
    const int closed = realMethods(file)->xClose(file->real);
    std::free(file->buffer);
    file->buffer = nullptr;
    return flushed != SQLITE_OK ? flushed : closed;
}

int xRead(sqlite3_file *f, void *out, int amount, sqlite3_int64 offset)
{
    BufferedFile *file = cast(f);
    if (int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return realMethods(file)->xRead(file->real, out, amount, offset);
}

int xWrite(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset)
{
    BufferedFile *file = cast(f);
    if (!file->isWal)
        return realMethods(file)->xWrite(file->real, data, amount, offset);
    const bool follows = offset == file->bufferStart + file->bufferLength;
    if (file->bufferLength > 0 && (!follows || file->bufferLength + amount > kBufferBytes)) {
        if (int rc = flush(file); rc != SQLITE_OK)
            return rc;
    }
    if (amount > kBufferBytes)
        return writeInPieces(file, static_cast<const char *>(data), amount, offset);
    if (!file->buffer) {
        file->buffer = static_cast<char *>(std::malloc(kBufferBytes));
        if (!file->buffer)
            return SQLITE_IOERR_NOMEM;
    }
    if (file->bufferLength == 0)
        file->bufferStart = offset;
    std::memcpy(file->buffer + file->bufferLength, data, size_t(amount));
    file->bufferLength += amount;
    return SQLITE_OK;
}

int xTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    BufferedFile *file = cast(f);
    if (int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return realMethods(file)->xTruncate(file->real, size);
}

int xSync(sqlite3_file *f, int flags)
{
    BufferedFile *file = cast(f);
    if (int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return realMethods(file)->xSync(file->real, flags);
}

int xFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    BufferedFile *file = cast(f);
    if (int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return realMethods(file)->xFileSize(file->real, size);
}

int xLock(sqlite3_file *f, int level)
{
    return realMethods(cast(f))->xLock(cast(f)->real, level);
}

int xUnlock(sqlite3_file *f, int level)
{
    return realMethods(cast(f))->xUnlock(cast(f)->real, level);
}

int xCheckReservedLock(sqlite3_file *f, int *out)
{
    return realMethods(cast(f))->xCheckReservedLock(cast(f)->real, out);
}

int xFileControl(sqlite3_file *f, int op, void *arg)
{
    BufferedFile *file = cast(f);
    if (int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return realMethods(file)->xFileControl(file->real, op, arg);
}

int xSectorSize(sqlite3_file *f)
{
    return realMethods(cast(f))->xSectorSize(cast(f)->real);
}

int xDeviceCharacteristics(sqlite3_file *f)
{
    return realMethods(cast(f))->xDeviceCharacteristics(cast(f)->real);
}

int xShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
    return realMethods(cast(f))->xShmMap(cast(f)->real, region, size, extend, out);
}

int xShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    return realMethods(cast(f))->xShmLock(cast(f)->real, offset, n, flags);
}

// SQLite publishes a commit's frames by writing the WAL-index header twice around this
// barrier (walIndexWriteHdr); readers take a header only when both copies agree. Writing the
// WAL out here means no connection can learn of a frame that is still in our buffer, even
// without a sync at commit (synchronous=NORMAL). The barrier cannot fail, so a failed write
// is kept for the WAL's next call.
void xShmBarrier(sqlite3_file *f)
{
    BufferedFile *file = cast(f);
    if (BufferedFile *wal = file->wal; wal && wal->bufferLength > 0) {
        if (int rc = flush(wal); rc != SQLITE_OK)
            wal->deferredError = rc;
    }
    realMethods(file)->xShmBarrier(file->real);
}

int xShmUnmap(sqlite3_file *f, int deleteFlag)
{
    return realMethods(cast(f))->xShmUnmap(cast(f)->real, deleteFlag);
}

int xFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out)
{
    return realMethods(cast(f))->xFetch(cast(f)->real, offset, amount, out);
}

int xUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *page)
{
    return realMethods(cast(f))->xUnfetch(cast(f)->real, offset, page);
}

const sqlite3_io_methods kMethods = {3, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock, xUnlock,
    xCheckReservedLock, xFileControl, xSectorSize, xDeviceCharacteristics, xShmMap, xShmLock, xShmBarrier,
    xShmUnmap, xFetch, xUnfetch};

int xOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    BufferedFile *file = cast(f);
    *file = BufferedFile {};
    file->real = reinterpret_cast<sqlite3_file *>(file + 1);
    const int rc = g_underlying->xOpen(g_underlying, name, file->real, flags, outFlags);
    if (rc != SQLITE_OK)
        return rc; // SQLite does not close a file whose open failed (pMethods stays null)
    if (!file->real->pMethods || file->real->pMethods->iVersion < 3) {
        // Every method above forwards to version 3 of the interface (shared memory, mmap).
        if (file->real->pMethods)
            file->real->pMethods->xClose(file->real);
        return SQLITE_CANTOPEN;
    }
    if ((flags & SQLITE_OPEN_WAL) && name) {
        file->isWal = true;
        // The database file was opened through this VFS too (it is the default one).
        if (sqlite3_file *database = sqlite3_database_file_object(name);
            database && database->pMethods == &kMethods) {
            file->database = cast(database);
            file->database->wal = file;
        }
    }
    file->base.pMethods = &kMethods;
    return SQLITE_OK;
}

} // namespace

void installWalWriteBuffer()
{
    static std::once_flag once;
    std::call_once(once, [] {
        g_underlying = sqlite3_vfs_find(nullptr);
        if (!g_underlying)
            return;
        g_vfs = *g_underlying;
        g_vfs.zName = "vytalwatch-wal-buffer";
        g_vfs.szOsFile = int(sizeof(BufferedFile)) + g_underlying->szOsFile;
        g_vfs.xOpen = xOpen;
        g_vfs.pNext = nullptr;
        sqlite3_vfs_register(&g_vfs, 1);
    });
}

} // namespace vw::server::store
