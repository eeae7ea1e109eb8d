#include "app/chat/mainwindow.h"

#include "app/chat/composer.h"
#include "app/chat/conversationdelegate.h"
#include "app/chat/idlelogoff.h"
#include "app/chat/localserverhost.h"
#include "app/chat/messagedelegate.h"
#include "app/chat/newconversationdialog.h"
#include "app/chat/searchpanel.h"
#include "app/chat/signindialog.h"
#include "app/chat/translations.h"
#include "app/chat/traynotifier.h"
#include "app/client/conversationlistmodel.h"
#include "app/client/messagelistmodel.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace vw::chat {

using client::ChatSession;
using client::ConversationListModel;
using client::MessageListModel;

MainWindow::MainWindow(Translations *translations, client::ChatSessionOptions options, QWidget *parent)
    : QMainWindow(parent),
      m_session(new ChatSession(std::move(options), this)),
      m_translations(translations),
      m_tray(new TrayNotifier(QApplication::windowIcon(), this)),
      m_idle(new IdleLogoff(this))
{
    buildUi();
    buildMenus();
    retranslate();
    resize(1100, 720);

    connect(m_session, &ChatSession::signedIn, this, &MainWindow::onSignedIn);
    connect(m_session, &ChatSession::signedOut, this, &MainWindow::onSignedOut);
    connect(m_session, &ChatSession::signInFailed, this, [this](const client::ApiError &error) {
        if (m_signIn)
            m_signIn->showError(error);
    });
    connect(m_session, &ChatSession::connectionStateChanged, this, [this](bool online) {
        m_connection->setText(online ? tr("Connected") : tr("Offline: messages are kept and sent when back"));
    });
    connect(m_session, &ChatSession::notify, this,
        [this](const QUuid &conversationId, const QString &senderName) {
            const auto conversation = m_session->conversations()->conversation(conversationId);
            m_tray->notifyNewMessage(conversationId, senderName, false);
            Q_UNUSED(conversation)
        });
    connect(m_session, &ChatSession::sendFailed, this, [this](const QString &, const QString &reason) {
        statusBar()->showMessage(tr("A message could not be sent: %1").arg(reason), 8000);
    });
    connect(m_session->conversations(), &ConversationListModel::totalUnreadChanged, this, [this](int total) {
        m_tray->setUnreadTotal(total);
        updateTitle();
    });
    connect(m_session->conversations(), &QAbstractItemModel::dataChanged, this, &MainWindow::updateHeader);
    connect(m_tray, &TrayNotifier::windowRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_tray, &TrayNotifier::conversationRequested, this,
        [this](const QUuid &id) { openConversationAt(m_session->conversations()->indexOf(id)); });
    connect(m_idle, &IdleLogoff::idleTimeout, this, [this] {
        if (!m_session->isSignedIn())
            return;
        m_session->signOut();
        statusBar()->showMessage(tr("Signed out after %n minutes without activity.", nullptr,
            IdleLogoff::configuredTimeoutMs() / 60000));
    });
}

MainWindow::~MainWindow() = default;

SignInDialog *MainWindow::signInDialog() const
{
    return m_signIn;
}

