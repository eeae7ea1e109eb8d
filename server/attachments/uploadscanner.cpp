#include "server/attachments/uploadscanner.h"

#include <QLoggingCategory>

namespace vw::server::attachments {

namespace {

Q_LOGGING_CATEGORY(lcUploadScan, "vw.attachments.scan")

} // namespace

Result<model::ScanStatus, ServiceError> UploadScanner::scan(
    const QByteArray &content, QString *signature) const
{
    if (!m_clamd)
        return model::ScanStatus::Skipped;
    auto verdict = m_clamd->scan(content);
    if (!verdict) {
        if (m_requireScan) {
            qCWarning(lcUploadScan).noquote()
                << "upload refused: clamd could not scan it:" << verdict.error().detail;
            return ServiceError {ServiceError::Kind::ServiceUnavailable,
                QStringLiteral("The virus scanner is unavailable; try again later")};
        }
        qCWarning(lcUploadScan).noquote()
            << "upload stored unscanned: clamd could not scan it:" << verdict.error().detail;
        return model::ScanStatus::Skipped;
    }
    if (verdict.value().infected) {
        if (signature)
            *signature = verdict.value().signature;
        return ServiceError {ServiceError::Kind::UnprocessableEntity,
            QStringLiteral("The file was rejected: malware detected (%1)").arg(verdict.value().signature)};
    }
    return model::ScanStatus::Clean;
}

} // namespace vw::server::attachments
