#pragma once

#include "app/client/chatsession.h"

#include <QMainWindow>
#include <QPointer>
#include <QUrl>
#include <QUuid>

class QLabel;
class QListView;
class QMenu;
class QModelIndex;

namespace vw::chat {

class Composer;
class IdleLogoff;
class LocalServerHost;
class SearchPanel;
class SignInDialog;
class Translations;
class TrayNotifier;

// The main window: the conversation list beside the open conversation and its composer,
// over a ChatSession. It starts with the sign-in dialog, follows the session (presence,
// typing, unread totals in the title and tray), logs off after the idle limit with the
// screen cleared, and adapts to who signed in: clinicians see urgent conversations first
// and can mark messages urgent; patients see only their care team.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Translations *translations = nullptr, client::ChatSessionOptions options = {},
        QWidget *parent = nullptr);
    ~MainWindow() override;

    // The server the sign-in dialog offers; `hostedHere` for the integrated server.
    void setServerUrl(const QUrl &url, bool hostedHere);
    // Shows the sign-in dialog (at start, after logoff or an expired session).
    void requestSignIn();
    // The in-app clinic server the File menu can start (owned by the caller).
    void setLocalHost(LocalServerHost *host) { m_localHost = host; }

    client::ChatSession &session() { return *m_session; }
    QListView *conversationList() const { return m_conversationList; }
    QListView *messageList() const { return m_messageList; }
    Composer *composer() const { return m_composer; }
    SignInDialog *signInDialog() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    void retranslate();
    void onSignedIn(const model::User &user);
    void onSignedOut(client::ChatSession::SignOutReason reason);
    void openConversationAt(const QModelIndex &index);
    void showNextUnread();
    void hostClinicServer();
    void startConversation();
    void showSearch();
    // Opens the conversation and scrolls to the message, loading older pages until it is there.
    void revealMessage(const QUuid &conversationId, const QUuid &messageId);
    void tryReveal();
    // The message list's context menu (mouse or the Menu key): reply, copy, delete own.
    void showMessageMenu(const QPoint &position);
    void updateHeader();
    void updateTitle();
    void scrollToBottomIfNear(bool force);

    client::ChatSession *m_session;
    Translations *m_translations;
    QListView *m_conversationList = nullptr;
    QListView *m_messageList = nullptr;
    QLabel *m_header = nullptr;
    QLabel *m_typing = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_connection = nullptr;
    Composer *m_composer = nullptr;
    TrayNotifier *m_tray = nullptr;
    IdleLogoff *m_idle = nullptr;
    QMenu *m_languageMenu = nullptr;
    QPointer<SignInDialog> m_signIn;
    LocalServerHost *m_localHost = nullptr;
    SearchPanel *m_search = nullptr;
    QUuid m_revealMessageId;
    QUuid m_replyToId; // the message the composer's reply bar quotes
    int m_revealPagesLeft = 0;
    QUrl m_serverUrl;
    bool m_hostedHere = false;
};

} // namespace vw::chat
