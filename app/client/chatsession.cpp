#include "app/client/chatsession.h"

#include "app/client/conversationlistmodel.h"
#include "app/client/messagelistmodel.h"
#include "app/client/outbox.h"
#include "app/client/outboxkey.h"
#include "app/client/serverendpoint.h"
#include "app/client/sessionkeeper.h"
#include "app/client/thumbnailcache.h"
#include "common/model/conversation.h"
#include "common/model/wire.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QMimeDatabase>

#include <algorithm>
#include <utility>

namespace vw::client {

namespace {

// Ids, event names and reasons only: never content, passwords or tokens.
Q_LOGGING_CATEGORY(lcChat, "vw.client.chatsession")

const QString kServerDisconnect = QStringLiteral("io server disconnect");

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

std::optional<QUuid> uuidIn(const QJsonObject &object, const char *name)
{
    return model::parseUuid(object.value(key(name)).toString());
}

std::optional<QDateTime> timeIn(const QJsonObject &object, const char *name)
{
    return model::parseTime(object.value(key(name)).toString());
}

// The server refused the message for good (4xx): sending it again cannot help.
bool isRejection(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::Forbidden:
    case ApiError::Kind::NotFound:
    case ApiError::Kind::BadRequest:
        return true;
    case ApiError::Kind::Network:
    case ApiError::Kind::Unauthorized: // the keeper renews or ends the session
    case ApiError::Kind::RateLimited:
    case ApiError::Kind::Server:
    case ApiError::Kind::TlsError:
    case ApiError::Kind::Timeout:
        return false;
    }
    return false;
}

} // namespace

// Files of one sendFiles()/sendImage(), uploaded one at a time so that at most one file's
// bytes are in memory (a pasted image's are kept from the start).
struct ChatSession::AttachmentUpload
{
    struct File
    {
        QString path; // empty for a pasted image
        QString fileName;
        QByteArray bytes;
    };

    quint64 generation = 0;
    QUuid conversationId;
    QString caption;
    QList<File> files;
    qsizetype next = 0;
    QList<model::Attachment> uploaded;
};

