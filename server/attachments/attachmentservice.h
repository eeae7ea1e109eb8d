#pragma once

#include "common/core/result.h"
#include "common/model/attachment.h"
#include "server/core/principal.h"
#include "server/core/servercontext.h"
#include "server/core/serviceerror.h"
#include "server/messaging/accesspolicy.h"
#include "server/messaging/attachmentcipher.h"
#include "server/messaging/attachmentrecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QUuid>

#include <functional>
#include <optional>

namespace vw::server::store {
class GroupCommitter;
}

namespace vw::server::messaging {
class ConversationKeyring;
class ConversationKeys;
} // namespace vw::server::messaging

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

    using UploadCallback = std::function<void(Result<model::Attachment, ServiceError>)>;
    // Checks membership here, does the heavy part (sniff, scan, seal, write the blobs,
    // thumbnail) on a worker, stores the row through the group-commit writer, and calls `done`
    // on this thread once it is on disk.
    void uploadQueued(const Principal &caller, const ClientInfo &client, const QUuid &conversationId,
        UploadRequest request, UploadCallback done);
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
    // Removes uploads older than a day that no message claimed (rows with their audit entries
    // in one transaction, then the blobs). collectUnclaimed() writes on this thread's connection
    // and says how many went; the Queued twin goes through the group-commit writer.
    int collectUnclaimed();
    void collectUnclaimedQueued();

private:
    // The attachment when `caller` may see it; 404 "Attachment not found" otherwise.
    Result<messaging::AttachmentRecord, ServiceError> visibleTo(
        const Principal &caller, const ClientInfo &client, const QUuid &id);
    Result<DownloadedFile, ServiceError> open(const messaging::AttachmentRecord &record);
    // An upload once its bytes are dealt with: the row to store (its blobs written) and what
    // the answer shows, or why it is refused (with the malware found, for the trail).
    struct SealedUpload
    {
        messaging::AttachmentRecord record;
        messaging::AttachmentMeta meta;
        std::optional<ServiceError> refusal;
        QString malwareSignature;
    };
    // The worker's part: touches no store, only the blob files.
    SealedUpload seal(const QUuid &uploaderId, const QUuid &conversationId, const UploadRequest &request,
        const messaging::ConversationKeys &keys) const;
    // Back on this thread: the row and its upload audit entry in one transaction (or the
    // refusal, with its audit entry when malware was found).
    void storeUpload(SealedUpload sealed, const ClientInfo &client, UploadCallback done);
    Status<ServiceError> audit(const QString &action, const QString &actorId, const QUuid &attachmentId,
        const ClientInfo &client, const QJsonObject &details);
    void discardBlobs(const messaging::AttachmentRecord &record) const;
    void collectThrough(store::GroupCommitter *committer, std::function<void(int)> done);

    const ServerContext &m_context;
    messaging::ConversationKeyring &m_keyring;
    BlobStore &m_blobs;
    const ContentSniffer &m_sniffer;
    const UploadScanner &m_scanner;
    const SignedLinks &m_links;
    messaging::AccessPolicy m_policy;
    QObject m_home; // lives on the constructing thread: where the workers hand results back
    // Declared last, so it finishes (its destructor waits) before the rest goes.
    QThreadPool m_uploadWorkers;
};

} // namespace vw::server::attachments