void MainWindow::buildUi()
{
    auto *splitter = new QSplitter(this);

    m_conversationList = new QListView(splitter);
    m_conversationList->setModel(m_session->conversations());
    m_conversationList->setItemDelegate(new ConversationDelegate(m_conversationList));
    m_conversationList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_conversationList->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_conversationList->setMinimumWidth(260);
    connect(m_conversationList->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { openConversationAt(current); });

    auto *chat = new QWidget(splitter);
    auto *chatLayout = new QVBoxLayout(chat);
    chatLayout->setContentsMargins(0, 0, 0, 0);
    m_header = new QLabel(chat);
    m_header->setTextFormat(Qt::PlainText);
    QFont headerFont = m_header->font();
    headerFont.setBold(true);
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.15);
    m_header->setFont(headerFont);
    m_header->setContentsMargins(12, 8, 12, 0);
    m_typing = new QLabel(chat);
    m_typing->setContentsMargins(12, 0, 12, 4);
    m_typing->setTextFormat(Qt::PlainText);

    auto *stack = new QStackedWidget(chat);
    m_placeholder = new QLabel(stack);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_messageList = new QListView(stack);
    m_messageList->setModel(m_session->messages());
    auto *messageDelegate = new MessageDelegate(m_messageList);
    messageDelegate->setThumbnailCache(m_session->thumbnails());
    m_messageList->setItemDelegate(messageDelegate);
    connect(messageDelegate, &MessageDelegate::attachmentActivated, m_session, &ChatSession::openAttachment);
    m_messageList->setSelectionMode(QAbstractItemView::NoSelection);
    m_messageList->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messageList->setResizeMode(QListView::Adjust);
    m_messageList->setUniformItemSizes(false);
    m_messageList->setWordWrap(true);
    stack->addWidget(m_placeholder);
    stack->addWidget(m_messageList);
    connect(m_session->messages(), &QAbstractItemModel::modelReset, this, [this, stack] {
        stack->setCurrentWidget(
            m_session->openConversationId().isNull() ? static_cast<QWidget *>(m_placeholder) : m_messageList);
        scrollToBottomIfNear(true);
    });
    connect(m_session->messages(), &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first) {
            // Older pages arrive at the top: keep the view where the reader is.
            if (first > 0)
                scrollToBottomIfNear(false);
            tryReveal();
        });
    connect(m_session->messages(), &QAbstractItemModel::modelReset, this, &MainWindow::tryReveal,
        Qt::QueuedConnection);
    // Infinite scroll: reaching the top loads the page before.
    connect(m_messageList->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == 0 && m_session->messages()->hasMore())
            m_session->loadOlder();
    });

    m_composer = new Composer(chat);
    m_composer->setEnabled(false);
    connect(m_composer, &Composer::sendRequested, this, [this](const QString &text, bool urgent) {
        const auto replyTo = m_replyToId.isNull() ? std::nullopt : std::optional<QUuid>(m_replyToId);
        const auto queued = m_session->send(
            text, replyTo, urgent ? model::MessagePriority::Urgent : model::MessagePriority::Normal);
        if (!queued)
            statusBar()->showMessage(queued.error(), 8000);
        m_replyToId = QUuid();
        m_composer->clearReply();
    });
    connect(m_composer, &Composer::typingChanged, m_session, &ChatSession::setTyping);
    connect(m_composer, &Composer::replyCancelled, this, [this] { m_replyToId = QUuid(); });
    m_messageList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_messageList, &QWidget::customContextMenuRequested, this, &MainWindow::showMessageMenu);
    const auto reportRefusal = [this](const Status<QString> &sent) {
        if (!sent)
            statusBar()->showMessage(sent.error(), 8000);
    };
    connect(m_composer, &Composer::attachRequested, this, [this, reportRefusal] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Attach files"), QString(),
            tr("Images and documents (*.png *.jpg *.jpeg *.gif *.webp *.heic *.pdf *.txt *.csv *.docx *.xlsx "
               "*.pptx *.odt);;All files (*)"));
        if (!files.isEmpty())
            reportRefusal(m_session->sendFiles(files));
    });
    connect(m_composer, &Composer::filesDropped, this, [this, reportRefusal](const QList<QUrl> &urls) {
        QStringList files;
        for (const QUrl &url : urls) {
            if (url.isLocalFile())
                files.append(url.toLocalFile());
        }
        if (!files.isEmpty())
            reportRefusal(m_session->sendFiles(files));
    });
    connect(m_composer, &Composer::imagePasted, this,
        [this, reportRefusal](const QImage &image) { reportRefusal(m_session->sendImage(image)); });
    connect(m_session, &ChatSession::attachmentUploadFailed, this,
        [this](const QString &fileName, const client::ApiError &error) {
            statusBar()->showMessage(tr("%1 was not sent: %2").arg(fileName, error.userText()), 10000);
        });
    // Opened by the system (browser or viewer) through the short-lived signed link: the app
    // itself never writes the file to disk.
    connect(m_session, &ChatSession::attachmentLinkReady, this,
        [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(m_session, &ChatSession::attachmentLinkFailed, this,
        [this](const QUuid &, const client::ApiError &error) {
            statusBar()->showMessage(tr("The file cannot be opened: %1").arg(error.userText()), 8000);
        });

    m_search = new SearchPanel(*m_session->api(), chat);
    m_search->hide();
    connect(m_search, &SearchPanel::closed, this, [this] {
        m_search->hide();
        m_composer->setFocus();
    });
    connect(m_search, &SearchPanel::resultActivated, this, &MainWindow::revealMessage);

    chatLayout->addWidget(m_header);
    chatLayout->addWidget(m_typing);
    chatLayout->addWidget(m_search);
    chatLayout->addWidget(stack, 1);
    chatLayout->addWidget(m_composer);
    splitter->addWidget(m_conversationList);
    splitter->addWidget(chat);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);

    m_connection = new QLabel(this);
    statusBar()->addPermanentWidget(m_connection);
    // Keyboard order: conversations, messages, composer.
    setTabOrder(m_conversationList, m_messageList);
    setTabOrder(m_messageList, m_composer);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(QString());
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction *host = file->addAction(QString(), this, [this] { hostClinicServer(); });
    host->setObjectName(QStringLiteral("hostServerAction"));
    QAction *signOut = file->addAction(QString(), this, [this] { m_session->signOut(); });
    signOut->setObjectName(QStringLiteral("signOutAction"));
    file->addSeparator();
    QAction *quit = file->addAction(QString(), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("quitAction"));

    QMenu *go = menuBar()->addMenu(QString());
    go->setObjectName(QStringLiteral("goMenu"));
    QAction *nextUnread = go->addAction(QString(), this, [this] { showNextUnread(); });
    nextUnread->setObjectName(QStringLiteral("nextUnreadAction"));
    nextUnread->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    QAction *newConversation = go->addAction(QString(), this, [this] { startConversation(); });
    newConversation->setObjectName(QStringLiteral("newConversationAction"));
    newConversation->setShortcut(QKeySequence::New);
    QAction *search = go->addAction(QString(), this, [this] { showSearch(); });
    search->setObjectName(QStringLiteral("searchAction"));
    search->setShortcut(QKeySequence::Find);
    QAction *focusComposer = go->addAction(QString(), this, [this] { m_composer->setFocus(); });
    focusComposer->setObjectName(QStringLiteral("focusComposerAction"));
    focusComposer->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    auto *languages = new QActionGroup(m_languageMenu);
    QAction *system = m_languageMenu->addAction(QString());
    system->setObjectName(QStringLiteral("systemLanguageAction"));
    system->setData(QString());
    system->setCheckable(true);
    languages->addAction(system);
    for (const QString &code : Translations::available()) {
        QAction *language = m_languageMenu->addAction(Translations::nativeName(code));
        language->setData(code);
        language->setCheckable(true);
        languages->addAction(language);
    }
    const QString saved = Translations::savedChoice();
    for (QAction *action : languages->actions())
        action->setChecked(action->data().toString() == saved);
    connect(languages, &QActionGroup::triggered, this, [this](QAction *action) {
        const QString code = action->data().toString();
        Translations::saveChoice(code);
        if (m_translations)
            m_translations->apply(code);
    });
}

