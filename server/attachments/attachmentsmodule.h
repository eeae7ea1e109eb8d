#pragma once

#include "server/core/servercontext.h"
#include "server/scanner/clamdaddress.h"

#include <QTimer>

#include <memory>
#include <optional>

namespace vw::server::http {
class Router;
}
namespace vw::server::messaging {
class ConversationKeyring;
}

namespace vw::server::attachments {

class AttachmentService;
class AttachmentsController;
class BlobStore;
class ContentSniffer;
class SignedLinks;
class UploadScanner;

// Attachments as one unit the server wires in: the blob store under <data dir>/attachments,
// the content sniffer, the clamd scanner (when configured), signed links, the service and
// its routes, and an hourly collection of uploads that were never sent.
class AttachmentsModule
{
    Q_DISABLE_COPY_MOVE(AttachmentsModule)

public:
    static constexpr int kCollectIntervalMs = 60 * 60 * 1000;

    AttachmentsModule(const ServerContext &context, messaging::ConversationKeyring &keyring,
        std::optional<scanner::ClamdAddress> clamd, bool requireScan, bool tlsEnabled);
    ~AttachmentsModule();

    void registerRoutes(http::Router &router);
    // Logs how uploads will be scanned (a warning when they will not be), and starts the
    // collection timer.
    void start();

    AttachmentService &service() { return *m_service; }
    BlobStore &blobs() { return *m_blobs; }

private:
    std::unique_ptr<BlobStore> m_blobs;
    std::unique_ptr<ContentSniffer> m_sniffer;
    std::unique_ptr<UploadScanner> m_scanner;
    std::unique_ptr<SignedLinks> m_links;
    std::unique_ptr<AttachmentService> m_service;
    std::unique_ptr<AttachmentsController> m_controller;
    QTimer m_collectTimer;
};

} // namespace vw::server::attachments