ChatSession::ChatSession(ChatSessionOptions options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_api(new ApiClient(ServerEndpoint::parse(QStringLiteral("http://127.0.0.1")).value(), this)),
      m_keeper(new SessionKeeper(*m_api, this)),
      m_realtime(new RealtimeClient(m_options.realtime, this)),
      m_conversations(new ConversationListModel(this)),
      m_messages(new MessageListModel(this)),
      m_thumbnails(new ThumbnailCache(m_api, this))
{
    if (m_options.refreshLeadMs > 0)
        m_keeper->setRefreshLeadMs(m_options.refreshLeadMs);

    connect(m_keeper, &SessionKeeper::tokensChanged, this, [this](const QString &accessToken) {
        m_realtime->setAccessToken(accessToken);
        // A socket refused as Unauthorized does not retry by itself: open it with the new token.
        if (m_signedIn && m_realtime->state() == RealtimeClient::State::Disconnected)
            m_realtime->open(serverUrl(), accessToken);
        emit tokensRenewed();
    });
    connect(m_keeper, &SessionKeeper::sessionExpired, this, [this] {
        if (m_signedIn)
            endSession(SignOutReason::SessionExpired);
    });
    connect(m_keeper, &SessionKeeper::renewalFailed, this, [](const ApiError &error) {
        qCInfo(lcChat) << "token renewal failed, retrying later:" << error.kind;
    });

    connect(m_realtime, &RealtimeClient::connected, this, &ChatSession::onConnected);
    connect(m_realtime, &RealtimeClient::disconnected, this, &ChatSession::onDisconnected);
    connect(m_realtime, &RealtimeClient::connectError, this, &ChatSession::onConnectError);
    connect(m_realtime, &RealtimeClient::eventReceived, this, &ChatSession::onEvent);
}

ChatSession::~ChatSession() = default;

QUrl ChatSession::serverUrl() const
{
    return m_api->baseUrl();
}

void ChatSession::signIn(const QString &serverUrl, const QString &username, const QString &password)
{
    if (m_signedIn)
        endSession(std::nullopt);
    const quint64 generation = ++m_generation;

    auto endpoint = ServerEndpoint::parse(serverUrl);
    if (!endpoint) {
        ApiError error;
        error.kind = ApiError::Kind::BadRequest;
        error.message = endpoint.error();
        error.signIn = true;
        emit signInFailed(error);
        return;
    }
    m_api->setEndpoint(endpoint.value());
    m_api
        ->login(username, password,
            [this, generation, password](const Result<AuthSession, ApiError> &result) {
                if (generation != m_generation || m_signedIn)
                    return;
                if (!result) {
                    emit signInFailed(result.error());
                    return;
                }
                onLoggedIn(result.value(), password);
            })
        ->bindTo(this);
}

void ChatSession::onLoggedIn(const AuthSession &session, const QString &password)
{
    m_signedIn = true;
    m_user = session.user;
    m_users.insert(m_user.id, m_user);
    m_keeper->start(session);

    m_conversations->setSelfId(m_user.id);
    m_messages->setSelfId(m_user.id);
    m_conversations->setUsers({m_user});
    m_messages->setUsers({m_user});

    const QString dir = m_options.outboxDirectory.isEmpty() ? Outbox::defaultDirectory(serverUrl(), m_user.id)
                                                            : m_options.outboxDirectory;
    auto key = OutboxKey::unlock(dir, password);
    if (key) {
        m_outbox = new Outbox(dir, m_user.id, std::move(key).value(), this);
        m_sender = new OutboxSender(
            m_outbox,
            [this, outbox = m_outbox.data()](const OutboxEntry &entry, OutboxSender::Completion done) {
                sendEntry(outbox, entry, std::move(done));
            },
            m_options.outboxSender, m_outbox);
        connect(m_sender, &OutboxSender::entryFailed, this,
            [this](const QString &clientMessageId, const QString &reason) {
                m_messages->markFailed(clientMessageId);
                emit sendFailed(clientMessageId, reason);
            });
    } else {
        qCWarning(lcChat) << "outbox unavailable:" << int(key.error().kind);
    }

    m_realtime->open(serverUrl(), session.accessToken);
    emit signedIn(m_user);
    if (!key)
        emit outboxUnavailable(key.error().message);
    loadDirectory();
    loadConversations();
}

void ChatSession::signOut()
{
    if (!m_signedIn)
        return;
    // The call carries the current token; its answer does not matter to the screen.
    m_api->logout(nullptr);
    endSession(SignOutReason::UserRequested);
}

void ChatSession::endSession(std::optional<SignOutReason> reason)
{
    ++m_generation;
    m_signedIn = false;
    m_everConnected = false;
    m_loadingOlder = false;
    m_typingConversation = QUuid();
    m_realtime->close();
    m_keeper->stop();
    m_api->setAccessToken(QString());
    setOnline(false);

    if (m_outbox) {
        // The sender may be inside its send function's completion: let it unwind first.
        m_outbox->disconnect(this);
        if (m_sender) {
            m_sender->setOnline(false);
            m_sender->disconnect(this);
        }
        m_outbox->deleteLater();
    }
    m_outbox = nullptr;
    m_sender = nullptr;

    // No health information stays on screen after the session ends.
    m_openId = QUuid();
    m_messages->setConversationId(QUuid());
    m_messages->setUsers({});
    m_messages->setSelfId(QUuid());
    m_conversations->setOpenConversation(QUuid());
    m_conversations->setConversations({});
    m_conversations->setUsers({});
    m_conversations->setSelfId(QUuid());
    m_users.clear();
    m_user = model::User();
    m_thumbnails->clear();

    if (reason)
        emit signedOut(*reason);
}

void ChatSession::renewTokensNow()
{
    if (m_signedIn)
        m_keeper->refreshNow();
}

void ChatSession::loadDirectory()
{
    const quint64 generation = m_generation;
    m_api
        ->users({},
            [this, generation](const Result<QList<model::User>, ApiError> &result) {
                if (!isCurrent(generation))
                    return;
                if (!result) {
                    qCInfo(lcChat) << "user directory failed:" << result.error().kind;
                    return;
                }
                QList<model::User> users = result.value();
                users.append(m_user);
                for (const model::User &user : users)
                    m_users.insert(user.id, user);
                m_conversations->setUsers(users);
                m_messages->setUsers(users);
            })
        ->bindTo(this);
}

void ChatSession::loadConversations(std::function<void()> then)
{
    const quint64 generation = m_generation;
    m_api
        ->conversations(0, QString(),
            [this, generation, then = std::move(then)](const Result<ConversationPage, ApiError> &result) {
                if (!isCurrent(generation))
                    return;
                if (result) {
                    m_conversations->setConversations(result.value().conversations);
                    loadUnreadCounts();
                } else {
                    qCInfo(lcChat) << "conversation list failed:" << result.error().kind;
                }
                if (then)
                    then();
            })
        ->bindTo(this);
}

void ChatSession::loadUnreadCounts()
{
    const quint64 generation = m_generation;
    m_api
        ->unreadCounts([this, generation](const Result<UnreadCounts, ApiError> &result) {
            if (!isCurrent(generation) || !result)
                return;
            // The list page may be older than the counts: the counts win.
            for (auto it = result.value().byConversation.cbegin(); it != result.value().byConversation.cend();
                 ++it) {
                auto conversation = m_conversations->conversation(it.key());
                if (conversation && conversation->unreadCount != it.value()) {
                    conversation->unreadCount = it.value();
                    m_conversations->upsert(*conversation);
                }
            }
        })
        ->bindTo(this);
}

void ChatSession::fetchConversation(const QUuid &conversationId)
{
    const quint64 generation = m_generation;
    m_api
        ->conversation(conversationId,
            [this, generation](const Result<model::Conversation, ApiError> &result) {
                if (isCurrent(generation) && result)
                    m_conversations->upsert(result.value());
            })
        ->bindTo(this);
}

void ChatSession::openConversation(const QUuid &conversationId)
{
    if (!m_signedIn || conversationId.isNull())
        return;
    if (!m_openId.isNull() && m_openId != conversationId)
        closeConversation();
    m_openId = conversationId;
    m_loadingOlder = false;
    m_messages->setConversationId(conversationId);
    m_conversations->setOpenConversation(conversationId);
    addOutboxRows(conversationId);
    m_realtime->emitEvent(QStringLiteral("conversation:join"),
        QJsonObject {{key("conversationId"), model::uuidToWire(conversationId)}});
    loadNewestPage(conversationId);
}

void ChatSession::closeConversation()
{
    if (m_openId.isNull())
        return;
    setTyping(false);
    m_realtime->emitEvent(QStringLiteral("conversation:leave"),
        QJsonObject {{key("conversationId"), model::uuidToWire(m_openId)}});
    m_openId = QUuid();
    m_messages->setConversationId(QUuid());
    m_conversations->setOpenConversation(QUuid());
}

void ChatSession::loadNewestPage(const QUuid &conversationId)
{
    const quint64 generation = m_generation;
    m_api
        ->messages(conversationId, {},
            [this, generation, conversationId](const Result<MessagePage, ApiError> &result) {
                if (!isCurrent(generation) || m_openId != conversationId)
                    return;
                if (!result) {
                    qCInfo(lcChat) << "history failed:" << result.error().kind;
                    return;
                }
                const QList<model::Message> &page = result.value().messages;
                // The unread marker goes after the newest message from others already read.
                for (const model::Message &message : page) {
                    if (message.senderId != m_user.id && message.readAt) {
                        m_messages->setLastReadAt(message.createdAt);
                        break;
                    }
                }
                m_messages->setMessages(page);
                m_messages->setHasMore(result.value().nextCursor.has_value());
                markReadUpToNewest();
            })
        ->bindTo(this);
}

void ChatSession::loadOlder()
{
    if (!m_signedIn || m_openId.isNull() || m_loadingOlder || !m_messages->hasMore())
        return;
    const QUuid oldest = m_messages->oldestId();
    if (oldest.isNull())
        return;
    m_loadingOlder = true;
    const quint64 generation = m_generation;
    const QUuid conversationId = m_openId;
    MessagePageQuery query;
    query.before = oldest;
    m_api
        ->messages(conversationId, query,
            [this, generation, conversationId](const Result<MessagePage, ApiError> &result) {
                if (!isCurrent(generation) || m_openId != conversationId)
                    return;
                m_loadingOlder = false;
                if (!result) {
                    qCInfo(lcChat) << "older history failed:" << result.error().kind;
                    return;
                }
                m_messages->prependOlder(result.value().messages);
                m_messages->setHasMore(result.value().nextCursor.has_value());
            })
        ->bindTo(this);
}

void ChatSession::catchUp(const QUuid &conversationId, const QUuid &after, std::function<void()> then)
{
    const quint64 generation = m_generation;
    MessagePageQuery query;
    query.after = after;
    m_api
        ->messages(conversationId, query,
            [this, generation, conversationId, then = std::move(then)](
                const Result<MessagePage, ApiError> &result) {
                if (!isCurrent(generation))
                    return;
                if (m_openId != conversationId || !result) {
                    if (!result)
                        qCInfo(lcChat) << "catch-up failed:" << result.error().kind;
                    then();
                    return;
                }
                const QList<model::Message> &page = result.value().messages;
                for (auto it = page.crbegin(); it != page.crend(); ++it)
                    m_messages->applyNew(*it);
                if (result.value().nextCursor)
                    catchUp(conversationId, *result.value().nextCursor, then);
                else
                    then();
            })
        ->bindTo(this);
}

void ChatSession::markReadUpToNewest()
{
    for (int row = m_messages->rowCount() - 1; row >= 0; --row) {
        const auto message = m_messages->messageAt(row);
        if (!message || message->id.isNull() || message->senderId == m_user.id)
            continue;
        if (message->readAt)
            return; // already read, and so is everything before it
        const quint64 generation = m_generation;
        const QUuid conversationId = message->conversationId;
        m_api
            ->markRead(message->id,
                [this, generation, conversationId](const Result<model::Message, ApiError> &result) {
                    if (isCurrent(generation) && result)
                        m_conversations->applyRead(conversationId, m_user.id);
                })
            ->bindTo(this);
        return;
    }
}

void ChatSession::addOutboxRows(const QUuid &conversationId)
{
    if (!m_outbox)
        return;
    auto optionsOf = [](const OutboxEntry &entry) {
        PendingMessageOptions options;
        options.replyToId = entry.replyToId;
        options.priority = model::fromWire<model::MessagePriority>(entry.priority)
                               .value_or(model::MessagePriority::Normal);
        options.createdAt = entry.queuedAt;
        return options;
    };
    for (const OutboxEntry &entry : m_outbox->pending()) {
        if (entry.conversationId == conversationId)
            m_messages->addPending(entry.clientMessageId, entry.content, optionsOf(entry));
    }
    for (const FailedOutboxEntry &failed : m_outbox->failed()) {
        if (failed.entry.conversationId != conversationId)
            continue;
        m_messages->addPending(failed.entry.clientMessageId, failed.entry.content, optionsOf(failed.entry));
        m_messages->markFailed(failed.entry.clientMessageId);
    }
}

Result<OutboxEntry, QString> ChatSession::send(
    const QString &content, const std::optional<QUuid> &replyToId, model::MessagePriority priority)
{
    if (!m_signedIn || m_openId.isNull())
        return Result<OutboxEntry, QString>(tr("Open a conversation first."));
    if (!m_outbox)
        return Result<OutboxEntry, QString>(
            tr("Messages cannot be sent in this session: the offline outbox is locked."));
    if (content.trimmed().isEmpty())
        return Result<OutboxEntry, QString>(tr("The message is empty."));
    OutboxEntry entry;
    entry.conversationId = m_openId;
    entry.content = content;
    entry.replyToId = replyToId;
    entry.priority = model::toWire(priority);
    auto stored = m_outbox->enqueue(entry);
    if (!stored)
        return stored;
    PendingMessageOptions options;
    options.priority = priority;
    options.replyToId = replyToId;
    options.createdAt = stored.value().queuedAt;
    m_messages->addPending(stored.value().clientMessageId, content, options);
    if (m_typingConversation == m_openId)
        setTyping(false);
    return stored.value();
}

std::optional<QString> ChatSession::checkCanSendFiles() const
{
    if (!m_signedIn || m_openId.isNull())
        return tr("Open a conversation first.");
    if (!m_outbox)
        return tr("Messages cannot be sent in this session: the offline outbox is locked.");
    // The outbox keeps messages, not files: a message queued offline must carry uploaded ids.
    if (!m_online)
        return tr("Files can be sent when you are back online.");
    return std::nullopt;
}

Status<QString> ChatSession::sendFiles(const QList<QString> &paths, const QString &caption)
{
    if (const auto refused = checkCanSendFiles())
        return *refused;
    if (paths.isEmpty())
        return tr("No file was chosen.");
    auto upload = std::make_shared<AttachmentUpload>();
    for (const QString &path : paths) {
        const QFileInfo info(path);
        const QString name = info.fileName();
        if (!info.exists() || !info.isFile())
            return tr("%1 was not found.").arg(name.isEmpty() ? path : name);
        if (!info.isReadable())
            return tr("%1 cannot be read.").arg(name);
        if (info.size() == 0)
            return tr("%1 is empty.").arg(name);
        if (info.size() > kMaxAttachmentBytes)
            return tr("%1 is %2; files up to %3 can be sent.")
                .arg(name, QLocale().formattedDataSize(info.size()),
                    QLocale().formattedDataSize(kMaxAttachmentBytes));
        upload->files.append({info.absoluteFilePath(), name, {}});
    }
    upload->caption = caption;
    startUpload(std::move(upload));
    return {};
}

Status<QString> ChatSession::sendImage(const QImage &image, const QString &caption)
{
    if (const auto refused = checkCanSendFiles())
        return *refused;
    if (image.isNull())
        return tr("The pasted image is empty.");
    QByteArray png;
    QBuffer buffer(&png);
    if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG"))
        return tr("The pasted image could not be converted.");
    buffer.close();
    if (png.size() > kMaxAttachmentBytes)
        return tr("The pasted image is %1; files up to %2 can be sent.")
            .arg(QLocale().formattedDataSize(png.size()), QLocale().formattedDataSize(kMaxAttachmentBytes));
    auto upload = std::make_shared<AttachmentUpload>();
    upload->files.append({QString(), QStringLiteral("image.png"), png});
    upload->caption = caption;
    startUpload(std::move(upload));
    return {};
}

void ChatSession::startUpload(std::shared_ptr<AttachmentUpload> upload)
{
    upload->generation = m_generation;
    upload->conversationId = m_openId;
    if (m_typingConversation == m_openId)
        setTyping(false);
    uploadNext(std::move(upload));
}

void ChatSession::uploadNext(std::shared_ptr<AttachmentUpload> upload)
{
    if (!isCurrent(upload->generation))
        return;
    if (upload->next >= upload->files.size()) {
        queueUploaded(*upload);
        return;
    }
    AttachmentUpload::File &file = upload->files[upload->next];
    QByteArray bytes = std::exchange(file.bytes, {});
    if (!file.path.isEmpty()) {
        QFile source(file.path);
        // Read again now: the file may have changed since it was checked.
        if (source.open(QIODevice::ReadOnly) && source.size() <= kMaxAttachmentBytes)
            bytes = source.readAll();
        if (bytes.isEmpty() || bytes.size() > kMaxAttachmentBytes) {
            ApiError error;
            error.kind = ApiError::Kind::BadRequest;
            error.message = source.size() > kMaxAttachmentBytes ? QStringLiteral("file too large")
                                                                : QStringLiteral("file unreadable");
            qCInfo(lcChat) << "attachment not read:" << error.message;
            emit attachmentUploadFailed(file.fileName, error);
            return;
        }
    }
    const QString mimeType = QMimeDatabase().mimeTypeForFileNameAndData(file.fileName, bytes).name();
    const QString fileName = file.fileName;
    m_api
        ->uploadAttachment(upload->conversationId, fileName, mimeType, bytes,
            [this, upload, fileName](const Result<model::Attachment, ApiError> &result) {
                if (!isCurrent(upload->generation))
                    return;
                if (!result) {
                    qCInfo(lcChat) << "attachment upload failed:" << result.error().kind
                                   << result.error().status;
                    emit attachmentUploadFailed(fileName, result.error());
                    return;
                }
                upload->uploaded.append(result.value());
                ++upload->next;
                uploadNext(upload);
            })
        ->bindTo(this);
}

void ChatSession::queueUploaded(const AttachmentUpload &upload)
{
    if (!m_outbox)
        return;
    OutboxEntry entry;
    entry.conversationId = upload.conversationId;
    entry.content = upload.caption;
    for (const model::Attachment &attachment : upload.uploaded)
        entry.attachmentIds.append(attachment.id);
    auto stored = m_outbox->enqueue(entry);
    if (!stored) {
        qCWarning(lcChat) << "attachment message not queued";
        ApiError error;
        error.kind = ApiError::Kind::BadRequest;
        error.message = stored.error();
        emit attachmentUploadFailed(
            upload.files.isEmpty() ? QString() : upload.files.constFirst().fileName, error);
        return;
    }
    if (upload.conversationId == m_openId) {
        const bool allImages = std::all_of(upload.uploaded.cbegin(), upload.uploaded.cend(),
            [](const model::Attachment &a) { return a.mimeType.startsWith(QLatin1String("image/")); });
        PendingMessageOptions options;
        options.type = allImages ? model::MessageType::Image : model::MessageType::File;
        options.attachments = upload.uploaded;
        options.createdAt = stored.value().queuedAt;
        m_messages->addPending(stored.value().clientMessageId, upload.caption, options);
    }
    emit attachmentsQueued(stored.value().clientMessageId);
}

void ChatSession::openAttachment(const QUuid &attachmentId)
{
    if (!m_signedIn || attachmentId.isNull())
        return;
    const quint64 generation = m_generation;
    m_api
        ->attachmentLink(attachmentId,
            [this, generation, attachmentId](const Result<AttachmentLink, ApiError> &result) {
                if (!isCurrent(generation))
                    return;
                if (!result) {
                    qCInfo(lcChat) << "attachment link failed:" << attachmentId << result.error().kind;
                    emit attachmentLinkFailed(attachmentId, result.error());
                    return;
                }
                emit attachmentLinkReady(result.value().url);
            })
        ->bindTo(this);
}

void ChatSession::retryFailed(const QString &clientMessageId)
{
    if (!m_outbox)
        return;
    if (m_outbox->retryFailed(clientMessageId))
        m_messages->markPending(clientMessageId);
}

void ChatSession::discardFailed(const QString &clientMessageId)
{
    if (!m_outbox)
        return;
    if (m_outbox->discardFailed(clientMessageId))
        m_messages->removePending(clientMessageId);
}

void ChatSession::sendEntry(const Outbox *outbox, const OutboxEntry &entry, OutboxSender::Completion done)
{
    // An outbox of a session that ended may still be winding down (deleteLater).
    if (!m_signedIn || outbox != m_outbox) {
        done(SendResult::retryLater(QStringLiteral("signed out")));
        return;
    }
    OutgoingMessage outgoing;
    outgoing.content = entry.content;
    outgoing.replyToId = entry.replyToId;
    outgoing.attachmentIds = entry.attachmentIds;
    outgoing.priority
        = model::fromWire<model::MessagePriority>(entry.priority).value_or(model::MessagePriority::Normal);
    outgoing.clientMessageId = entry.clientMessageId;
    const quint64 generation = m_generation;
    m_api
        ->sendMessage(entry.conversationId, outgoing,
            [this, generation, done = std::move(done)](const Result<model::Message, ApiError> &result) {
                if (!result) {
                    const ApiError &error = result.error();
                    done(isRejection(error) ? SendResult::rejected(error.userText())
                                            : SendResult::retryLater(error.message));
                    return;
                }
                if (isCurrent(generation))
                    applyMessage(result.value());
                done(SendResult::sent());
            })
        ->bindTo(this);
}

void ChatSession::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    if (!online) {
        if (m_sender)
            m_sender->setOnline(false);
        // No typing=false will come for those who were typing.
        m_conversations->clearTyping();
    }
    emit connectionStateChanged(online);
}