void MainWindow::retranslate()
{
    updateTitle();
    m_conversationList->setAccessibleName(tr("Conversations"));
    m_messageList->setAccessibleName(tr("Messages"));
    m_header->setAccessibleName(tr("Conversation"));
    m_typing->setAccessibleName(tr("Typing"));
    m_placeholder->setText(m_session->isSignedIn() ? tr("Choose a conversation on the left.")
                                                   : tr("Sign in to see your conversations."));
    if (auto *file = menuBar()->findChild<QMenu *>(QStringLiteral("fileMenu")))
        file->setTitle(tr("&File"));
    if (auto *go = menuBar()->findChild<QMenu *>(QStringLiteral("goMenu")))
        go->setTitle(tr("&Go"));
    m_languageMenu->setTitle(tr("&Language"));
    if (auto *action = findChild<QAction *>(QStringLiteral("hostServerAction")))
        action->setText(tr("&Host a clinic server on this computer…"));
    if (auto *action = findChild<QAction *>(QStringLiteral("signOutAction")))
        action->setText(tr("Sign &out"));
    if (auto *action = findChild<QAction *>(QStringLiteral("quitAction")))
        action->setText(tr("&Quit"));
    if (auto *action = findChild<QAction *>(QStringLiteral("nextUnreadAction")))
        action->setText(tr("Next &unread conversation"));
    if (auto *action = findChild<QAction *>(QStringLiteral("newConversationAction")))
        action->setText(tr("&New conversation…"));
    if (auto *action = findChild<QAction *>(QStringLiteral("searchAction")))
        action->setText(tr("&Search messages…"));
    if (auto *action = findChild<QAction *>(QStringLiteral("focusComposerAction")))
        action->setText(tr("Write a &message"));
    if (auto *action = findChild<QAction *>(QStringLiteral("systemLanguageAction")))
        action->setText(tr("System language"));
    updateHeader();
}

