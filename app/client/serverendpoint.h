#pragma once

#include "common/core/result.h"

#include <QString>
#include <QUrl>

namespace vw::client {

// The server address a user types into the sign-in dialog, normalised to a base URL
// (scheme, host, port) and judged for transport safety.
class ServerEndpoint
{
public:
    // Accepts "host", "host:port", "http://host:port" or "https://host"; the default
    // port is 3000 for http and 443 for https. The error is a sentence for the user.
    static Result<ServerEndpoint, QString> parse(const QString &text);

    QUrl baseUrl() const { return m_url; }
    bool usesTls() const;
    // Plain http to a host that is not this computer would expose health information.
    bool isInsecureRemote() const;

private:
    explicit ServerEndpoint(QUrl url) : m_url(std::move(url)) { }
    QUrl m_url;
};

} // namespace vw::client
