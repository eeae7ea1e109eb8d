#pragma once

#include "server/http/httpresponse.h"
#include "server/http/requestcontext.h"
#include "server/http/router.h"

namespace vw::server::attachments {

class AttachmentService;
struct DownloadedFile;

// REST routes of attachments: upload (raw body with Content-Type and X-File-Name, or the
// multipart/form-data field `file`), download, thumbnail, signed-link issue and the signed
// download itself (the one route here without a bearer).
class AttachmentsController
{
public:
    // `tlsEnabled` picks the scheme of the absolute links built from the Host header.
    AttachmentsController(AttachmentService &service, bool tlsEnabled) : m_service(service), m_tls(tlsEnabled)
    { }

    void registerRoutes(http::Router &router);

    void upload(const http::RequestContext &request, http::Respond respond);
    http::HttpResponse download(const http::RequestContext &request);
    http::HttpResponse thumbnail(const http::RequestContext &request);
    http::HttpResponse link(const http::RequestContext &request);
    http::HttpResponse signedDownload(const http::RequestContext &request);

    // `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266).
    static QByteArray contentDisposition(const QString &fileName);

private:
    static http::HttpResponse fileResponse(const DownloadedFile &file);
    QString absoluteUrl(const http::RequestContext &request, const QString &path) const;

    AttachmentService &m_service;
    bool m_tls = false;
};

} // namespace vw::server::attachments
