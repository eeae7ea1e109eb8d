#include "app/client/apiclient.h"

#include "app/client/serverendpoint.h"
#include "common/model/jsonreader.h"
#include "common/model/limits.h"
#include "common/model/wire.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <algorithm>
#include <utility>

namespace vw::client {

// A successful answer, before decoding.
struct ApiReply
{
    int status = 0;
    QByteArray body;
    // Without parameters, lower case: "application/pdf".
    QString contentType;
    // For error messages (its host); never logged, the query may hold search text.
    QUrl url;
};

using ReplyHandler = std::function<void(const Result<ApiReply, ApiError> &)>;

// What to send and how to treat the answer; kept for the retry after a token renewal.
struct ApiRequest
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
    QList<std::pair<QByteArray, QByteArray>> headers;
    // Carries the access token (every route but login and refresh).
    bool bearer = true;
    bool signIn = false;
    // An upload or download: the longer deadline, and progress() reports.
    bool transfer = false;
    // The answer is a file's bytes, not JSON.
    bool fileReply = false;
    ReplyHandler handler;
};

namespace {

// Never bodies, passwords or tokens: method, path (ids only, no query), status and kind.
Q_LOGGING_CATEGORY(lcApi, "vw.client.api")

// A page of 100 messages of 10,000 characters is about 2 MiB of JSON; this leaves room.
constexpr qint64 kMaxJsonReplyBytes = 32 * 1024 * 1024;
// Attachments are at most 50 MiB (API.md "Limits").
constexpr qint64 kMaxFileReplyBytes = 64 * 1024 * 1024;
// Our tokens are a few hundred bytes; anything far beyond is not a token of ours.
constexpr qsizetype kMaxTokenLength = 8192;
// The server's access tokens live 15 minutes; a year means a broken reply.
constexpr qint64 kMaxExpiresInSeconds = 365LL * 24 * 60 * 60;

const QByteArray kJson = QByteArrayLiteral("application/json");

template <typename T>
using Decoder = std::function<Result<T, model::DecodeError>(const QJsonObject &)>;

ApiRequest jsonRequest(const char *method, const QString &path, const QJsonObject &body)
{
    ApiRequest request;
    request.method = method;
    request.path = path;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.contentType = kJson;
    return request;
}

ApiRequest bodilessRequest(const char *method, const QString &path, const QUrlQuery &query = {})
{
    ApiRequest request;
    request.method = method;
    request.path = path;
    request.query = query;
    return request;
}

QString idPath(const char *prefix, const QUuid &id, const char *suffix = "")
{
    return QLatin1StringView(prefix) + model::uuidToWire(id) + QLatin1StringView(suffix);
}

void addLimit(QUrlQuery &query, int limit)
{
    if (limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
}

// Header values must not carry line breaks or other controls, or a caller's (or a hostile
// server's) text could add header lines of its own. Tokens have no spaces either.
bool isHeaderText(const QString &text)
{
    return std::all_of(
        text.cbegin(), text.cend(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f; });
}

bool isTokenText(const QString &token)
{
    return isHeaderText(token) && !token.contains(u' ');
}

Result<AuthSession, model::DecodeError> sessionFromJson(const QJsonObject &object)
{
    model::JsonReader reader(object);
    AuthSession session;
    session.accessToken = reader.requireString(u"accessToken", {1, kMaxTokenLength});
    if (reader.ok() && !isTokenText(session.accessToken))
        reader.fail(u"accessToken", QStringLiteral("expected printable ASCII"));
    session.refreshToken = reader.requireString(u"refreshToken", {1, kMaxTokenLength});
    if (reader.ok() && !isTokenText(session.refreshToken))
        reader.fail(u"refreshToken", QStringLiteral("expected printable ASCII"));
    const qint64 expiresIn = reader.requireInt(u"expiresIn", 1, kMaxExpiresInSeconds);
    reader.requireObject(u"user", [&](model::JsonReader &user) { session.user = model::readUser(user); });
    if (!reader.ok())
        return *reader.error();
    session.expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
    return session;
}

// `{key: [T]}` read element by element through `read`.
template <typename T>
Result<QList<T>, model::DecodeError> listFromJson(
    const QJsonObject &object, QStringView key, T (*read)(model::JsonReader &))
{
    model::JsonReader reader(object);
    QList<T> items;
    reader.requireObjectArray(
        key, model::kMaxDecodedArrayItems, [&](model::JsonReader &item) { items.append(read(item)); });
    if (!reader.ok())
        return *reader.error();
    return items;
}

Result<ConversationPage, model::DecodeError> conversationPageFromJson(const QJsonObject &object)
{
    model::JsonReader reader(object);
    ConversationPage page;
    reader.requireObjectArray(u"conversations", model::kMaxDecodedArrayItems,
        [&](model::JsonReader &item) { page.conversations.append(model::readConversation(item)); });
    page.nextCursor = reader.optionalString(u"nextCursor", {1, model::kMaxDecodedStringLength});
    if (!reader.ok())
        return *reader.error();
    return page;
}

Result<MessagePage, model::DecodeError> messagePageFromJson(const QJsonObject &object)
{
    model::JsonReader reader(object);
    MessagePage page;
    reader.requireObjectArray(u"messages", model::kMaxDecodedArrayItems,
        [&](model::JsonReader &item) { page.messages.append(model::readMessage(item)); });
    page.nextCursor = reader.optionalUuid(u"nextCursor");
    if (!reader.ok())
        return *reader.error();
    return page;
}

Result<UnreadCounts, model::DecodeError> unreadCountsFromJson(const QJsonObject &object)
{
    model::JsonReader reader(object);
    UnreadCounts counts;
    counts.total = reader.requireInt(u"total", 0, model::kMaxSafeInteger);
    const QJsonValue byConversation = reader.value(u"byConversation");
    if (reader.ok() && !byConversation.isObject())
        reader.fail(u"byConversation", QStringLiteral("expected an object"));
    if (!reader.ok())
        return *reader.error();
    const QJsonObject perId = byConversation.toObject();
    model::JsonReader entries(perId);
    for (auto it = perId.begin(); it != perId.end() && entries.ok(); ++it) {
        const auto id = model::parseUuid(it.key());
        if (!id) {
            entries.fail(it.key(), QStringLiteral("expected a conversation id"));
            break;
        }
        counts.byConversation.insert(*id, entries.requireInt(it.key(), 0, model::kMaxSafeInteger));
    }
    if (!entries.ok())
        return model::DecodeError {
            QStringLiteral("byConversation.") + entries.error()->field, entries.error()->reason};
    return counts;
}

Result<AttachmentLink, model::DecodeError> linkFromJson(const QJsonObject &object, const QUrl &base)
{
    model::JsonReader reader(object);
    AttachmentLink link;
    const QString url = reader.requireString(u"url", {1, model::kMaxDecodedStringLength});
    link.expiresAt = reader.requireTime(u"expiresAt");
    if (!reader.ok())
        return *reader.error();
    // The server may answer with a path when it cannot tell which host we used.
    link.url = base.resolved(QUrl(url, QUrl::StrictMode));
    const QString scheme = link.url.scheme();
    if (!link.url.isValid() || (scheme != u"http" && scheme != u"https"))
        return model::DecodeError {QStringLiteral("url"), QStringLiteral("expected an http(s) URL")};
    return link;
}

template <typename T>
ReplyHandler decodeJson(ApiClient::Callback<T> done, Decoder<T> decode)
{
    return [done = std::move(done), decode = std::move(decode)](const Result<ApiReply, ApiError> &reply) {
        if (!done)
            return;
        if (!reply) {
            done(reply.error());
            return;
        }
        const auto object = model::JsonReader::parseObject(reply->body);
        auto value = object ? decode(object.value()) : Result<T, model::DecodeError>(object.error());
        if (!value) {
            qCWarning(lcApi).noquote() << "unreadable reply:" << value.error().message();
            done(ApiError::badReply(reply->url, reply->status, value.error().message()));
            return;
        }
        done(std::move(value).value());
    };
}

ReplyHandler expectNoContent(ApiClient::DoneCallback done)
{
    return [done = std::move(done)](const Result<ApiReply, ApiError> &reply) {
        if (!done)
            return;
        if (!reply)
            done(reply.error());
        else
            done(Status<ApiError>::success());
    };
}

ReplyHandler expectBytes(ApiClient::Callback<FileContent> done)
{
    return [done = std::move(done)](const Result<ApiReply, ApiError> &reply) {
        if (!done)
            return;
        if (!reply)
            done(reply.error());
        else
            done(FileContent {reply->body, reply->contentType});
    };
}

QString mediaTypeOf(const QNetworkReply &reply)
{
    const QByteArray header = reply.rawHeader("Content-Type");
    const qsizetype semicolon = header.indexOf(';');
    return QString::fromLatin1(semicolon < 0 ? header : header.left(semicolon)).trimmed().toLower();
}

QByteArray userAgent()
{
    const QString name = QCoreApplication::applicationName();
    if (name.isEmpty())
        return QByteArrayLiteral("vytalwatch-chat");
    const QString version = QCoreApplication::applicationVersion();
    return (version.isEmpty() ? name : name + u'/' + version).toUtf8();
}

} // namespace

ApiCall::ApiCall(std::unique_ptr<ApiRequest> request, QObject *parent)
    : QObject(parent), m_request(std::move(request))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort(); // finished() follows at once and reports the timeout
    });
}