void MainWindow::setServerUrl(const QUrl &url, bool hostedHere)
{
    m_serverUrl = url;
    m_hostedHere = hostedHere;
    // The integrated server's address is the one to offer, whatever was used before.
    if (hostedHere)
        QSettings().setValue(SignInDialog::serverSettingsKey(), url.toString());
    statusBar()->showMessage(hostedHere
            ? tr("This computer hosts the clinic server at %1.").arg(url.toDisplayString())
            : tr("Server: %1").arg(url.toDisplayString()));
}

void MainWindow::requestSignIn()
{
    if (!m_signIn) {
        m_signIn = new SignInDialog(this);
        m_signIn->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_signIn, &SignInDialog::signInRequested, this,
            [this](const QUrl &server, const QString &username, const QString &password) {
                m_session->signIn(server.toString(), username, password);
            });
    }
    m_signIn->show();
    m_signIn->raise();
    m_signIn->activateWindow();
}

void MainWindow::onSignedIn(const model::User &user)
{
    if (m_signIn)
        m_signIn->signedIn();
    const bool clinician = user.role == model::UserRole::Provider;
    m_session->conversations()->setUrgentFirst(clinician);
    m_composer->setUrgentAvailable(clinician);
    m_idle->start(IdleLogoff::configuredTimeoutMs());
    retranslate();
    statusBar()->showMessage(tr("Signed in as %1").arg(user.displayName), 5000);
}

void MainWindow::onSignedOut(ChatSession::SignOutReason reason)
{
    m_idle->stop();
    m_composer->clear();
    m_composer->setEnabled(false);
    m_conversationList->clearSelection();
    retranslate();
    if (reason == ChatSession::SignOutReason::SessionExpired)
        statusBar()->showMessage(tr("Your session has ended. Please sign in again."));
    else if (reason == ChatSession::SignOutReason::Kicked)
        statusBar()->showMessage(tr("You were signed out from another place."));
    requestSignIn();
}

void MainWindow::openConversationAt(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    if (m_conversationList->currentIndex() != index)
        m_conversationList->setCurrentIndex(index);
    const QUuid id = index.data(ConversationListModel::IdRole).toUuid();
    if (id != m_session->openConversationId())
        m_session->openConversation(id);
    m_composer->setEnabled(true);
    updateHeader();
}

void MainWindow::showNextUnread()
{
    const auto *model = m_session->conversations();
    const int start = qMax(0, m_conversationList->currentIndex().row());
    for (int i = 1; i <= model->rowCount(); ++i) {
        const QModelIndex index = model->index((start + i) % model->rowCount(), 0);
        if (index.data(ConversationListModel::UnreadCountRole).toInt() > 0) {
            openConversationAt(index);
            return;
        }
    }
}

void MainWindow::hostClinicServer()
{
    if (!m_localHost)
        return;
    if (m_localHost->isRunning()) {
        QMessageBox::information(this, tr("Clinic server"),
            tr("This computer already hosts the clinic server at %1.")
                .arg(m_localHost->url().toDisplayString()));
        return;
    }
    bool ok = false;
    const int port = QInputDialog::getInt(this, tr("Host a clinic server"),
        tr("Port for the clinic server (other computers on this network reach it through a TLS proxy):"),
        LocalServerHost::kDefaultPort, 1024, 65535, 1, &ok);
    if (!ok)
        return;
    const bool demo = QMessageBox::question(this, tr("Host a clinic server"),
                          tr("Add the demo clinic (one provider and two patients) to try it out?"))
        == QMessageBox::Yes;
    if (auto started = m_localHost->start(static_cast<quint16>(port), QString(), demo); !started) {
        QMessageBox::warning(this, tr("Host a clinic server"), started.error());
        return;
    }
    setServerUrl(m_localHost->url(), true);
    if (!m_localHost->seededAccounts().isEmpty()) {
        QMessageBox::information(this, tr("Demo clinic"),
            tr("Demo accounts (user name / password):") + u'\n' + m_localHost->seededAccounts().join(u'\n'));
    }
    if (!m_session->isSignedIn())
        requestSignIn();
}

