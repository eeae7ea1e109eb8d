#pragma once

#include "app/client/apierror.h"
#include "common/core/result.h"
#include "common/model/attachment.h"
#include "common/model/conversation.h"
#include "common/model/enums.h"
#include "common/model/message.h"
#include "common/model/user.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace vw::client {

class ServerEndpoint;

// The tokens of one signed-in session (login and refresh replies) and who it belongs to.
struct AuthSession
{
    QString accessToken;
    QString refreshToken;
    // When the access token expires, by this computer's clock (receipt time + expiresIn).
    QDateTime expiresAt;
    model::User user;
};

// GET /users filters; an empty or zero field is left to the server's default.
struct UserQuery
{
    std::optional<model::UserRole> role;
    QString search;
    int limit = 0;
};

// One page of GET /messaging/conversations, newest activity first.
struct ConversationPage
{
    QList<model::Conversation> conversations;
    // Give it back as `cursor` for the next page; null on the last page.
    std::optional<QString> nextCursor;
};

// Which messages of a conversation to fetch; a zero limit is the server's default (50).
struct MessagePageQuery
{
    int limit = 0;
    // Only messages older / newer than this one.
    std::optional<QUuid> before;
    std::optional<QUuid> after;
};

// One page of a conversation's history, newest first.
struct MessagePage
{
    QList<model::Message> messages;
    std::optional<QUuid> nextCursor;
};

// GET /messaging/conversations/unread-count.
struct UnreadCounts
{
    qint64 total = 0;
    QHash<QUuid, qint64> byConversation;
};

// The body of a send; the server sets `type` from the attachments.
struct OutgoingMessage
{
    QString content;
    std::optional<QUuid> replyToId;
    QList<QUuid> attachmentIds;
    model::MessagePriority priority = model::MessagePriority::Normal;
    // The idempotency key: a resend with the same key gets the original message back. Empty: none.
    QString clientMessageId;
};

// A signed download link that needs no bearer token, valid until expiresAt.
struct AttachmentLink
{
    QUrl url;
    QDateTime expiresAt;
};

// Bytes downloaded from the server with their media type.
struct FileContent
{
    QByteArray data;
    QString mimeType;
};

struct ApiReply;
struct ApiRequest;

// One REST call in flight, including its retry after a token renewal. The ApiClient owns it
// and deletes it after the callback ran; the handle may be ignored.
class ApiCall : public QObject
{
    Q_OBJECT
public:
    ~ApiCall() override;

    // The callback will not run once `context` is destroyed (a widget closed before the
    // answer came): the call is aborted then. Returns this, for chaining.
    ApiCall *bindTo(QObject *context);
    // Cancels the request; the callback never runs.
    void abort();

signals:
    // Bytes sent (uploads) or received (downloads); total is -1 when unknown.
    void progress(qint64 bytesDone, qint64 bytesTotal);

private:
    friend class ApiClient;
    explicit ApiCall(std::unique_ptr<ApiRequest> request, QObject *parent);

    std::unique_ptr<ApiRequest> m_request;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    // The access token the current attempt carried, to tell a stale 401 from a fresh one.
    QString m_sentToken;
    bool m_renewed = false;
    bool m_aborted = false;
    bool m_timedOut = false;
    bool m_tooLarge = false;
};