void ChatSession::onConnected()
{
    if (!m_signedIn)
        return;
    const bool reconnect = m_everConnected;
    m_everConnected = true;
    setOnline(true);
    if (!reconnect) {
        if (m_sender)
            m_sender->setOnline(true);
        return;
    }
    // Catch up on what happened while offline, then send what was queued meanwhile.
    const quint64 generation = m_generation;
    auto flush = [this, generation] {
        if (isCurrent(generation) && m_online && m_sender)
            m_sender->setOnline(true);
    };
    if (!m_openId.isNull()) {
        m_realtime->emitEvent(QStringLiteral("conversation:join"),
            QJsonObject {{key("conversationId"), model::uuidToWire(m_openId)}});
    }
    loadConversations([this, generation, flush] {
        if (!isCurrent(generation))
            return;
        const QUuid newest = m_messages->newestId();
        if (m_openId.isNull()) {
            flush();
        } else if (newest.isNull()) {
            loadNewestPage(m_openId);
            flush();
        } else {
            catchUp(m_openId, newest, [this, generation, flush] {
                if (isCurrent(generation) && m_windowActive)
                    markReadUpToNewest();
                flush();
            });
        }
    });
}

void ChatSession::onDisconnected(const QString &reason)
{
    qCInfo(lcChat) << "realtime disconnected:" << reason;
    if (!m_signedIn)
        return;
    setOnline(false);
    if (reason == kServerDisconnect)
        endSession(SignOutReason::Kicked);
}

