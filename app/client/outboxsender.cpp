#include "app/client/outboxsender.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

namespace vw::client {

namespace {

Q_LOGGING_CATEGORY(lcOutboxSender, "vw.client.outbox.sender")

} // namespace

OutboxSender::OutboxSender(Outbox *outbox, SendFunction send, OutboxSenderOptions options, QObject *parent)
    : QObject(parent), m_outbox(outbox), m_send(std::move(send)), m_options(options)
{
    m_retryTimer.setSingleShot(true);
    m_sendTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &OutboxSender::pump);
    connect(&m_sendTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcOutboxSender) << "no answer for" << m_inFlightId << "within" << m_options.sendTimeoutMs
                               << "ms";
        onCompletion(m_attempt, m_inFlightId, SendResult::retryLater(QStringLiteral("timed out")));
    });
    // New entries go out on their own while online; queued so that enqueue() returns first.
    if (m_outbox)
        connect(m_outbox, &Outbox::changed, this, &OutboxSender::schedulePump);
}

OutboxSender::~OutboxSender() = default;

void OutboxSender::setOnline(bool online)
{
    m_online = online;
    // A new connection is a fresh start: no reason to sit out the old backoff.
    m_retryTimer.stop();
    m_retries = 0;
    if (m_online)
        pump();
}

void OutboxSender::flush()
{
    if (!m_online)
        return;
    m_retryTimer.stop();
    pump();
}

QList<FailedOutboxEntry> OutboxSender::failed() const
{
    return m_outbox ? m_outbox->failed() : QList<FailedOutboxEntry>();
}

void OutboxSender::schedulePump()
{
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_pumpScheduled = false;
            pump();
        },
        Qt::QueuedConnection);
}

void OutboxSender::pump()
{
    // A send function may complete synchronously; its completion then returns here instead of
    // recursing, so a long queue cannot exhaust the stack.
    if (m_pumping)
        return;
    m_pumping = true;
    const QPointer<OutboxSender> self(this);
    while (m_online && !m_inFlight && !m_retryTimer.isActive() && m_outbox) {
        const std::optional<OutboxEntry> head = m_outbox->head();
        if (!head)
            break;
        m_inFlight = true;
        const quint64 attempt = ++m_attempt;
        const QString id = head->clientMessageId;
        m_inFlightId = id;
        if (m_options.sendTimeoutMs > 0)
            m_sendTimer.start(m_options.sendTimeoutMs);
        m_send(*head, [self, attempt, id](SendResult result) {
            if (self)
                self->onCompletion(attempt, id, result);
        });
        if (!self)
            return;
    }
    m_pumping = false;
}

void OutboxSender::onCompletion(quint64 attempt, const QString &clientMessageId, const SendResult &result)
{
    if (!m_inFlight || attempt != m_attempt) {
        qCDebug(lcOutboxSender) << "ignoring a stale or repeated completion for" << clientMessageId;
        return;
    }
    m_inFlight = false;
    m_sendTimer.stop();
    const QPointer<OutboxSender> self(this);
    switch (result.outcome) {
    case SendResult::Outcome::Sent:
        m_retries = 0;
        if (m_outbox) {
            if (auto removed = m_outbox->markSent(clientMessageId); !removed)
                qCWarning(lcOutboxSender) << "sent" << clientMessageId << "but:" << removed.error();
        }
        emit entrySent(clientMessageId);
        break;
    case SendResult::Outcome::Rejected: {
        const QString reason
            = result.message.isEmpty() ? QStringLiteral("The server refused the message.") : result.message;
        qCInfo(lcOutboxSender) << "server refused" << clientMessageId;
        if (m_outbox) {
            if (auto moved = m_outbox->markFailed(clientMessageId, reason); !moved)
                qCWarning(lcOutboxSender) << "refused" << clientMessageId << "but:" << moved.error();
        }
        emit entryFailed(clientMessageId, reason);
        break;
    }
    case SendResult::Outcome::RetryLater:
        scheduleRetry(result.message);
        break;
    }
    if (!self)
        return;
    if (result.outcome != SendResult::Outcome::RetryLater && m_outbox && m_outbox->isEmpty())
        emit drained();
    if (self)
        pump();
}

void OutboxSender::scheduleRetry(const QString &reason)
{
    qCInfo(lcOutboxSender) << "will retry:" << reason;
    // Offline, the next setOnline(true) is the retry.
    if (!m_online)
        return;
    const int delay
        = m_options.backoff.delayForAttempt(m_retries, QRandomGenerator::global()->generateDouble());
    ++m_retries;
    m_retryTimer.start(delay);
    emit retryScheduled(delay, reason);
}

} // namespace vw::client