ApiCall::~ApiCall() = default;

ApiCall *ApiCall::bindTo(QObject *context)
{
    if (context)
        connect(context, &QObject::destroyed, this, &ApiCall::abort);
    return this;
}

void ApiCall::abort()
{
    if (m_aborted)
        return;
    m_aborted = true;
    m_deadline.stop();
    m_request->handler = nullptr;
    if (m_reply)
        m_reply->abort();
    deleteLater();
}

ApiClient::ApiClient(const ServerEndpoint &endpoint, QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this)), m_baseUrl(endpoint.baseUrl())
{
    // Replies are ours to decode; a cookie jar would only keep what a server should not set.
    m_network->setCookieJar(nullptr);
}

ApiClient::~ApiClient()
{
    const auto calls = findChildren<ApiCall *>(Qt::FindDirectChildrenOnly);
    for (ApiCall *call : calls) {
        call->m_aborted = true;
        call->m_request->handler = nullptr;
        if (call->m_reply) {
            QObject::disconnect(call->m_reply, nullptr, call, nullptr);
            call->m_reply->abort();
        }
    }
}

void ApiClient::setEndpoint(const ServerEndpoint &endpoint)
{
    m_baseUrl = endpoint.baseUrl();
}

void ApiClient::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_sslConfiguration = configuration;
    // Open connections keep the configuration they were made with (Qt keys its pool by host,
    // not by TLS settings): drop them so the next call negotiates with the new trust.
    m_network->clearConnectionCache();
}

