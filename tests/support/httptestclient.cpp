#include "tests/support/httptestclient.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QTimer>

namespace vw::test {

namespace {
constexpr int kRequestTimeoutMs = 15000;
}

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpTestClient::HttpTestClient(QUrl baseUrl) : m_baseUrl(std::move(baseUrl)) { }

HttpReply HttpTestClient::get(const QString &path)
{
    return send("GET", path);
}

HttpReply HttpTestClient::post(const QString &path, const QJsonObject &body)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpReply HttpTestClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
    const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    QUrl url = m_baseUrl;
    url.setPath(path.section(QLatin1Char('?'), 0, 0));
    url.setQuery(path.section(QLatin1Char('?'), 1));
    QNetworkRequest request(url);
    if (!body.isEmpty() || method == "POST" || method == "PATCH" || method == "PUT")
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_bearer.toUtf8());
    for (const auto &[name, value] : extraHeaders)
        request.setRawHeader(name, value);

    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(kRequestTimeoutMs);
    if (!reply->isFinished())
        loop.exec();

    HttpReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.networkError = QStringLiteral("timed out");
    } else {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
        if (result.status == 0)
            result.networkError = reply->errorString();
    }
    reply->deleteLater();
    return result;
}

} // namespace vw::test
