#include "tests/load/healthcheck.h"

#include "tests/load/pendingget.h"

#include <QNetworkAccessManager>

namespace vw::load {

Result<bool, QString> checkHealth(const QUrl &serverUrl)
{
    QNetworkAccessManager network;
    QUrl url = serverUrl;
    url.setPath(QStringLiteral("/healthz"));
    PendingGet get(network, url);
    if (auto answered = get.body(); !answered)
        return QString(answered.error() + QStringLiteral("; is vytalwatch-server running there?"));
    return true;
}

} // namespace vw::load