void MainWindow::startConversation()
{
    if (!m_session->isSignedIn())
        return;
    auto *dialog = new NewConversationDialog(*m_session->api(), m_session->currentUser(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &NewConversationDialog::conversationOpened, this, [this](const model::Conversation &opened) {
            m_session->conversations()->upsert(opened);
            openConversationAt(m_session->conversations()->indexOf(opened.id));
        });
    dialog->open();
}

void MainWindow::showSearch()
{
    if (!m_session->isSignedIn())
        return;
    m_search->setConversation(m_session->openConversationId());
    m_search->show();
    m_search->focusSearch();
}

void MainWindow::revealMessage(const QUuid &conversationId, const QUuid &messageId)
{
    m_revealMessageId = messageId;
    m_revealPagesLeft = 20; // up to 1,000 messages back
    const QModelIndex index = m_session->conversations()->indexOf(conversationId);
    if (index.isValid() && conversationId != m_session->openConversationId())
        openConversationAt(index);
    else
        tryReveal();
}

void MainWindow::tryReveal()
{
    if (m_revealMessageId.isNull())
        return;
    MessageListModel *messages = m_session->messages();
    const int row = messages->rowOf(m_revealMessageId);
    if (row >= 0) {
        const QModelIndex index = messages->index(row);
        m_messageList->scrollTo(index, QAbstractItemView::PositionAtCenter);
        m_messageList->setCurrentIndex(index);
        m_revealMessageId = QUuid();
        return;
    }
    if (messages->rowCount() > 0 && messages->hasMore() && m_revealPagesLeft-- > 0)
        m_session->loadOlder();
}

void MainWindow::showMessageMenu(const QPoint &position)
{
    QModelIndex index = m_messageList->indexAt(position);
    if (!index.isValid())
        index = m_messageList->currentIndex();
    if (!index.isValid() || index.data(MessageListModel::IsDeletedRole).toBool())
        return;
    // Read now: rows may come and go while the menu is open (an older page, a live message).
    const QUuid messageId = index.data(MessageListModel::IdRole).toUuid();
    const QString senderName = index.data(MessageListModel::SenderNameRole).toString();
    const QString content = index.data(MessageListModel::ContentRole).toString();
    const bool own = index.data(MessageListModel::IsOwnRole).toBool();
    const QUuid conversationId = m_session->openConversationId();
    QMenu menu(this);
    QAction *reply = menu.addAction(tr("&Reply"));
    reply->setEnabled(!messageId.isNull());
    QAction *copy = menu.addAction(tr("&Copy text"));
    QAction *remove = nullptr;
    if (own && !messageId.isNull())
        remove = menu.addAction(tr("&Delete for everyone"));
    QAction *chosen
        = menu.exec(m_messageList->viewport()->mapToGlobal(m_messageList->visualRect(index).center()));
    // The idle logoff or another conversation may have cleared the screen meanwhile.
    if (!chosen || !m_session->isSignedIn() || m_session->openConversationId() != conversationId)
        return;
    if (chosen == reply) {
        m_replyToId = messageId;
        m_composer->setReplyTo(senderName, content);
        m_composer->setFocus();
    } else if (chosen == copy) {
        QApplication::clipboard()->setText(content);
    } else if (remove && chosen == remove) {
        const auto answer = QMessageBox::question(this, tr("Delete message"),
            tr("Delete this message for everyone in the conversation? Its files go with it."));
        if (answer != QMessageBox::Yes)
            return;
        m_session->api()
            ->deleteMessage(messageId,
                [this](const Status<client::ApiError> &done) {
                    if (!done)
                        statusBar()->showMessage(done.error().userText(), 8000);
                })
            ->bindTo(this);
    }
}

void MainWindow::updateHeader()
{
    const QModelIndex index = m_session->conversations()->indexOf(m_session->openConversationId());
    m_header->setText(index.isValid() ? index.data(ConversationListModel::TitleRole).toString() : QString());
    m_typing->setText(
        index.isValid() ? index.data(ConversationListModel::TypingTextRole).toString() : QString());
}

void MainWindow::updateTitle()
{
    const int unread = m_session->conversations()->totalUnread();
    setWindowTitle(
        unread > 0 ? tr("VytalWatch Messaging (%n unread)", nullptr, unread) : tr("VytalWatch Messaging"));
}

void MainWindow::scrollToBottomIfNear(bool force)
{
    QScrollBar *bar = m_messageList->verticalScrollBar();
    if (force || bar->maximum() - bar->value() < 120)
        QMetaObject::invokeMethod(m_messageList, &QListView::scrollToBottom, Qt::QueuedConnection);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::ActivationChange)
        m_session->setWindowActive(isActiveWindow());
    QMainWindow::changeEvent(event);
}

} // namespace vw::chat
