#pragma once

#include "common/core/result.h"
#include "common/model/enums.h"
#include "server/core/serviceerror.h"
#include "server/scanner/clamdclient.h"

#include <QByteArray>

#include <optional>

namespace vw::server::attachments {

// What an upload's virus scan means for storing it (API.md): with clamd configured a clean
// file is `clean` and an infected one is refused (422); when clamd cannot scan it, the file is
// refused (503) under --require-scan and otherwise stored as `skipped`; without clamd every
// file is `skipped`.
class UploadScanner
{
public:
    UploadScanner(std::optional<scanner::ClamdClient> clamd, bool requireScan)
        : m_clamd(std::move(clamd)), m_requireScan(requireScan)
    { }

    bool isConfigured() const { return m_clamd.has_value(); }
    const std::optional<scanner::ClamdClient> &clamd() const { return m_clamd; }

    // The scan status to store, or why the file must not be stored. `signature` is set when
    // malware was found (for the audit trail).
    Result<model::ScanStatus, ServiceError> scan(const QByteArray &content, QString *signature) const;

private:
    std::optional<scanner::ClamdClient> m_clamd;
    bool m_requireScan = false;
};

} // namespace vw::server::attachments