void ApiClient::setTimeouts(int requestMs, int transferMs)
{
    m_requestTimeoutMs = requestMs;
    m_transferTimeoutMs = transferMs;
}

ApiCall *ApiClient::start(ApiRequest request)
{
    auto *call = new ApiCall(std::make_unique<ApiRequest>(std::move(request)), this);
    dispatch(call);
    return call;
}

void ApiClient::dispatch(ApiCall *call)
{
    const ApiRequest &request = *call->m_request;
    QUrl url = m_baseUrl;
    url.setPath(request.path);
    if (!request.query.isEmpty())
        url.setQuery(request.query);

    QNetworkRequest http(url);
    // A redirect would carry the bearer token to wherever it points; the API never redirects.
    http.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    http.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    http.setRawHeader("Accept", request.fileReply ? QByteArrayLiteral("*/*") : kJson);
    if (!request.contentType.isEmpty())
        http.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    for (const auto &[name, value] : request.headers)
        http.setRawHeader(name, value);
    call->m_sentToken.clear();
    if (request.bearer) {
        call->m_sentToken = m_accessToken;
        // Without a usable token the server answers 401, which is what the caller should hear.
        if (!m_accessToken.isEmpty() && isTokenText(m_accessToken))
            http.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + m_accessToken.toLatin1());
    }
    if (m_sslConfiguration)
        http.setSslConfiguration(*m_sslConfiguration);

    QNetworkReply *reply = nullptr;
    if (request.method == "GET")
        reply = m_network->get(http);
    else if (request.method == "DELETE")
        reply = m_network->deleteResource(http);
    else
        reply = m_network->sendCustomRequest(http, request.method, request.body);
    call->m_reply = reply;
    call->m_timedOut = false;
    call->m_tooLarge = false;

    const qint64 maxBytes = request.fileReply ? kMaxFileReplyBytes : kMaxJsonReplyBytes;
    const bool reportUpload = request.transfer && !request.body.isEmpty();
    const bool reportDownload = request.transfer && request.body.isEmpty();
    connect(reply, &QNetworkReply::downloadProgress, call,
        [call, reply, maxBytes, reportDownload](qint64 received, qint64 total) {
            if (received > maxBytes || total > maxBytes) {
                call->m_tooLarge = true;
                reply->abort();
                return;
            }
            if (reportDownload)
                emit call->progress(received, total);
        });
    if (reportUpload) {
        connect(reply, &QNetworkReply::uploadProgress, call, [call](qint64 sent, qint64 total) {
            if (sent != 0 || total != 0) // Qt's closing (0, 0) says nothing
                emit call->progress(sent, total);
        });
    }
    connect(reply, &QNetworkReply::finished, call, [this, call, reply] { onFinished(call, reply); });
    call->m_deadline.start(request.transfer ? m_transferTimeoutMs : m_requestTimeoutMs);
}

