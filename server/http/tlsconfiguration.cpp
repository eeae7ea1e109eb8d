#include "server/http/tlsconfiguration.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>

namespace vw::server::http {

namespace {

Q_LOGGING_CATEGORY(lcTls, "vw.server.tls")

// Largest PEM file we read: a long chain is a few tens of KiB; anything far bigger is not ours.
constexpr qint64 kMaxPemBytes = 1024 * 1024;

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct PkeyDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct X509Deleter
{
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

Result<QByteArray, QString> readPemFile(const QString &path, const QString &what, const QString &option)
{
    if (path.isEmpty())
        return QStringLiteral("%1 is empty: give the path of the %2").arg(option, what);
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("the %1 file %2 (%3) does not exist").arg(what, path, option);
    if (!info.isFile())
        return QStringLiteral("the %1 path %2 (%3) is not a regular file").arg(what, path, option);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the %1 file %2: %3").arg(what, path, file.errorString());
    if (file.size() > kMaxPemBytes)
        return QStringLiteral("the %1 file %2 is too large to be a PEM file").arg(what, path);
    return file.readAll();
}

// Never asks for a passphrase (OpenSSL's default would prompt on the terminal).
int refusePassphrase(char *, int, int, void *)
{
    return 0;
}

PkeyPtr parsePrivateKey(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    if (!bio)
        return nullptr;
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, &refusePassphrase, nullptr));
    // A failed parse leaves entries on this thread's error queue, where Qt's TLS backend
    // would later find them and blame an unrelated operation.
    ERR_clear_error();
    return key;
}

std::optional<QSsl::KeyAlgorithm> qtAlgorithm(const EVP_PKEY *key)
{
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        return QSsl::Rsa;
    case EVP_PKEY_EC:
        return QSsl::Ec;
    case EVP_PKEY_DSA:
        return QSsl::Dsa;
    default:
        return std::nullopt;
    }
}

// True when the private key is the one whose public half the certificate carries.
bool keyMatchesCertificate(const QSslCertificate &certificate, EVP_PKEY *key)
{
    const QByteArray der = certificate.toDer();
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    X509Ptr x509(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    const bool matches = x509 && X509_check_private_key(x509.get(), key) == 1;
    ERR_clear_error();
    return matches;
}

void warnAboutValidity(const QSslCertificate &leaf, const QString &certPath)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (leaf.expiryDate() < now) {
        qCWarning(lcTls).noquote() << "the TLS certificate" << certPath << "expired on"
                                   << leaf.expiryDate().toString(Qt::ISODate)
                                   << "- clients will refuse it until it is renewed";
    } else if (leaf.effectiveDate() > now) {
        qCWarning(lcTls).noquote() << "the TLS certificate" << certPath << "is not valid before"
                                   << leaf.effectiveDate().toString(Qt::ISODate);
    }
}

} // namespace

Result<QSslConfiguration, QString> loadTlsConfiguration(const QString &certPath, const QString &keyPath)
{
    if (!QSslSocket::supportsSsl())
        return QStringLiteral("TLS is not available: Qt found no TLS backend (is OpenSSL 3 installed?)");
    const auto certPem
        = readPemFile(certPath, QStringLiteral("TLS certificate"), QStringLiteral("--tls-cert"));
    if (!certPem)
        return certPem.error();
    const auto keyPem = readPemFile(keyPath, QStringLiteral("TLS private key"), QStringLiteral("--tls-key"));
    if (!keyPem)
        return keyPem.error();

    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem.value(), QSsl::Pem);
    if (chain.isEmpty() || chain.front().isNull())
        return QStringLiteral("%1 (--tls-cert) holds no PEM certificate").arg(certPath);

    const PkeyPtr parsedKey = parsePrivateKey(keyPem.value());
    if (!parsedKey) {
        return QStringLiteral("%1 (--tls-key) holds no unencrypted PEM private key").arg(keyPath);
    }
    const auto algorithm = qtAlgorithm(parsedKey.get());
    if (!algorithm)
        return QStringLiteral("the private key in %1 is of an unsupported type: use RSA or EC").arg(keyPath);
    const QSslKey key(keyPem.value(), *algorithm, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull())
        return QStringLiteral("%1 (--tls-key) holds no unencrypted PEM private key").arg(keyPath);
    if (!keyMatchesCertificate(chain.front(), parsedKey.get())) {
        return QStringLiteral("the private key %1 does not belong to the certificate %2")
            .arg(keyPath, certPath);
    }
    warnAboutValidity(chain.front(), certPath);

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    // Plain HTTP/1.1 only: QtHttpServer 6.4 does not speak HTTP/2.
    configuration.setAllowedNextProtocols({QSslConfiguration::NextProtocolHttp1_1});
    return configuration;
}

} // namespace vw::server::http