void ChatSession::onConnectError(const QString &message)
{
    qCInfo(lcChat) << "realtime connect error:" << message;
    // The token may have expired while offline; a renewal reopens the socket (tokensChanged).
    if (m_signedIn && message == QStringLiteral("Unauthorized"))
        m_keeper->refreshNow();
}

void ChatSession::onEvent(const QString &name, const QJsonValue &payload, qint64 ackId)
{
    if (!m_signedIn)
        return;
    const QJsonObject object = payload.toObject();
    if (name == QStringLiteral("message:new")) {
        onMessageNew(object, ackId);
        return;
    }
    if (ackId >= 0)
        m_realtime->sendAck(ackId, QJsonArray {QJsonObject {{key("ok"), true}}});

    const auto conversationId = uuidIn(object, "conversationId");
    if (name == QStringLiteral("message:delivered")) {
        const auto messageId = uuidIn(object, "messageId");
        if (messageId && conversationId == m_openId)
            m_messages->applyDelivered(
                *messageId, timeIn(object, "deliveredAt").value_or(QDateTime::currentDateTimeUtc()));
    } else if (name == QStringLiteral("message:read")) {
        const auto messageId = uuidIn(object, "messageId");
        const auto readerId = uuidIn(object, "readerId");
        if (!messageId || !readerId || !conversationId)
            return;
        const QDateTime readAt = timeIn(object, "readAt").value_or(QDateTime::currentDateTimeUtc());
        if (conversationId == m_openId)
            m_messages->applyRead(*messageId, *readerId, readAt);
        m_conversations->applyRead(*conversationId, *readerId);
    } else if (name == QStringLiteral("message:deleted")) {
        const auto messageId = uuidIn(object, "messageId");
        if (messageId && conversationId == m_openId)
            m_messages->applyDeleted(*messageId);
        if (conversationId)
            fetchConversation(*conversationId); // the preview may have been that message
    } else if (name == QStringLiteral("typing")) {
        const auto userId = uuidIn(object, "userId");
        if (conversationId && userId && *userId != m_user.id)
            m_conversations->setTyping(*conversationId, *userId, object.value(key("isTyping")).toBool());
    } else if (name == QStringLiteral("user:status")) {
        const auto userId = uuidIn(object, "userId");
        if (!userId)
            return;
        const bool online
            = object.value(key("status")).toString() == model::toWire(model::PresenceStatus::Online);
        const auto lastSeenAt = timeIn(object, "lastSeenAt");
        m_conversations->setPresence(*userId, online, lastSeenAt);
        if (auto it = m_users.find(*userId); it != m_users.end()) {
            it->online = online;
            if (lastSeenAt)
                it->lastSeenAt = lastSeenAt;
        }
    } else if (name == QStringLiteral("conversation:updated")) {
        auto conversation = model::conversationFromJson(object);
        if (conversation)
            m_conversations->upsert(conversation.value());
    }
}

