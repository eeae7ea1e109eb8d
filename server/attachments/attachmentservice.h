#pragma once

#include "common/core/result.h"
#include "common/model/attachment.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/accesspolicy.h"
#include "server/messaging/attachmentrecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUuid>

namespace vw::server::messaging {
class ConversationKeyring;
}

namespace vw::server::attachments {

class BlobStore;
class ContentSniffer;
class SignedLinks;
class UploadScanner;

// One upload as the controller received it (raw body or the multipart `file` field).
struct UploadRequest
{
    QByteArray content;
    QString declaredType; // the part's or request's Content-Type, may be empty
    QString fileName; // as the client sent it; sanitized here
};

// Decrypted bytes on their way to an authorised downloader.
struct DownloadedFile
{
    QByteArray content;
    QString mimeType;
    QString fileName;
};

struct IssuedLink
{
    QString path; // path and query, to be put after the server's origin
    QDateTime expiresAt;
};

// Attachments of conversations: validated, scanned, encrypted uploads; downloads (by id
// with a bearer, or by a signed link) for participants only; thumbnails of images; and
// collection of uploads that no message claimed within a day. Uploads that were never sent
// are visible to their uploader only; a deleted message's attachments to nobody.
class AttachmentService
{
public:
    static constexpr qint64 kMaxBytes = 50LL * 1024 * 1024;
    static constexpr qint64 kUnclaimedLifetimeMs = 24LL * 60 * 60 * 1000;

    AttachmentService(const ServerContext &context, messaging::ConversationKeyring &keyring, BlobStore &blobs,
        const ContentSniffer &sniffer, const UploadScanner &scanner, const SignedLinks &links);

    Result<model::Attachment, ServiceError> upload(const Principal &caller, const ClientInfo &client,
        const QUuid &conversationId, const UploadRequest &request);
    Result<DownloadedFile, ServiceError> download(
        const Principal &caller, const ClientInfo &client, const QUuid &id);
    // image/jpeg or image/png; 404 when the attachment has none (not an image).
    Result<DownloadedFile, ServiceError> thumbnail(
        const Principal &caller, const ClientInfo &client, const QUuid &id);
    Result<IssuedLink, ServiceError> issueLink(
        const Principal &caller, const ClientInfo &client, const QUuid &id);
    // A download through a signed link: 403 "Invalid or expired link" unless the signature is
    // this server's for exactly these values and has not expired.
    Result<DownloadedFile, ServiceError> downloadSigned(const QUuid &id, const QUuid &userId,
        qint64 expiresAtMs, const QString &signature, const ClientInfo &client);
    // Removes uploads older than a day that no message claimed; how many went.
    int collectUnclaimed();

private:
    // The attachment when `caller` may see it; 404 "Attachment not found" otherwise.
    Result<messaging::AttachmentRecord, ServiceError> visibleTo(
        const Principal &caller, const ClientInfo &client, const QUuid &id);
    Result<DownloadedFile, ServiceError> open(const messaging::AttachmentRecord &record);
    // The row and its upload audit entry, in one transaction.
    Status<ServiceError> store(const messaging::AttachmentRecord &record, const ClientInfo &client);
    Status<ServiceError> audit(const QString &action, const QString &actorId, const QUuid &attachmentId,
        const ClientInfo &client, const QJsonObject &details);
    void discardBlobs(const messaging::AttachmentRecord &record);

    const ServerContext &m_context;
    messaging::ConversationKeyring &m_keyring;
    BlobStore &m_blobs;
    const ContentSniffer &m_sniffer;
    const UploadScanner &m_scanner;
    const SignedLinks &m_links;
    messaging::AccessPolicy m_policy;
};

} // namespace vw::server::attachments