void ApiClient::onFinished(ApiCall *call, QNetworkReply *reply)
{
    reply->deleteLater();
    if (call->m_reply == reply)
        call->m_reply = nullptr;
    call->m_deadline.stop();
    if (call->m_aborted)
        return;

    const ApiRequest &request = *call->m_request;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (call->m_timedOut) {
        qCInfo(lcApi).noquote() << request.method << request.path << "timed out";
        finish(call, ApiError::timedOut(reply->url()));
        return;
    }
    if (call->m_tooLarge) {
        qCWarning(lcApi).noquote() << request.method << request.path << "reply too large";
        finish(call,
            ApiError::badReply(reply->url(), status,
                QStringLiteral("larger than %1 bytes")
                    .arg(request.fileReply ? kMaxFileReplyBytes : kMaxJsonReplyBytes)));
        return;
    }
    const QByteArray body = reply->readAll();
    if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        qCDebug(lcApi).noquote() << request.method << request.path << status;
        finish(call, ApiReply {status, body, mediaTypeOf(*reply), reply->url()});
        return;
    }

    ApiError error = ApiError::fromReply(*reply, body);
    error.signIn = request.signIn;
    qCInfo(lcApi).noquote() << request.method << request.path << "failed:" << error.status << error.kind;
    if (error.kind == ApiError::Kind::Unauthorized && request.bearer && m_renew && !call->m_renewed) {
        renewAndRetry(call);
        return;
    }
    finish(call, error);
}

void ApiClient::renewAndRetry(ApiCall *call)
{
    call->m_renewed = true;
    // Another call already renewed the token after this one was sent: just try again.
    if (!m_accessToken.isEmpty() && m_accessToken != call->m_sentToken) {
        dispatch(call);
        return;
    }
    QPointer<ApiCall> guard(call);
    m_renew([this, guard](const std::optional<ApiError> &failure) {
        if (!guard || guard->m_aborted)
            return;
        if (failure)
            finish(guard, *failure);
        else
            dispatch(guard);
    });
}

void ApiClient::finish(ApiCall *call, const Result<ApiReply, ApiError> &result)
{
    call->m_aborted = true; // done: a later abort() changes nothing
    const ReplyHandler handler = std::exchange(call->m_request->handler, nullptr);
    call->deleteLater();
    if (handler)
        handler(result);
}

