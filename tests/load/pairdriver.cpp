#include "tests/load/pairdriver.h"

#include "common/model/wire.h"
#include "tests/load/loadsocket.h"
#include "tests/load/monoclock.h"

#include <QJsonObject>

#include <cmath>

namespace vw::load {

namespace {

const QString kMessageNew = QStringLiteral("message:new");

} // namespace

PairDriver::PairDriver(
    const PairPlan &pair, const TrafficPlan &traffic, const SocketFactory &makeSocket, QObject *parent)
    : QObject(parent),
      m_pair(pair),
      m_traffic(traffic),
      m_sender(makeSocket(pair.senderSocket, this)),
      m_receiver(makeSocket(pair.receiverSocket, this)),
      m_content(traffic.sizeBytes, quint32(0x9E3779B9u * quint32(pair.index + 1))),
      m_idPrefix(QStringLiteral("%1.%2.").arg(traffic.runTag).arg(pair.index))
{
    if (traffic.ratePerSender > 0)
        m_intervalNs = std::max<qint64>(1, std::llround(double(kNsPerSecond) / traffic.ratePerSender));
    // The sender needs only its acks; its echoes and receipts need not even be decoded.
    m_sender->setWantedEvents({});
    m_receiver->setWantedEvents({kMessageNew});
    connect(m_receiver, &LoadSocket::eventReceived, this, &PairDriver::onReceiverEvent);
    for (LoadSocket *socket : {m_sender, m_receiver}) {
        // The worker counts one outcome per pair: ready() or failed(), once.
        connect(socket, &LoadSocket::connected, this, [this] {
            if (++m_connected == 2 && !m_broken)
                emit ready();
        });
        connect(socket, &LoadSocket::connectFailed, this, [this](const QString &reason) {
            if (std::exchange(m_broken, true))
                return;
            emit failed(QStringLiteral("pair %1: %2").arg(m_pair.index).arg(reason));
        });
        connect(socket, &LoadSocket::disconnected, this, &PairDriver::onSocketLost);
    }
}

void PairDriver::connectSockets()
{
    m_sender->open(m_traffic.serverUrl, m_pair.senderToken);
    m_receiver->open(m_traffic.serverUrl, m_pair.receiverToken);
}

void PairDriver::start(const Schedule &schedule)
{
    m_schedule = schedule;
    m_sending = !m_broken;
    // Pairs start their slots staggered, so paced senders do not all fire on the same tick.
    m_nextDueNs = schedule.startNs + (m_intervalNs * (m_pair.index % 16)) / 16;
}

void PairDriver::tick(qint64 nowNs)
{
    pump(nowNs);
    expire(nowNs);
}

void PairDriver::pump(qint64 nowNs)
{
    if (!m_sending)
        return;
    if (m_broken || nowNs >= m_schedule.measureEndNs) {
        stopSending();
        return;
    }
    if (nowNs < m_schedule.startNs)
        return;
    while (m_sending && m_awaitingAcks < m_traffic.window) {
        if (m_intervalNs > 0) {
            if (m_nextDueNs > nowNs)
                return;
            const qint64 due = m_nextDueNs;
            m_nextDueNs += m_intervalNs;
            sendOne(due, nowNs);
        } else {
            sendOne(nowNs, nowNs);
        }
    }
}

void PairDriver::stopSending()
{
    if (!m_sending)
        return;
    m_sending = false;
    // Paced slots of the measured window that never went out (the window was full, or the
    // connection broke) have no latency to record, so they are counted instead.
    const qint64 from = std::max(m_nextDueNs, m_schedule.measureStartNs);
    if (m_intervalNs > 0 && from < m_schedule.measureEndNs)
        m_stats.heldBack += (m_schedule.measureEndNs - from + m_intervalNs - 1) / m_intervalNs;
}

void PairDriver::sendOne(qint64 dueNs, qint64 nowNs)
{
    const quint64 seq = m_nextSeq++;
    m_inFlight.emplace(seq, InFlight {dueNs, nowNs});
    ++m_awaitingAcks;
    ++m_stats.sentTotal;
    if (m_schedule.inWindow(dueNs))
        ++m_stats.sent;
    const QJsonObject payload {{QStringLiteral("conversationId"), model::uuidToWire(m_pair.conversationId)},
        {QStringLiteral("content"), m_content.next()},
        {QStringLiteral("clientMessageId"), QString(m_idPrefix + QString::number(seq))}};
    m_sender->emitWithAck(QStringLiteral("message:send"), payload,
        [this, seq](const Result<QJsonArray, QString> &ack) { onAck(seq, ack); });
}

void PairDriver::onAck(quint64 seq, const Result<QJsonArray, QString> &ack)
{
    const qint64 now = monoNowNs();
    const auto it = m_inFlight.find(seq);
    if (it == m_inFlight.end() || it->second.acked)
        return; // already given up on (timeout) or the run is over
    --m_awaitingAcks;
    if (!ack) {
        m_stats.errors.add(QStringLiteral("ackLost"));
        m_inFlight.erase(it);
        return pump(now);
    }
    const QJsonObject body = ack->first().toObject();
    if (!body.value(QStringLiteral("ok")).toBool()) {
        m_stats.errors.add(
            QStringLiteral("ackError:%1").arg(body.value(QStringLiteral("statusCode")).toInt()));
        m_inFlight.erase(it);
        return pump(now);
    }
    it->second.acked = true;
    ++m_stats.ackedTotal;
    if (m_schedule.inWindow(now))
        ++m_stats.acked;
    if (m_schedule.inWindow(it->second.dueNs))
        m_stats.ackLatency.add(now - it->second.dueNs);
    settle(it);
    pump(now);
}

void PairDriver::onReceiverEvent(const QString &name, const QJsonValue &payload, qint64 ackId)
{
    if (name != kMessageNew)
        return;
    const qint64 now = monoNowNs();
    // Acknowledged like the app does; this is what makes the server record the delivery.
    if (ackId >= 0 && m_traffic.deliveryAcks)
        m_receiver->acknowledge(ackId, QJsonArray {QJsonObject {{QStringLiteral("ok"), true}}});
    const QString clientId = payload.toObject()
                                 .value(QStringLiteral("message"))
                                 .toObject()
                                 .value(QStringLiteral("clientMessageId"))
                                 .toString();
    if (!clientId.startsWith(m_idPrefix))
        return;
    bool ok = false;
    const quint64 seq = QStringView(clientId).sliced(m_idPrefix.size()).toULongLong(&ok);
    const auto it = ok ? m_inFlight.find(seq) : m_inFlight.end();
    if (it == m_inFlight.end() || it->second.delivered)
        return;
    it->second.delivered = true;
    if (m_schedule.inWindow(now))
        ++m_stats.delivered;
    if (m_schedule.inWindow(it->second.dueNs))
        m_stats.deliveryLatency.add(now - it->second.dueNs);
    settle(it);
}

void PairDriver::settle(InFlightMap::iterator it)
{
    if (it->second.acked && it->second.delivered)
        m_inFlight.erase(it);
}

void PairDriver::onSocketLost(const QString &reason)
{
    m_stats.errors.add(QStringLiteral("disconnect"));
    const bool wasBroken = std::exchange(m_broken, true);
    // Lost before its partner connected: the pair never became ready, so it failed.
    if (!wasBroken && m_connected < 2)
        emit failed(QStringLiteral("pair %1: %2").arg(m_pair.index).arg(reason));
    stopSending();
}

void PairDriver::expire(qint64 nowNs)
{
    // Sequence order is send order, so the overdue entries are at the front.
    while (!m_inFlight.empty()) {
        const auto it = m_inFlight.begin();
        if (nowNs - it->second.sentNs <= m_traffic.ackTimeoutNs)
            return;
        if (!it->second.acked) {
            m_stats.errors.add(QStringLiteral("ackTimeout"));
            --m_awaitingAcks;
        } else {
            m_stats.errors.add(QStringLiteral("deliveryTimeout"));
        }
        m_inFlight.erase(it);
    }
}

void PairDriver::finish()
{
    stopSending();
    for (const auto &[seq, entry] : m_inFlight)
        m_stats.errors.add(entry.acked ? QStringLiteral("deliveryTimeout") : QStringLiteral("ackTimeout"));
    m_inFlight.clear();
    m_awaitingAcks = 0;
    // Our own close is not a dropped connection.
    for (LoadSocket *socket : {m_sender, m_receiver}) {
        disconnect(socket, nullptr, this, nullptr);
        socket->close();
    }
}

} // namespace vw::load
