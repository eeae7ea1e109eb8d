#pragma once

#include "common/core/result.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace vw::load {

// A GET started now and collected later: a scrape at the start of the measured window does not
// block the thread that starts it, and a check before the run simply collects at once.
class PendingGet
{
public:
    // `bearerToken` empty: no Authorization header.
    PendingGet(QNetworkAccessManager &network, const QUrl &url, const QString &bearerToken = {});
    ~PendingGet();
    Q_DISABLE_COPY_MOVE(PendingGet)

    // The body of a 200, or why there is none; waits (event loop) while the reply is on its way.
    Result<QByteArray, QString> body();

private:
    QUrl m_url;
    QNetworkReply *m_reply;
};

} // namespace vw::load
