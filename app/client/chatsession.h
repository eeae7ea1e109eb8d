#pragma once

#include "app/client/apiclient.h"
#include "app/client/apierror.h"
#include "app/client/outboxsender.h"
#include "app/client/realtimeclient.h"
#include "common/core/result.h"
#include "common/model/enums.h"
#include "common/model/message.h"
#include "common/model/user.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

class QImage;

namespace vw::client {

class ConversationListModel;
class MessageListModel;
class Outbox;
class SessionKeeper;
class ThumbnailCache;

struct ChatSessionOptions
{
    RealtimeClientOptions realtime;
    OutboxSenderOptions outboxSender;
    // Where the outbox lives; empty: Outbox::defaultDirectory(server, user id).
    QString outboxDirectory;
    // SessionKeeper's renewal lead; 0 or less: its default.
    int refreshLeadMs = 0;
};

// One signed-in user on one server, for the main window: signs in and out, keeps the token
// and the realtime connection alive, feeds the conversation and message list models from
// REST pages and realtime events, and sends every message through the encrypted outbox.
class ChatSession : public QObject
{
    Q_OBJECT
public:
    enum class SignOutReason {
        UserRequested, // signOut()
        SessionExpired, // the refresh token was refused
        Kicked, // the server ended the session ("io server disconnect")
    };
    Q_ENUM(SignOutReason)

    // Minimum time between two typing=true emits while the user keeps typing.
    static constexpr int kTypingThrottleMs = 2000;
    // The server's upload limit (README: Attachments); larger files are refused before upload.
    static constexpr qint64 kMaxAttachmentBytes = 50LL * 1024 * 1024;

    explicit ChatSession(ChatSessionOptions options = {}, QObject *parent = nullptr);
    ~ChatSession() override;

    // Answers with signedIn() or signInFailed(). A session already signed in is left first
    // (without a signedOut()).
    void signIn(const QString &serverUrl, const QString &username, const QString &password);
    // Revokes the session on the server, closes the socket and empties the models.
    void signOut();
    bool isSignedIn() const { return m_signedIn; }
    // The realtime connection is up: messages are sent now rather than queued.
    bool isOnline() const { return m_online; }
    model::User currentUser() const { return m_user; }
    QUrl serverUrl() const;

    // The REST client of this session (for dialogs: user directory, search, attachments).
    ApiClient *api() const { return m_api; }
    ConversationListModel *conversations() const { return m_conversations; }
    MessageListModel *messages() const { return m_messages; }
    // Null until the outbox is unlocked at sign-in (or when it could not be).
    Outbox *outbox() const { return m_outbox; }
    // Decoded attachment thumbnails of this session, in memory only; emptied at sign-out.
    ThumbnailCache *thumbnails() const { return m_thumbnails; }

    // Shows the conversation in messages(): newest page, join, mark read.
    void openConversation(const QUuid &conversationId);
    void closeConversation();
    QUuid openConversationId() const { return m_openId; }
    // The page before the oldest loaded message (infinite scroll); nothing while one loads.
    void loadOlder();

    // Queues a message to the open conversation; the optimistic row appears at once. Returns
    // the entry as queued (its clientMessageId names the row), or a sentence for the user.
    Result<OutboxEntry, QString> send(const QString &content,
        const std::optional<QUuid> &replyToId = std::nullopt,
        model::MessagePriority priority = model::MessagePriority::Normal);
    // Uploads the files to the open conversation one after another, then queues one message
    // (`caption` as its text, may be empty) carrying them all; its optimistic row shows the
    // chips. Checked before anything is uploaded: a sentence for the user when offline (the
    // outbox queues messages, not files), a file is missing, unreadable, empty or over
    // kMaxAttachmentBytes. A failed upload later drops the whole message and emits
    // attachmentUploadFailed(); attachmentsQueued() says the message is in the outbox.
    Status<QString> sendFiles(const QList<QString> &paths, const QString &caption = QString());
    // A pasted image, sent as "image.png" the same way.
    Status<QString> sendImage(const QImage &image, const QString &caption = QString());
    // Asks for a signed download link (no bearer needed, valid a few minutes): answers with
    // attachmentLinkReady() or attachmentLinkFailed(). Nothing is written to disk here.
    void openAttachment(const QUuid &attachmentId);