// The REST client of the wire contract (API.md) over one QNetworkAccessManager. Every call
// is asynchronous and answers once through its callback (a null callback is allowed), on
// this object's thread. Bearer calls that get a 401 are renewed and retried once through
// the renew handler (SessionKeeper installs one). Bodies, passwords and tokens are never logged.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    template <typename T>
    using Callback = std::function<void(const Result<T, ApiError> &)>;
    using DoneCallback = std::function<void(const Status<ApiError> &)>;
    // Called when a bearer call is refused with 401: renew the access token (setAccessToken)
    // and call `done` with nothing to retry the call, or with the error to answer it with.
    using RenewHandler = std::function<void(std::function<void(const std::optional<ApiError> &)> done)>;

    static constexpr int kDefaultRequestTimeoutMs = 30'000;
    static constexpr int kDefaultTransferTimeoutMs = 10 * 60'000;

    explicit ApiClient(const ServerEndpoint &endpoint, QObject *parent = nullptr);
    // Aborts every call in flight without running its callback.
    ~ApiClient() override;

    void setEndpoint(const ServerEndpoint &endpoint);
    QUrl baseUrl() const { return m_baseUrl; }
    // Sent as the bearer on every call but login and refresh.
    void setAccessToken(const QString &token) { m_accessToken = token; }
    QString accessToken() const { return m_accessToken; }
    // For https: trusted CAs, pinned certificates, protocol; without it the system default applies.
    void setSslConfiguration(const QSslConfiguration &configuration);
    void setRenewHandler(RenewHandler handler) { m_renew = std::move(handler); }
    // Whole-call deadlines: `requestMs` for JSON calls, `transferMs` for uploads and downloads.
    void setTimeouts(int requestMs, int transferMs);

    ApiCall *login(const QString &username, const QString &password, Callback<AuthSession> done);
    // Rotates the session's tokens: `refreshToken` stops working once this succeeds.
    ApiCall *refresh(const QString &refreshToken, Callback<AuthSession> done);
    // Revokes the session on the server; its tokens stop working at once.
    ApiCall *logout(DoneCallback done);
    ApiCall *me(Callback<model::User> done);
    // The people the caller may start a conversation with.
    ApiCall *users(const UserQuery &query, Callback<QList<model::User>> done);

    // Opens the patient–provider pair, or answers with the existing one.
    ApiCall *openPair(const QUuid &patientId, const QUuid &providerId, Callback<model::Conversation> done);
    ApiCall *createGroup(
        const QList<QUuid> &participantIds, const QString &title, Callback<model::Conversation> done);
    // limit 0: the server's default; an empty cursor: the first page.
    ApiCall *conversations(int limit, const QString &cursor, Callback<ConversationPage> done);
    ApiCall *unreadCounts(Callback<UnreadCounts> done);
    ApiCall *conversation(const QUuid &id, Callback<model::Conversation> done);
    ApiCall *setTyping(const QUuid &conversationId, bool isTyping, DoneCallback done);

    ApiCall *sendMessage(
        const QUuid &conversationId, const OutgoingMessage &message, Callback<model::Message> done);
    ApiCall *messages(const QUuid &conversationId, const MessagePageQuery &query, Callback<MessagePage> done);
    // Marks the message and every earlier one to the caller read.
    ApiCall *markRead(const QUuid &messageId, Callback<model::Message> done);
    // Whole words, case-insensitive; conversationId narrows it to one conversation, limit 0 is the default.
    ApiCall *searchMessages(const QString &text, const std::optional<QUuid> &conversationId, int limit,
        Callback<QList<model::Message>> done);
    ApiCall *deleteMessage(const QUuid &messageId, DoneCallback done);

    ApiCall *uploadAttachment(const QUuid &conversationId, const QString &fileName, const QString &mimeType,
        const QByteArray &content, Callback<model::Attachment> done);
    ApiCall *downloadAttachment(const QUuid &attachmentId, Callback<FileContent> done);
    // Images only; a 404 for attachments without one.
    ApiCall *downloadThumbnail(const QUuid &attachmentId, Callback<FileContent> done);
    ApiCall *attachmentLink(const QUuid &attachmentId, Callback<AttachmentLink> done);

private:
    ApiCall *start(ApiRequest request);
    void dispatch(ApiCall *call);
    void onFinished(ApiCall *call, QNetworkReply *reply);
    void renewAndRetry(ApiCall *call);
    static void finish(ApiCall *call, const Result<ApiReply, ApiError> &result);

    QNetworkAccessManager *m_network; // a child of this
    QUrl m_baseUrl;
    QString m_accessToken;
    std::optional<QSslConfiguration> m_sslConfiguration;
    RenewHandler m_renew;
    int m_requestTimeoutMs = kDefaultRequestTimeoutMs;
    int m_transferTimeoutMs = kDefaultTransferTimeoutMs;
};

} // namespace vw::client
