#pragma once

#include "common/core/result.h"
#include "common/crypto/secretbytes.h"

#include <QByteArray>
#include <QString>
#include <QUuid>

#include <optional>

namespace vw::server::attachments {

// Short-lived download links that need no bearer token (for a browser or an OS "open with"):
// `/messaging/attachments/<id>/signed?expires=<ms>&user=<uuid>&signature=<base64url>`, the
// signature an HMAC-SHA256 over the attachment, the user the link was issued to and the
// expiry, under a key derived from the master key. Changing any of them breaks it; the
// server still checks at download time that the user may see the attachment.
class SignedLinks
{
public:
    static constexpr qint64 kValidityMs = 5 * 60 * 1000;

    // Empty (every verification fails) when the key cannot be derived.
    explicit SignedLinks(const crypto::SecretBytes &masterKey);

    // The path and query of a link for `userId`, valid until `expiresAtMs`.
    QString pathFor(const QUuid &attachmentId, const QUuid &userId, qint64 expiresAtMs) const;
    // Whether the signature is this server's for exactly these values (constant time); expiry
    // is the caller's check.
    bool verify(
        const QUuid &attachmentId, const QUuid &userId, qint64 expiresAtMs, const QString &signature) const;

private:
    QByteArray sign(const QUuid &attachmentId, const QUuid &userId, qint64 expiresAtMs) const;

    std::optional<crypto::SecretBytes> m_key;
};

} // namespace vw::server::attachments