void ChatSession::onMessageNew(const QJsonObject &payload, qint64 ackId)
{
    auto message = model::messageFromJson(payload.value(key("message")).toObject());
    // Acknowledge even what cannot be read: the device did receive it.
    if (ackId >= 0)
        m_realtime->sendAck(ackId, QJsonArray {QJsonObject {{key("ok"), true}}});
    if (!message) {
        qCWarning(lcChat) << "unreadable message:new";
        return;
    }
    const model::Message &received = message.value();
    applyMessage(received);
    if (received.senderId == m_user.id)
        return;
    const bool onScreen = received.conversationId == m_openId && m_windowActive;
    if (onScreen) {
        const quint64 generation = m_generation;
        m_api
            ->markRead(received.id,
                [this, generation](const Result<model::Message, ApiError> &result) {
                    if (isCurrent(generation) && result)
                        m_conversations->applyRead(result.value().conversationId, m_user.id);
                })
            ->bindTo(this);
    } else {
        emit notify(received.conversationId, nameOf(received.senderId));
    }
}

void ChatSession::applyMessage(const model::Message &message)
{
    if (message.conversationId == m_openId)
        m_messages->applyNew(message);
    if (!m_conversations->applyNewMessage(message, message.senderId == m_user.id))
        fetchConversation(message.conversationId);
}