    // Retries or drops a message the server refused (a Failed row).
    void retryFailed(const QString &clientMessageId);
    void discardFailed(const QString &clientMessageId);

    // From the composer: throttled typing=true while typing, one typing=false when it stops.
    void setTyping(bool typing);
    // Messages arriving in the open conversation are marked read only while the window is active.
    void setWindowActive(bool active);
    bool isWindowActive() const { return m_windowActive; }

    // Renews the access token now (after a wake from sleep; tests).
    void renewTokensNow();

signals:
    void signedIn(const vw::model::User &user);
    void signInFailed(const vw::client::ApiError &error);
    void signedOut(vw::client::ChatSession::SignOutReason reason);
    void connectionStateChanged(bool online);
    // A message from someone else that the user is not looking at (another conversation, or
    // the window is not active). Never carries content.
    void notify(const QUuid &conversationId, const QString &senderName);
    // The outbox could not be unlocked (the password changed elsewhere, damaged files):
    // sending is unavailable this session. A sentence for the user.
    void outboxUnavailable(const QString &message);
    // The server refused a queued message for good; its row is marked Failed.
    void sendFailed(const QString &clientMessageId, const QString &reason);
    // The access token was renewed.
    void tokensRenewed();
    // An upload of sendFiles()/sendImage() was refused or did not complete: nothing was sent.
    void attachmentUploadFailed(const QString &fileName, const vw::client::ApiError &error);
    // Every file of a sendFiles()/sendImage() is uploaded and the message is in the outbox.
    void attachmentsQueued(const QString &clientMessageId);
    void attachmentLinkReady(const QUrl &url);
    void attachmentLinkFailed(const QUuid &attachmentId, const vw::client::ApiError &error);

private:
    struct AttachmentUpload;

    void onLoggedIn(const AuthSession &session, const QString &password);
    void endSession(std::optional<SignOutReason> reason);
    void loadDirectory();
    void loadConversations(std::function<void()> then = {});
    void loadUnreadCounts();
    void loadNewestPage(const QUuid &conversationId);
    void catchUp(const QUuid &conversationId, const QUuid &after, std::function<void()> then);
    void markReadUpToNewest();
    void addOutboxRows(const QUuid &conversationId);
    void sendEntry(const Outbox *outbox, const OutboxEntry &entry, OutboxSender::Completion done);
    std::optional<QString> checkCanSendFiles() const;
    void startUpload(std::shared_ptr<AttachmentUpload> upload);
    void uploadNext(std::shared_ptr<AttachmentUpload> upload);
    void queueUploaded(const AttachmentUpload &upload);

    void onConnected();
    void onDisconnected(const QString &reason);
    void onConnectError(const QString &message);
    void onEvent(const QString &name, const QJsonValue &payload, qint64 ackId);
    void onMessageNew(const QJsonObject &payload, qint64 ackId);
    void applyMessage(const model::Message &message);
    void fetchConversation(const QUuid &conversationId);
    void setOnline(bool online);
    void emitTyping(const QUuid &conversationId, bool typing);
    QString nameOf(const QUuid &userId) const;
    // Whether an answer to a call made under `generation` still belongs to this session.
    bool isCurrent(quint64 generation) const { return generation == m_generation && m_signedIn; }

    ChatSessionOptions m_options;
    ApiClient *m_api; // children of this
    SessionKeeper *m_keeper;
    RealtimeClient *m_realtime;
    ConversationListModel *m_conversations;
    MessageListModel *m_messages;
    ThumbnailCache *m_thumbnails;
    QPointer<Outbox> m_outbox; // per session, children of this
    QPointer<OutboxSender> m_sender;

    quint64 m_generation = 0;
    bool m_signedIn = false;
    bool m_online = false;
    bool m_everConnected = false;
    bool m_windowActive = true;
    bool m_loadingOlder = false;
    model::User m_user;
    QHash<QUuid, model::User> m_users;
    QUuid m_openId;
    QUuid m_typingConversation;
    QElapsedTimer m_lastTypingEmit;
};

} // namespace vw::client
