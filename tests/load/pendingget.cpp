#include "tests/load/pendingget.h"

#include "tests/load/eventwait.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace vw::load {

namespace {

constexpr int kTimeoutMs = 10'000;

} // namespace

PendingGet::PendingGet(QNetworkAccessManager &network, const QUrl &url, const QString &bearerToken)
    : m_url(url)
{
    QNetworkRequest request(url);
    if (!bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearerToken.toUtf8());
    request.setTransferTimeout(kTimeoutMs);
    m_reply = network.get(request);
}

PendingGet::~PendingGet()
{
    m_reply->deleteLater();
}

Result<QByteArray, QString> PendingGet::body()
{
    if (!m_reply->isFinished()) {
        EventWait wait;
        QObject::connect(m_reply, &QNetworkReply::finished, [&wait] { wait.done(); });
        wait.wait(kTimeoutMs + 1000);
    }
    if (!m_reply->isFinished())
        return QStringLiteral("%1 did not answer within %2 s").arg(m_url.toString()).arg(kTimeoutMs / 1000);
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return QStringLiteral("%1 answered %2 (%3)")
            .arg(m_url.toString())
            .arg(status)
            .arg(m_reply->errorString());
    return m_reply->readAll();
}

} // namespace vw::load
