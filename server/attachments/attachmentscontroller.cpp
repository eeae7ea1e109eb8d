#include "server/attachments/attachmentscontroller.h"

#include "common/model/attachment.h"
#include "common/model/wire.h"
#include "server/attachments/attachmentservice.h"
#include "server/attachments/filenamesanitizer.h"
#include "server/attachments/multipartform.h"
#include "server/http/router.h"

#include <QRegularExpression>
#include <QUrl>

namespace vw::server::attachments {

using http::HttpResponse;
using http::RequestContext;

namespace {

// The media type without parameters ("text/csv; charset=utf-8" -> "text/csv"), lower case.
QString mediaType(const QByteArray &header)
{
    const qsizetype semicolon = header.indexOf(';');
    return QString::fromLatin1(semicolon < 0 ? header : header.left(semicolon)).trimmed().toLower();
}

} // namespace

void AttachmentsController::registerRoutes(http::Router &router)
{
    const auto bind = [this](HttpResponse (AttachmentsController::*handler)(const RequestContext &)) {
        return [this, handler](const RequestContext &request) { return (this->*handler)(request); };
    };
    // Answered once the bytes are scanned, sealed and written (on a worker) and the row is on disk.
    router.addDeferred("POST", QStringLiteral("/messaging/conversations/:id/attachments"),
        http::Access::Authenticated, [this](const RequestContext &request, http::Respond respond) {
            upload(request, std::move(respond));
        });
    router.add("GET", QStringLiteral("/messaging/attachments/:id"), http::Access::Authenticated,
        bind(&AttachmentsController::download));
    router.add("GET", QStringLiteral("/messaging/attachments/:id/thumbnail"), http::Access::Authenticated,
        bind(&AttachmentsController::thumbnail));
    router.add("GET", QStringLiteral("/messaging/attachments/:id/url"), http::Access::Authenticated,
        bind(&AttachmentsController::link));
    // The signature is the credential (API.md: signed links need no bearer).
    router.add("GET", QStringLiteral("/messaging/attachments/:id/signed"), http::Access::Public,
        bind(&AttachmentsController::signedDownload));
}

void AttachmentsController::upload(const RequestContext &request, http::Respond respond)
{
    auto conversationId = request.uuidParam(QStringLiteral("id"));
    if (!conversationId)
        return respond(HttpResponse::error(conversationId.error()));
    UploadRequest upload;
    const QByteArray contentType = request.header("content-type");
    if (mediaType(contentType) == u"multipart/form-data") {
        auto part = extractFilePart(contentType, request.body);
        if (!part)
            return respond(HttpResponse::error(part.error()));
        upload
            = UploadRequest {std::move(part.value().data), part.value().contentType, part.value().fileName};
    } else {
        upload = UploadRequest {
            request.body, mediaType(contentType), decodeFileNameHeader(request.header("x-file-name"))};
    }
    m_service.uploadQueued(request.caller(), request.client, conversationId.value(), std::move(upload),
        [respond = std::move(respond)](const Result<model::Attachment, ServiceError> &stored) {
            if (!stored)
                return respond(HttpResponse::error(stored.error()));
            respond(HttpResponse::json(201, model::toJson(stored.value())));
        });
}

HttpResponse AttachmentsController::download(const RequestContext &request)
{
    auto id = request.uuidParam(QStringLiteral("id"));
    if (!id)
        return HttpResponse::error(id.error());
    auto file = m_service.download(request.caller(), request.client, id.value());
    if (!file)
        return HttpResponse::error(file.error());
    return fileResponse(file.value());
}

HttpResponse AttachmentsController::thumbnail(const RequestContext &request)
{
    auto id = request.uuidParam(QStringLiteral("id"));
    if (!id)
        return HttpResponse::error(id.error());
    auto file = m_service.thumbnail(request.caller(), request.client, id.value());
    if (!file)
        return HttpResponse::error(file.error());
    HttpResponse response;
    response.body = file.value().content;
    response.contentType = file.value().mimeType.toLatin1();
    return response;
}

HttpResponse AttachmentsController::link(const RequestContext &request)
{
    auto id = request.uuidParam(QStringLiteral("id"));
    if (!id)
        return HttpResponse::error(id.error());
    auto issued = m_service.issueLink(request.caller(), request.client, id.value());
    if (!issued)
        return HttpResponse::error(issued.error());
    return HttpResponse::json(200,
        QJsonObject {{QStringLiteral("url"), absoluteUrl(request, issued.value().path)},
            {QStringLiteral("expiresAt"), model::timeToWire(issued.value().expiresAt)}});
}

HttpResponse AttachmentsController::signedDownload(const RequestContext &request)
{
    auto id = request.uuidParam(QStringLiteral("id"));
    if (!id)
        return HttpResponse::error(id.error());
    auto expires = request.queryInt(QStringLiteral("expires"), 0, std::numeric_limits<qint64>::max());
    auto user = request.queryUuid(QStringLiteral("user"));
    const auto signature = request.queryValue(QStringLiteral("signature"));
    if (!expires || !user || !expires.value() || !user.value() || !signature)
        return HttpResponse::error(ServiceError::forbidden(QStringLiteral("Invalid or expired link")));
    auto file
        = m_service.downloadSigned(id.value(), *user.value(), *expires.value(), *signature, request.client);
    if (!file)
        return HttpResponse::error(file.error());
    return fileResponse(file.value());
}

HttpResponse AttachmentsController::fileResponse(const DownloadedFile &file)
{
    HttpResponse response;
    response.body = file.content;
    response.contentType = file.mimeType.toLatin1();
    // Never rendered inline by a browser, whatever the type (nosniff comes with every reply).
    response.headers.append({QByteArrayLiteral("Content-Disposition"), contentDisposition(file.fileName)});
    return response;
}

QByteArray AttachmentsController::contentDisposition(const QString &fileName)
{
    QByteArray fallback;
    for (const QChar c : fileName) {
        const char16_t u = c.unicode();
        const bool plain = u >= 0x20 && u < 0x7f && u != u'"' && u != u'\\' && u != u'%' && u != u';';
        fallback.append(plain ? char(u) : '_');
    }
    if (fallback.isEmpty())
        fallback = "attachment";
    return QByteArrayLiteral("attachment; filename=\"") + fallback
        + QByteArrayLiteral("\"; filename*=UTF-8''") + QUrl::toPercentEncoding(fileName);
}

QString AttachmentsController::absoluteUrl(const RequestContext &request, const QString &path) const
{
    // The Host header the client used to reach us; anything unusual gives a relative link.
    static const QRegularExpression hostPattern(
        QStringLiteral(R"(^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$)"));
    const QString host = QString::fromLatin1(request.header("host"));
    if (host.isEmpty() || host.size() > 255 || !hostPattern.match(host).hasMatch())
        return path;
    return (m_tls ? QStringLiteral("https://") : QStringLiteral("http://")) + host + path;
}

} // namespace vw::server::attachments
