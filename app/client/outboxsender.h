#pragma once

#include "app/client/outbox.h"
#include "app/client/reconnectpolicy.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>

namespace vw::client {

// What became of one attempt to send an outbox entry.
struct SendResult
{
    enum class Outcome {
        // The server stored the message (or already had it under this clientMessageId).
        Sent,
        // Offline, a timeout, a 5xx, 429: the same entry is tried again later.
        RetryLater,
        // The server refused it for good (4xx): the entry moves to the failed list.
        Rejected,
    };

    Outcome outcome = Outcome::Sent;
    // Why, for RetryLater (logs) and Rejected (shown to the user).
    QString message;

    static SendResult sent() { return {Outcome::Sent, {}}; }
    static SendResult retryLater(const QString &reason = {}) { return {Outcome::RetryLater, reason}; }
    static SendResult rejected(const QString &reason) { return {Outcome::Rejected, reason}; }
};

struct OutboxSenderOptions
{
    // Delays between retries after RetryLater (attempt 0 is the first retry).
    ReconnectPolicy backoff;
    // An attempt whose completion has not come after this long counts as RetryLater, and its
    // completion is ignored if it comes later; 0 or less waits forever.
    int sendTimeoutMs = 60000;
};

// Drains an Outbox while online, strictly in order and one entry at a time: the head is
// handed to the send function, and only its completion decides what comes next. Sent
// removes it, Rejected moves it to the failed list, RetryLater stops the queue until a
// backoff delay passes, setOnline(true) is called or flush().
class OutboxSender : public QObject
{
    Q_OBJECT

public:
    using Completion = std::function<void(SendResult)>;
    // Must call the completion exactly once, now or later, on this object's thread; a
    // second call, or one after this sender is gone, is ignored.
    using SendFunction = std::function<void(const OutboxEntry &, Completion)>;

    // The outbox must outlive this sender or be its parent.
    OutboxSender(
        Outbox *outbox, SendFunction send, OutboxSenderOptions options = {}, QObject *parent = nullptr);
    ~OutboxSender() override;

    // Going online starts sending at once, skipping any backoff; going offline stops after
    // the attempt under way, if any.
    void setOnline(bool online);
    bool isOnline() const { return m_online; }
    // Sends now if online, without waiting for a backoff delay.
    void flush();

    bool isSending() const { return m_inFlight; }
    bool isWaitingToRetry() const { return m_retryTimer.isActive(); }
    QList<FailedOutboxEntry> failed() const;

signals:
    void entrySent(const QString &clientMessageId);
    void entryFailed(const QString &clientMessageId, const QString &reason);
    void retryScheduled(int delayMs, const QString &reason);
    // The queue is empty (after the last entry was sent or moved aside).
    void drained();

private:
    void pump();
    void schedulePump();
    void onCompletion(quint64 attempt, const QString &clientMessageId, const SendResult &result);
    void scheduleRetry(const QString &reason);

    QPointer<Outbox> m_outbox;
    SendFunction m_send;
    OutboxSenderOptions m_options;
    QTimer m_retryTimer;
    QTimer m_sendTimer;
    bool m_online = false;
    bool m_inFlight = false;
    bool m_pumping = false;
    bool m_pumpScheduled = false;
    quint64 m_attempt = 0;
    QString m_inFlightId;
    int m_retries = 0;
};

} // namespace vw::client