ApiCall *ApiClient::login(const QString &username, const QString &password, Callback<AuthSession> done)
{
    ApiRequest request = jsonRequest("POST", QStringLiteral("/auth/login"),
        QJsonObject {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
    request.bearer = false;
    request.signIn = true;
    request.handler = decodeJson<AuthSession>(std::move(done), sessionFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::refresh(const QString &refreshToken, Callback<AuthSession> done)
{
    ApiRequest request = jsonRequest("POST", QStringLiteral("/auth/refresh"),
        QJsonObject {{QStringLiteral("refreshToken"), refreshToken}});
    request.bearer = false;
    request.handler = decodeJson<AuthSession>(std::move(done), sessionFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::logout(DoneCallback done)
{
    ApiRequest request = bodilessRequest("POST", QStringLiteral("/auth/logout"));
    request.handler = expectNoContent(std::move(done));
    return start(std::move(request));
}

ApiCall *ApiClient::me(Callback<model::User> done)
{
    ApiRequest request = bodilessRequest("GET", QStringLiteral("/auth/me"));
    request.handler = decodeJson<model::User>(std::move(done), model::userFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::users(const UserQuery &query, Callback<QList<model::User>> done)
{
    QUrlQuery params;
    if (query.role)
        params.addQueryItem(QStringLiteral("role"), model::toWire(*query.role));
    if (!query.search.isEmpty())
        params.addQueryItem(QStringLiteral("q"), query.search);
    addLimit(params, query.limit);
    ApiRequest request = bodilessRequest("GET", QStringLiteral("/users"), params);
    request.handler = decodeJson<QList<model::User>>(std::move(done),
        [](const QJsonObject &object) { return listFromJson(object, u"users", &model::readUser); });
    return start(std::move(request));
}

ApiCall *ApiClient::openPair(
    const QUuid &patientId, const QUuid &providerId, Callback<model::Conversation> done)
{
    ApiRequest request = jsonRequest("POST", QStringLiteral("/messaging/conversations"),
        QJsonObject {{QStringLiteral("patientId"), model::uuidToWire(patientId)},
            {QStringLiteral("providerId"), model::uuidToWire(providerId)}});
    request.handler = decodeJson<model::Conversation>(std::move(done), model::conversationFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::createGroup(
    const QList<QUuid> &participantIds, const QString &title, Callback<model::Conversation> done)
{
    QJsonArray ids;
    for (const QUuid &id : participantIds)
        ids.append(model::uuidToWire(id));
    ApiRequest request = jsonRequest("POST", QStringLiteral("/messaging/conversations"),
        QJsonObject {{QStringLiteral("participantIds"), ids}, {QStringLiteral("title"), title}});
    request.handler = decodeJson<model::Conversation>(std::move(done), model::conversationFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::conversations(int limit, const QString &cursor, Callback<ConversationPage> done)
{
    QUrlQuery params;
    addLimit(params, limit);
    if (!cursor.isEmpty())
        params.addQueryItem(QStringLiteral("cursor"), cursor);
    ApiRequest request = bodilessRequest("GET", QStringLiteral("/messaging/conversations"), params);
    request.handler = decodeJson<ConversationPage>(std::move(done), conversationPageFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::unreadCounts(Callback<UnreadCounts> done)
{
    ApiRequest request = bodilessRequest("GET", QStringLiteral("/messaging/conversations/unread-count"));
    request.handler = decodeJson<UnreadCounts>(std::move(done), unreadCountsFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::conversation(const QUuid &id, Callback<model::Conversation> done)
{
    ApiRequest request = bodilessRequest("GET", idPath("/messaging/conversations/", id));
    request.handler = decodeJson<model::Conversation>(std::move(done), model::conversationFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::setTyping(const QUuid &conversationId, bool isTyping, DoneCallback done)
{
    ApiRequest request = jsonRequest("POST", idPath("/messaging/conversations/", conversationId, "/typing"),
        QJsonObject {{QStringLiteral("isTyping"), isTyping}});
    request.handler = expectNoContent(std::move(done));
    return start(std::move(request));
}

ApiCall *ApiClient::sendMessage(
    const QUuid &conversationId, const OutgoingMessage &message, Callback<model::Message> done)
{
    QJsonObject body {{QStringLiteral("content"), message.content},
        {QStringLiteral("priority"), model::toWire(message.priority)}};
    if (message.replyToId)
        body.insert(QStringLiteral("replyToId"), model::uuidToWire(*message.replyToId));
    if (!message.attachmentIds.isEmpty()) {
        QJsonArray ids;
        for (const QUuid &id : message.attachmentIds)
            ids.append(model::uuidToWire(id));
        body.insert(QStringLiteral("attachmentIds"), ids);
    }
    if (!message.clientMessageId.isEmpty())
        body.insert(QStringLiteral("clientMessageId"), message.clientMessageId);
    ApiRequest request
        = jsonRequest("POST", idPath("/messaging/conversations/", conversationId, "/messages"), body);
    request.handler = decodeJson<model::Message>(std::move(done), model::messageFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::messages(
    const QUuid &conversationId, const MessagePageQuery &query, Callback<MessagePage> done)
{
    QUrlQuery params;
    addLimit(params, query.limit);
    if (query.before)
        params.addQueryItem(QStringLiteral("before"), model::uuidToWire(*query.before));
    if (query.after)
        params.addQueryItem(QStringLiteral("after"), model::uuidToWire(*query.after));
    ApiRequest request
        = bodilessRequest("GET", idPath("/messaging/conversations/", conversationId, "/messages"), params);
    request.handler = decodeJson<MessagePage>(std::move(done), messagePageFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::markRead(const QUuid &messageId, Callback<model::Message> done)
{
    ApiRequest request = bodilessRequest("PATCH", idPath("/messaging/messages/", messageId, "/read"));
    request.handler = decodeJson<model::Message>(std::move(done), model::messageFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::searchMessages(const QString &text, const std::optional<QUuid> &conversationId, int limit,
    Callback<QList<model::Message>> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("q"), text);
    if (conversationId)
        params.addQueryItem(QStringLiteral("conversationId"), model::uuidToWire(*conversationId));
    addLimit(params, limit);
    ApiRequest request = bodilessRequest("GET", QStringLiteral("/messaging/messages/search"), params);
    request.handler = decodeJson<QList<model::Message>>(std::move(done),
        [](const QJsonObject &object) { return listFromJson(object, u"messages", &model::readMessage); });
    return start(std::move(request));
}

ApiCall *ApiClient::deleteMessage(const QUuid &messageId, DoneCallback done)
{
    ApiRequest request = bodilessRequest("DELETE", idPath("/messaging/messages/", messageId));
    request.handler = expectNoContent(std::move(done));
    return start(std::move(request));
}

ApiCall *ApiClient::uploadAttachment(const QUuid &conversationId, const QString &fileName,
    const QString &mimeType, const QByteArray &content, Callback<model::Attachment> done)
{
    ApiRequest request
        = bodilessRequest("POST", idPath("/messaging/conversations/", conversationId, "/attachments"));
    request.body = content;
    const bool usableType = !mimeType.isEmpty() && isHeaderText(mimeType);
    request.contentType = usableType ? mimeType.toLatin1() : QByteArrayLiteral("application/octet-stream");
    // Percent-encoded UTF-8, as decodeURIComponent() on a NestJS server expects.
    request.headers.append({QByteArrayLiteral("X-File-Name"), QUrl::toPercentEncoding(fileName)});
    request.transfer = true;
    request.handler = decodeJson<model::Attachment>(std::move(done), model::attachmentFromJson);
    return start(std::move(request));
}

ApiCall *ApiClient::downloadAttachment(const QUuid &attachmentId, Callback<FileContent> done)
{
    ApiRequest request = bodilessRequest("GET", idPath("/messaging/attachments/", attachmentId));
    request.transfer = true;
    request.fileReply = true;
    request.handler = expectBytes(std::move(done));
    return start(std::move(request));
}

ApiCall *ApiClient::downloadThumbnail(const QUuid &attachmentId, Callback<FileContent> done)
{
    ApiRequest request
        = bodilessRequest("GET", idPath("/messaging/attachments/", attachmentId, "/thumbnail"));
    request.fileReply = true;
    request.handler = expectBytes(std::move(done));
    return start(std::move(request));
}

ApiCall *ApiClient::attachmentLink(const QUuid &attachmentId, Callback<AttachmentLink> done)
{
    ApiRequest request = bodilessRequest("GET", idPath("/messaging/attachments/", attachmentId, "/url"));
    request.handler = decodeJson<AttachmentLink>(std::move(done),
        [base = m_baseUrl](const QJsonObject &object) { return linkFromJson(object, base); });
    return start(std::move(request));
}

} // namespace vw::client
