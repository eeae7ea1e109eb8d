#include "tests/load/historyseeder.h"

#include "common/model/wire.h"
#include "tests/load/eventwait.h"
#include "tests/load/messagecontent.h"
#include "tests/load/monoclock.h"
#include "tests/load/progress.h"
#include "tests/load/rawloadsocket.h"

#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>

namespace vw::load {

namespace {

constexpr int kConnectTimeoutMs = 30'000;
// No ack for this long ends the seeding: the server is stuck or gone.
constexpr int kStallTimeoutMs = 60'000;

} // namespace

HistorySeeder::HistorySeeder(QUrl serverUrl, QString token, QUuid conversationId, int window, int sizeBytes)
    : m_serverUrl(std::move(serverUrl)),
      m_token(std::move(token)),
      m_conversationId(conversationId),
      m_window(std::max(1, window)),
      m_sizeBytes(sizeBytes)
{ }

SeedReport HistorySeeder::seed(int count, const QString &rareWord, int rareCount)
{
    SeedReport report;
    RawLoadSocket socket;
    socket.setWantedEvents({});
    {
        EventWait connected;
        QString failure;
        QObject::connect(&socket, &LoadSocket::connected, [&] { connected.done(); });
        QObject::connect(&socket, &LoadSocket::connectFailed, [&](const QString &why) {
            failure = why;
            connected.done();
        });
        socket.open(m_serverUrl, m_token);
        if (!connected.wait(kConnectTimeoutMs) || !failure.isEmpty()) {
            report.errors.add(
                QStringLiteral("connectFailed:") + (failure.isEmpty() ? QStringLiteral("timeout") : failure));
            return report;
        }
    }

    MessageContent content(m_sizeBytes, QRandomGenerator::global()->generate());
    const int rareEvery = rareCount > 0 ? std::max(1, count / rareCount) : 0;
    const QString idPrefix
        = QStringLiteral("seed.%1.").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    int sent = 0;
    int answered = 0;
    int outstanding = 0;
    int nextReport = 1000;
    EventWait done;
    // Sends from the ack handler keep the window full; one function so both paths agree.
    std::function<void()> fill = [&] {
        while (outstanding < m_window && sent < count) {
            const bool rare
                = rareEvery > 0 && sent % rareEvery == rareEvery / 2 && sent / rareEvery < rareCount;
            const QJsonObject payload {
                {QStringLiteral("conversationId"), model::uuidToWire(m_conversationId)},
                {QStringLiteral("content"), rare ? content.withWord(rareWord) : content.next()},
                {QStringLiteral("clientMessageId"), QString(idPrefix + QString::number(sent))}};
            ++sent;
            ++outstanding;
            socket.emitWithAck(
                QStringLiteral("message:send"), payload, [&](const Result<QJsonArray, QString> &ack) {
                    --outstanding;
                    ++answered;
                    if (!ack)
                        report.errors.add(QStringLiteral("ackLost"));
                    else if (!ack->first().toObject().value(QStringLiteral("ok")).toBool())
                        report.errors.add(
                            QStringLiteral("ackError:%1")
                                .arg(ack->first().toObject().value(QStringLiteral("statusCode")).toInt()));
                    else
                        ++report.acked;
                    if (answered >= nextReport) {
                        progress(QStringLiteral("seeded %1 of %2").arg(answered).arg(count));
                        nextReport += 5000;
                    }
                    if (answered == count || !socket.isConnected())
                        done.done();
                    else
                        fill();
                });
        }
    };
    const qint64 start = monoNowNs();
    fill();
    // Waits in slices so a stalled server ends the seeding instead of hanging the run.
    int lastAnswered = -1;
    while (answered < count && socket.isConnected() && answered != lastAnswered) {
        lastAnswered = answered;
        if (done.wait(kStallTimeoutMs))
            break;
    }
    report.seconds = double(monoNowNs() - start) / double(kNsPerSecond);
    report.errors.add(QStringLiteral("ackTimeout"), sent - answered);
    report.errors.add(QStringLiteral("notSent"), count - sent);
    socket.close();
    return report;
}

} // namespace vw::load
