#include "server/attachments/attachmentservice.h"

#include "common/crypto/sha256.h"
#include "common/model/wire.h"
#include "server/attachments/blobstore.h"
#include "server/attachments/contentsniffer.h"
#include "server/attachments/filenamesanitizer.h"
#include "server/attachments/signedlinks.h"
#include "server/attachments/thumbnailer.h"
#include "server/attachments/uploadscanner.h"
#include "server/audit/auditactions.h"
#include "server/audit/auditlog.h"
#include "server/messaging/attachmentcipher.h"
#include "server/messaging/attachmentrepository.h"
#include "server/messaging/conversationkeyring.h"
#include "server/messaging/conversationkeys.h"
#include "server/messaging/messageassembler.h"
#include "server/messaging/messagingfailures.h"
#include "server/store/writebehind.h"

#include <QLoggingCategory>
#include <QThread>

namespace vw::server::attachments {

namespace {

Q_LOGGING_CATEGORY(lcAttachments, "vw.attachments")

using messaging::AttachmentCipher;
using messaging::AttachmentRecord;
using messaging::AttachmentRepository;

ServiceError attachmentNotFound()
{
    return ServiceError::notFound(QStringLiteral("Attachment not found"));
}

ServiceError blobFailed(const BlobError &error)
{
    qCWarning(lcAttachments).noquote() << "blob store failure:" << error.detail;
    return ServiceError::internal();
}

QString thumbnailType(const QByteArray &data)
{
    return data.startsWith("\x89PNG") ? QStringLiteral("image/png") : QStringLiteral("image/jpeg");
}

} // namespace

AttachmentService::AttachmentService(const ServerContext &context, messaging::ConversationKeyring &keyring,
    BlobStore &blobs, const ContentSniffer &sniffer, const UploadScanner &scanner, const SignedLinks &links)
    : m_context(context),
      m_keyring(keyring),
      m_blobs(blobs),
      m_sniffer(sniffer),
      m_scanner(scanner),
      m_links(links),
      m_policy(context.database, context.audit)
{
    m_uploadWorkers.setMaxThreadCount(qMax(1, QThread::idealThreadCount() - 1));
}

void AttachmentService::uploadQueued(const Principal &caller, const ClientInfo &client,
    const QUuid &conversationId, UploadRequest request, UploadCallback done)
{
    // Here, on the network thread: what reads the store (membership, the conversation's keys).
    if (auto member = m_policy.requireParticipant(caller, client, conversationId); !member)
        return done(member.error());
    if (request.content.isEmpty())
        return done(ServiceError::badRequest(QStringLiteral("File is empty")));
    if (request.content.size() > kMaxBytes)
        return done(
            ServiceError {ServiceError::Kind::PayloadTooLarge, QStringLiteral("File is larger than 50 MiB")});
    auto keys = m_keyring.keys(conversationId);
    if (!keys)
        return done(messaging::keyFailed(keys.error(), conversationId));
    // On a worker: sniffing, the virus scan (a round trip to clamd), hashing, sealing and
    // writing the blobs, the thumbnail — up to 50 MiB of work the network thread must not do.
    m_uploadWorkers.start(
        [this, uploaderId = caller.userId, client, conversationId, request = std::move(request),
            keys = keys.value(), done = std::move(done)]() mutable {
            SealedUpload sealed = seal(uploaderId, conversationId, request, *keys);
            QMetaObject::invokeMethod(
                &m_home,
                [this, sealed = std::move(sealed), client, done = std::move(done)]() mutable {
                    storeUpload(std::move(sealed), client, std::move(done));
                },
                Qt::QueuedConnection);
        });
}

AttachmentService::SealedUpload AttachmentService::seal(const QUuid &uploaderId, const QUuid &conversationId,
    const UploadRequest &request, const messaging::ConversationKeys &keys) const
{
    SealedUpload sealed;
    AttachmentRecord &record = sealed.record;
    record.id = QUuid::createUuid();
    record.conversationId = conversationId;
    record.uploaderId = uploaderId;
    record.size = request.content.size();
    record.createdAtMs = m_context.clock.nowUtc().toMSecsSinceEpoch();
    sealed.meta.fileName = sanitizeFileName(request.fileName);
    auto sniffed = m_sniffer.check(request.content, request.declaredType, sealed.meta.fileName);
    if (!sniffed) {
        sealed.refusal = sniffed.error();
        return sealed;
    }
    record.mimeType = sniffed.value().mimeType;

    // Scanned before anything is written: an infected file never touches the disk.
    auto scanned = m_scanner.scan(request.content, &sealed.malwareSignature);
    if (!scanned) {
        sealed.refusal = scanned.error();
        return sealed;
    }
    record.scanStatus = scanned.value();

    const crypto::SecretBytes &key = keys.attachmentKey();
    sealed.meta.sha256 = QString::fromLatin1(crypto::sha256(request.content).toHex());
    auto meta = AttachmentCipher::sealMeta(key, conversationId, record.id, sealed.meta);
    if (!meta) {
        sealed.refusal = messaging::keyFailed(messaging::KeyringError::CryptoFailed, conversationId);
        return sealed;
    }
    record.metaEnc = meta.value();
    auto blob = m_blobs.put(key, AttachmentCipher::blobAad(conversationId, record.id), request.content);
    if (!blob) {
        sealed.refusal = blobFailed(blob.error());
        return sealed;
    }
    record.blobName = blob.value();
    if (sniffed.value().isImage) {
        const Thumbnail preview = Thumbnailer::thumbnailOf(request.content);
        if (!preview.data.isEmpty()) {
            auto thumbnail
                = m_blobs.put(key, AttachmentCipher::thumbnailAad(conversationId, record.id), preview.data);
            if (!thumbnail) {
                discardBlobs(record);
                sealed.refusal = blobFailed(thumbnail.error());
                return sealed;
            }
            record.thumbnailBlob = thumbnail.value();
        }
    }
    return sealed;
}

void AttachmentService::storeUpload(SealedUpload sealed, const ClientInfo &client, UploadCallback done)
{
    const AttachmentRecord &record = sealed.record;
    if (sealed.refusal) {
        if (!sealed.malwareSignature.isEmpty()) {
            // Best effort: the refusal stands even if the trail cannot take the entry.
            (void)audit(audit::actions::kAttachmentRejected, model::uuidToWire(record.uploaderId), record.id,
                client,
                QJsonObject {{QStringLiteral("conversationId"), model::uuidToWire(record.conversationId)},
                    {QStringLiteral("signature"), sealed.malwareSignature},
                    {QStringLiteral("size"), record.size}});
        }
        return done(*sealed.refusal);
    }
    audit::AuditRecord entry;
    entry.action = audit::actions::kAttachmentUpload;
    entry.actorId = model::uuidToWire(record.uploaderId);
    entry.targetType = QStringLiteral("attachment");
    entry.targetId = model::uuidToWire(record.id);
    entry.client = client;
    entry.details = QJsonObject {{QStringLiteral("conversationId"), model::uuidToWire(record.conversationId)},
        {QStringLiteral("mimeType"), record.mimeType}, {QStringLiteral("size"), record.size},
        {QStringLiteral("scanStatus"), model::toWire(record.scanStatus)}};
    // Built before the completion takes `sealed` over.
    store::GroupCommitter::Job storeRow
        = [record, entry, &clock = m_context.clock](store::Database &database) -> Status<store::StoreError> {
        if (auto inserted = AttachmentRepository(database).insert(record); !inserted)
            return inserted;
        return audit::AuditLog(database, clock).record(entry);
    };
    store::writeQueued(m_context.committer, m_context.database, std::move(storeRow),
        [this, sealed = std::move(sealed), done = std::move(done)](const Status<store::StoreError> &stored) {
            if (!stored) {
                discardBlobs(sealed.record);
                return done(messaging::storeFailed(stored.error()));
            }
            done(messaging::toModel(sealed.record, sealed.meta));
        });
}

Result<AttachmentRecord, ServiceError> AttachmentService::visibleTo(
    const Principal &caller, const ClientInfo &client, const QUuid &id)
{
    auto found = AttachmentRepository(m_context.database).findById(id);
    if (!found)
        return messaging::storeFailed(found.error());
    if (!found.value()) {
        m_policy.recordDenied(caller, client, QStringLiteral("attachment"), id, QStringLiteral("unknown"));
        return attachmentNotFound();
    }
    const AttachmentRecord &record = *found.value();
    if (auto member = m_policy.requireParticipant(caller, client, record.conversationId); !member)
        return attachmentNotFound();
    // Hidden with its deleted message, or not sent yet and not the caller's own upload.
    if (record.deletedAtMs != 0 || (!record.messageId && record.uploaderId != caller.userId)) {
        m_policy.recordDenied(caller, client, QStringLiteral("attachment"), id,
            record.deletedAtMs != 0 ? QStringLiteral("deleted") : QStringLiteral("not sent"));
        return attachmentNotFound();
    }
    return record;
}

Result<DownloadedFile, ServiceError> AttachmentService::open(const AttachmentRecord &record)
{
    auto keys = m_keyring.keys(record.conversationId);
    if (!keys)
        return messaging::keyFailed(keys.error(), record.conversationId);
    const crypto::SecretBytes &key = keys.value()->attachmentKey();
    auto meta = AttachmentCipher::openMeta(key, record.conversationId, record.id, record.metaEnc);
    if (!meta)
        return messaging::decryptFailed(record.conversationId, record.id);
    auto content
        = m_blobs.get(record.blobName, key, AttachmentCipher::blobAad(record.conversationId, record.id));
    if (!content)
        return blobFailed(content.error());
    return DownloadedFile {std::move(content).value(), record.mimeType, meta.value().fileName};
}

Result<DownloadedFile, ServiceError> AttachmentService::download(
    const Principal &caller, const ClientInfo &client, const QUuid &id)
{
    auto record = visibleTo(caller, client, id);
    if (!record)
        return record.error();
    auto file = open(record.value());
    if (!file)
        return file.error();
    // No disclosure that is not on the audit trail.
    if (auto audited
        = audit(audit::actions::kAttachmentDownload, model::uuidToWire(caller.userId), id, client, {});
        !audited)
        return audited.error();
    return file;
}

Result<DownloadedFile, ServiceError> AttachmentService::thumbnail(
    const Principal &caller, const ClientInfo &client, const QUuid &id)
{
    auto record = visibleTo(caller, client, id);
    if (!record)
        return record.error();
    if (record.value().thumbnailBlob.isEmpty())
        return ServiceError::notFound(QStringLiteral("This attachment has no thumbnail"));
    auto keys = m_keyring.keys(record.value().conversationId);
    if (!keys)
        return messaging::keyFailed(keys.error(), record.value().conversationId);
    auto data = m_blobs.get(record.value().thumbnailBlob, keys.value()->attachmentKey(),
        AttachmentCipher::thumbnailAad(record.value().conversationId, id));
    if (!data)
        return blobFailed(data.error());
    // A thumbnail shows the image: viewing it is a disclosure like a download.
    if (auto audited = audit(audit::actions::kAttachmentDownload, model::uuidToWire(caller.userId), id,
            client, QJsonObject {{QStringLiteral("variant"), QStringLiteral("thumbnail")}});
        !audited)
        return audited.error();
    const QString type = thumbnailType(data.value());
    return DownloadedFile {std::move(data).value(), type, QStringLiteral("thumbnail")};
}

Result<IssuedLink, ServiceError> AttachmentService::issueLink(
    const Principal &caller, const ClientInfo &client, const QUuid &id)
{
    auto record = visibleTo(caller, client, id);
    if (!record)
        return record.error();
    const qint64 expiresAtMs = m_context.clock.nowUtc().toMSecsSinceEpoch() + SignedLinks::kValidityMs;
    if (auto audited = audit(audit::actions::kAttachmentLink, model::uuidToWire(caller.userId), id, client,
            QJsonObject {{QStringLiteral("expiresAt"), expiresAtMs}});
        !audited)
        return audited.error();
    return IssuedLink {m_links.pathFor(id, caller.userId, expiresAtMs),
        QDateTime::fromMSecsSinceEpoch(expiresAtMs, Qt::UTC)};
}

Result<DownloadedFile, ServiceError> AttachmentService::downloadSigned(const QUuid &id, const QUuid &userId,
    qint64 expiresAtMs, const QString &signature, const ClientInfo &client)
{
    const bool authentic = m_links.verify(id, userId, expiresAtMs, signature);
    const bool current = expiresAtMs > m_context.clock.nowUtc().toMSecsSinceEpoch();
    if (!authentic || !current) {
        audit::AuditRecord entry;
        entry.action = audit::actions::kAttachmentDownload;
        entry.outcome = audit::AuditOutcome::Denied;
        entry.targetType = QStringLiteral("attachment");
        entry.targetId = model::uuidToWire(id);
        entry.client = client;
        entry.details = QJsonObject {{QStringLiteral("via"), QStringLiteral("signed-link")},
            {QStringLiteral("reason"),
                authentic ? QStringLiteral("expired") : QStringLiteral("bad signature")}};
        if (auto audited = m_context.audit.record(entry); !audited)
            qCWarning(lcAttachments) << "cannot audit a refused link:" << audited.error().detail;
        return ServiceError::forbidden(QStringLiteral("Invalid or expired link"));
    }
    // The link carries the issuer's rights, as they are now, not as they were.
    const Principal issuer {userId, model::UserRole::Patient, {}};
    auto record = visibleTo(issuer, client, id);
    if (!record)
        return record.error();
    auto file = open(record.value());
    if (!file)
        return file.error();
    if (auto audited = audit(audit::actions::kAttachmentDownload, model::uuidToWire(userId), id, client,
            QJsonObject {{QStringLiteral("via"), QStringLiteral("signed-link")}});
        !audited)
        return audited.error();
    return file;
}

int AttachmentService::collectUnclaimed()
{
    return store::answerAtOnce<int>(
        [this](std::function<void(int)> done) { collectThrough(nullptr, std::move(done)); });
}

void AttachmentService::collectUnclaimedQueued()
{
    collectThrough(m_context.committer, [](int) {});
}

void AttachmentService::collectThrough(store::GroupCommitter *committer, std::function<void(int)> done)
{
    const qint64 cutoff = m_context.clock.nowUtc().toMSecsSinceEpoch() - kUnclaimedLifetimeMs;
    auto stale = AttachmentRepository(m_context.database).unclaimedBefore(cutoff, 500);
    if (!stale) {
        qCWarning(lcAttachments) << "cannot list unsent uploads:" << stale.error().detail;
        return done(0);
    }
    if (stale.value().isEmpty())
        return done(0);
    // The rows go first, all in one transaction with their audit rows; the blobs after they
    // are gone: a crash between the two leaves an orphan blob (unreadable ciphertext), never a
    // row pointing at nothing.
    store::GroupCommitter::Job removeRows = [records = stale.value(), &clock = m_context.clock](
                                                store::Database &database) -> Status<store::StoreError> {
        AttachmentRepository repository(database);
        audit::AuditLog trail(database, clock);
        for (const AttachmentRecord &record : records) {
            if (auto deleted = repository.remove(record.id); !deleted)
                return deleted;
            audit::AuditRecord entry;
            entry.action = audit::actions::kAttachmentExpire;
            entry.targetType = QStringLiteral("attachment");
            entry.targetId = model::uuidToWire(record.id);
            entry.details
                = QJsonObject {{QStringLiteral("conversationId"), model::uuidToWire(record.conversationId)}};
            if (auto audited = trail.record(entry); !audited)
                return audited;
        }
        return {};
    };
    store::writeQueued(committer, m_context.database, std::move(removeRows),
        [this, records = std::move(stale).value(), done = std::move(done)](
            const Status<store::StoreError> &removed) {
            if (!removed) {
                qCWarning(lcAttachments) << "cannot remove unsent uploads:" << removed.error().detail;
                return done(0);
            }
            for (const AttachmentRecord &record : records)
                discardBlobs(record);
            qCInfo(lcAttachments) << "collected" << records.size() << "uploads never sent within a day";
            done(int(records.size()));
        });
}

void AttachmentService::discardBlobs(const AttachmentRecord &record) const
{
    for (const QString &name : {record.blobName, record.thumbnailBlob}) {
        if (name.isEmpty())
            continue;
        if (auto removed = m_blobs.remove(name); !removed)
            qCWarning(lcAttachments).noquote() << removed.error().detail;
    }
}

Status<ServiceError> AttachmentService::audit(const QString &action, const QString &actorId,
    const QUuid &attachmentId, const ClientInfo &client, const QJsonObject &details)
{
    audit::AuditRecord entry;
    entry.action = action;
    entry.actorId = actorId;
    entry.targetType = QStringLiteral("attachment");
    entry.targetId = model::uuidToWire(attachmentId);
    entry.client = client;
    entry.details = details;
    if (auto audited = m_context.audit.record(entry); !audited)
        return messaging::storeFailed(audited.error());
    return {};
}

} // namespace vw::server::attachments