void ChatSession::setTyping(bool typing)
{
    if (!m_signedIn)
        return;
    if (!typing) {
        if (!m_typingConversation.isNull())
            emitTyping(m_typingConversation, false);
        m_typingConversation = QUuid();
        return;
    }
    if (m_openId.isNull() || !m_online)
        return;
    if (m_typingConversation == m_openId && m_lastTypingEmit.isValid()
        && m_lastTypingEmit.elapsed() < kTypingThrottleMs)
        return;
    if (!m_typingConversation.isNull() && m_typingConversation != m_openId)
        emitTyping(m_typingConversation, false);
    m_typingConversation = m_openId;
    m_lastTypingEmit.start();
    emitTyping(m_openId, true);
}

void ChatSession::emitTyping(const QUuid &conversationId, bool typing)
{
    m_realtime->emitEvent(QStringLiteral("typing"),
        QJsonObject {{key("conversationId"), model::uuidToWire(conversationId)}, {key("isTyping"), typing}});
}

void ChatSession::setWindowActive(bool active)
{
    if (m_windowActive == active)
        return;
    m_windowActive = active;
    if (active && m_signedIn && !m_openId.isNull())
        markReadUpToNewest();
}

QString ChatSession::nameOf(const QUuid &userId) const
{
    const auto it = m_users.constFind(userId);
    if (it == m_users.cend())
        return QString();
    return it->displayName.isEmpty() ? it->username : it->displayName;
}

} // namespace vw::client
