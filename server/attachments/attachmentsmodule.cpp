#include "server/attachments/attachmentsmodule.h"

#include "server/attachments/attachmentscontroller.h"
#include "server/attachments/attachmentservice.h"
#include "server/attachments/blobstore.h"
#include "server/attachments/contentsniffer.h"
#include "server/attachments/signedlinks.h"
#include "server/attachments/uploadscanner.h"

#include <QLoggingCategory>

namespace vw::server::attachments {

namespace {

Q_LOGGING_CATEGORY(lcAttachmentsModule, "vw.attachments")

} // namespace

AttachmentsModule::AttachmentsModule(const ServerContext &context, messaging::ConversationKeyring &keyring,
    std::optional<scanner::ClamdAddress> clamd, bool requireScan, bool tlsEnabled)
    : m_blobs(std::make_unique<BlobStore>(context.options.dataDir + QStringLiteral("/attachments"))),
      m_sniffer(std::make_unique<ContentSniffer>()),
      m_scanner(std::make_unique<UploadScanner>(
          clamd ? std::optional<scanner::ClamdClient>(scanner::ClamdClient(*clamd)) : std::nullopt,
          requireScan)),
      m_links(std::make_unique<SignedLinks>(context.masterKey)),
      m_service(
          std::make_unique<AttachmentService>(context, keyring, *m_blobs, *m_sniffer, *m_scanner, *m_links)),
      m_controller(std::make_unique<AttachmentsController>(*m_service, tlsEnabled))
{
    m_collectTimer.setInterval(kCollectIntervalMs);
    QObject::connect(&m_collectTimer, &QTimer::timeout,
        [service = m_service.get()] { service->collectUnclaimedQueued(); });
}

AttachmentsModule::~AttachmentsModule() = default;

void AttachmentsModule::registerRoutes(http::Router &router)
{
    m_controller->registerRoutes(router);
}

void AttachmentsModule::start()
{
    if (!m_scanner->isConfigured()) {
        qCWarning(lcAttachmentsModule)
            << "no --clamd given: uploads are stored unscanned (scanStatus: skipped)";
    } else if (auto alive = m_scanner->clamd()->ping(); !alive) {
        qCWarning(lcAttachmentsModule).noquote() << "clamd at" << m_scanner->clamd()->address().toString()
                                                 << "does not answer yet:" << alive.error().detail;
    }
    m_service->collectUnclaimedQueued();
    m_collectTimer.start();
}

} // namespace vw::server::attachments
