#include "tests/load/healthcheck.h"

#include "tests/load/eventwait.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace vw::load {

namespace {

constexpr int kTimeoutMs = 10'000;

} // namespace

Result<bool, QString> checkHealth(const QUrl &serverUrl)
{
    QNetworkAccessManager network;
    QUrl url = serverUrl;
    url.setPath(QStringLiteral("/healthz"));
    QNetworkRequest request(url);
    request.setTransferTimeout(kTimeoutMs);
    QNetworkReply *reply = network.get(request);
    EventWait wait;
    QObject::connect(reply, &QNetworkReply::finished, [&wait] { wait.done(); });
    wait.wait(kTimeoutMs + 1000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString error = reply->errorString();
    const bool finished = reply->isFinished();
    reply->deleteLater();
    if (!finished)
        return QStringLiteral("%1 did not answer within %2 s").arg(url.toString()).arg(kTimeoutMs / 1000);
    if (status != 200)
        return QStringLiteral("%1 answered %2 (%3); is vytalwatch-server running there?")
            .arg(url.toString())
            .arg(status)
            .arg(error);
    return true;
}

} // namespace vw::load
