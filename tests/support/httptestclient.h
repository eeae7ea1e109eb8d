#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QUrl>

namespace vw::test {

// One finished HTTP exchange as a test sees it.
struct HttpReply
{
    int status = 0; // 0: no HTTP answer (connection refused, timed out)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const;
};

// A blocking HTTP client for tests: each call runs the event loop until the reply is
// finished (or a time-out passes), so an in-process server on the same thread keeps working.
class HttpTestClient
{
public:
    explicit HttpTestClient(QUrl baseUrl);

    void setBearer(const QString &token) { m_bearer = token; }
    HttpReply get(const QString &path);
    HttpReply post(const QString &path, const QJsonObject &body);
    HttpReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const QByteArray &contentType = "application/json",
        const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});

private:
    QUrl m_baseUrl;
    QString m_bearer;
    QNetworkAccessManager m_network;
};

} // namespace vw::test
