#pragma once

#include "common/core/result.h"
#include "common/crypto/secretbytes.h"

#include <QByteArrayView>
#include <QString>

namespace vw::client {

// Why an outbox could not be unlocked. `message` is a sentence for the user.
struct OutboxKeyError
{
    enum class Kind {
        // The salt and canary are intact but the password does not open them: typically the
        // password was changed (on another device) after these messages were queued.
        WrongPassword,
        // The salt or the canary is missing, truncated or altered.
        Damaged,
        // The directory or a file could not be created, read or written.
        Storage,
        // Random generation or key derivation failed (e.g. out of memory).
        Crypto,
    };

    Kind kind;
    QString message;
};

// The key that seals one user's offline outbox: Argon2id of the password with a random
// per-user salt kept in <dir>/salt. It lives only in memory and is wiped with this object;
// a canary sealed under it (<dir>/canary) tells a wrong password from a damaged file.
class OutboxKey
{
    Q_DISABLE_COPY(OutboxKey)

public:
    static inline const QString kSaltFileName = QStringLiteral("salt");
    static inline const QString kCanaryFileName = QStringLiteral("canary");

    // Creates the directory (0700), the salt and the canary (0600) on first use, then derives
    // the key; costs one Argon2id derivation (tens of milliseconds), so call it off the UI
    // thread if that matters. Refuses with Damaged when the salt is missing next to entries,
    // or the canary next to a salt, rather than starting a key that could never open them.
    static Result<OutboxKey, OutboxKeyError> unlock(const QString &dir, const QString &password);
    // Deletes the salt, the canary and every entry file (*.msg, *.failed) in `dir`, then
    // unlocks afresh: the way out for a user whose outbox was sealed under a password they
    // no longer have. It destroys unsent messages, so ask the user first.
    static Result<OutboxKey, OutboxKeyError> reset(const QString &dir, const QString &password);

    OutboxKey(OutboxKey &&other) noexcept = default;
    OutboxKey &operator=(OutboxKey &&other) noexcept = default;
    ~OutboxKey() = default;

    const crypto::SecretBytes &secret() const { return m_key; }

private:
    explicit OutboxKey(crypto::SecretBytes key);

    crypto::SecretBytes m_key;
};

// File helpers shared by OutboxKey and Outbox; not for other callers.
namespace detail {
// Creates `dir` if needed and restricts it to its owner (0700).
Status<QString> ensurePrivateDirectory(const QString &dir);
// Atomically replaces `path` with `data` (QSaveFile), readable by its owner only (0600).
Status<QString> writePrivateFile(const QString &path, QByteArrayView data);
// The whole file, or an error when it cannot be read or is larger than maxSize.
Result<QByteArray, QString> readSmallFile(const QString &path, qint64 maxSize);
} // namespace detail

} // namespace vw::client
