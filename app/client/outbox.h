#pragma once

#include "app/client/outboxkey.h"
#include "common/core/result.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QUuid>

#include <optional>

namespace vw::client {

// A message written by the user and not yet acknowledged by the server.
struct OutboxEntry
{
    // Sent with the message; the server stores a message once per (sender, clientMessageId).
    QString clientMessageId;
    QUuid conversationId;
    QString content;
    std::optional<QUuid> replyToId;
    // "normal" or "urgent" (the wire values); empty means "normal".
    QString priority;
    QDateTime queuedAt;
    // Attachments already uploaded, by id.
    QList<QUuid> attachmentIds;

    friend bool operator==(const OutboxEntry &, const OutboxEntry &) = default;
};

// An entry the server refused (e.g. the conversation is closed), kept so the user can see
// why, copy the text, retry or discard it.
struct FailedOutboxEntry
{
    OutboxEntry entry;
    QString reason;
    QDateTime failedAt;
};

// One user's durable FIFO of messages to send to one server, encrypted on disk: each entry
// is its own file "<sequence>-<random>.msg" (0600, in a 0700 directory), written atomically
// and sealed with AES-256-GCM under the OutboxKey, with the user id and the file name as AAD
// so files cannot be moved between users or renamed to reorder them. Files that do not
// open are skipped (and logged by name only), never deleted.
class Outbox : public QObject
{
    Q_OBJECT

public:
    static inline const QString kEntrySuffix = QStringLiteral(".msg");
    static inline const QString kFailedSuffix = QStringLiteral(".failed");
    // The server's limit for clientMessageId.
    static constexpr qsizetype kMaxClientMessageIdLength = 64;

    // <AppDataLocation>/outbox/<server host>-<port>/<user id>
    static QString defaultDirectory(const QUrl &serverUrl, const QUuid &userId);

    // Loads the entries in `dir` (which should be the directory `key` was unlocked in).
    Outbox(const QString &dir, const QUuid &userId, OutboxKey key, QObject *parent = nullptr);
    ~Outbox() override;

    QString directory() const { return m_dir; }
    QUuid userId() const { return m_userId; }

    // Stores the entry at the tail and returns it as stored: with a clientMessageId (a new
    // UUID when it had none), queuedAt (now when invalid; in UTC, to the millisecond) and
    // priority ("normal" when empty). Fails, storing nothing, for an invalid entry or when
    // the file cannot be written; the error is a sentence for the user.
    Result<OutboxEntry, QString> enqueue(OutboxEntry entry);
    // Oldest first.
    QList<OutboxEntry> pending() const;
    std::optional<OutboxEntry> head() const;
    qsizetype size() const { return m_pending.size(); }
    bool isEmpty() const { return m_pending.isEmpty(); }
    bool contains(const QString &clientMessageId) const;

    // Removes the entry. It leaves the queue even when its file cannot be deleted (the error
    // says so); the file is then sent again after a restart, which the server ignores.
    Status<QString> markSent(const QString &clientMessageId);
    // Moves a pending entry to failed() with the reason. As with markSent(), it leaves the
    // queue even when the disk refuses; it is then retried after a restart.
    Status<QString> markFailed(const QString &clientMessageId, const QString &reason);

    // Refused entries, oldest first.
    QList<FailedOutboxEntry> failed() const;
    // Queues a failed entry again at the tail, with the same clientMessageId.
    Status<QString> retryFailed(const QString &clientMessageId);
    Status<QString> discardFailed(const QString &clientMessageId);

    // Entry files that could not be opened when loading (wrong key, altered, renamed, garbage).
    int skippedFileCount() const { return m_skippedFiles; }

signals:
    void changed();

private:
    struct Stored
    {
        quint64 sequence = 0;
        QString fileName;
        OutboxEntry entry;
        QString reason; // failed entries only
        QDateTime failedAt;
    };

    void load();
    Result<Stored, QString> readFile(const QString &fileName, quint64 sequence, bool failed) const;
    Status<QString> writeFile(const Stored &stored, bool failed) const;
    QString newFileName(const QString &suffix);
    QByteArray aadFor(const QString &fileName) const;
    qsizetype indexOfPending(const QString &clientMessageId) const;
    qsizetype indexOfFailed(const QString &clientMessageId) const;

    QString m_dir;
    QUuid m_userId;
    OutboxKey m_key;
    QList<Stored> m_pending;
    QList<Stored> m_failed;
    quint64 m_nextSequence = 1;
    int m_skippedFiles = 0;
};

} // namespace vw::client
