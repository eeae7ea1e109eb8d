#include "server/attachments/signedlinks.h"

#include "common/crypto/constanttime.h"
#include "common/crypto/hkdf.h"
#include "common/crypto/hmac.h"
#include "common/model/wire.h"

namespace vw::server::attachments {

namespace {

constexpr const char *kLinkKeyInfo = "vytalwatch/attachment-link/v1";

} // namespace

SignedLinks::SignedLinks(const crypto::SecretBytes &masterKey)
{
    auto derived = crypto::hkdfSha256(masterKey.view(), {}, QByteArrayView(kLinkKeyInfo), 32);
    if (derived)
        m_key = std::move(derived).value();
}

QByteArray SignedLinks::sign(const QUuid &attachmentId, const QUuid &userId, qint64 expiresAtMs) const
{
    if (!m_key)
        return {};
    const QByteArray message = model::uuidToWire(attachmentId).toLatin1() + '|'
        + model::uuidToWire(userId).toLatin1() + '|' + QByteArray::number(expiresAtMs);
    auto mac = crypto::hmacSha256(m_key->view(), message);
    return mac ? mac.value() : QByteArray();
}

QString SignedLinks::pathFor(const QUuid &attachmentId, const QUuid &userId, qint64 expiresAtMs) const
{
    const QByteArray signature
        = sign(attachmentId, userId, expiresAtMs)
              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QStringLiteral("/messaging/attachments/%1/signed?expires=%2&user=%3&signature=%4")
        .arg(model::uuidToWire(attachmentId))
        .arg(expiresAtMs)
        .arg(model::uuidToWire(userId), QString::fromLatin1(signature));
}

bool SignedLinks::verify(
    const QUuid &attachmentId, const QUuid &userId, qint64 expiresAtMs, const QString &signature) const
{
    const QByteArray expected = sign(attachmentId, userId, expiresAtMs);
    if (expected.isEmpty())
        return false;
    const auto given = QByteArray::fromBase64Encoding(signature.toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
            | QByteArray::AbortOnBase64DecodingErrors);
    return given && crypto::constantTimeEquals(*given, expected);
}

} // namespace vw::server::attachments
