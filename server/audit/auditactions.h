#pragma once

#include <QString>

// The audit trail's action names, one place so reports and filters can rely on them.
namespace vw::server::audit::actions {

inline const QString kLogin = QStringLiteral("auth.login");
inline const QString kRefresh = QStringLiteral("auth.refresh");
inline const QString kRefreshReuse = QStringLiteral("auth.refresh_reuse");
inline const QString kLogout = QStringLiteral("auth.logout");
inline const QString kSessionRevoke = QStringLiteral("auth.session_revoke");
inline const QString kAccessDenied = QStringLiteral("access.denied");
inline const QString kUserCreate = QStringLiteral("user.create");
inline const QString kConversationCreate = QStringLiteral("conversation.create");
inline const QString kMessageSend = QStringLiteral("message.send");
inline const QString kMessageRead = QStringLiteral("message.read");
inline const QString kMessageDelete = QStringLiteral("message.delete");
inline const QString kMessageSearch = QStringLiteral("message.search");
inline const QString kAttachmentUpload = QStringLiteral("attachment.upload");
inline const QString kAttachmentRejected = QStringLiteral("attachment.rejected"); // malware found
inline const QString kAttachmentDownload = QStringLiteral("attachment.download");
inline const QString kAttachmentLink = QStringLiteral("attachment.link");
inline const QString kAttachmentExpire = QStringLiteral("attachment.expire"); // never sent, collected
inline const QString kAuditQuery = QStringLiteral("admin.audit_query");
inline const QString kAuditVerify = QStringLiteral("admin.audit_verify");
inline const QString kKeyRotate = QStringLiteral("admin.key_rotate");
inline const QString kBackup = QStringLiteral("admin.backup");

} // namespace vw::server::audit::actions
