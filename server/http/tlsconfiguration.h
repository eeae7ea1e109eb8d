#pragma once

#include "common/core/result.h"

#include <QSslConfiguration>
#include <QString>

namespace vw::server::http {

// Builds the server's TLS settings from --tls-cert/--tls-key PEM files: the certificate
// chain (leaf first), its private key (unencrypted RSA, EC or DSA), TLS 1.2 or newer and no
// client certificates. Fails with one sentence for the operator when a file is missing,
// unreadable or not PEM, or when the key does not belong to the certificate. An expired or
// not yet valid certificate is only logged as a warning: clients decide whether to trust it.
Result<QSslConfiguration, QString> loadTlsConfiguration(const QString &certPath, const QString &keyPath);

} // namespace vw::server::http
