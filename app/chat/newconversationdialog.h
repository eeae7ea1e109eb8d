#pragma once

#include "common/model/conversation.h"
#include "common/model/user.h"

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QUuid>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QTimer;

namespace vw::client {
class ApiCall;
class ApiClient;
struct ApiError;
} // namespace vw::client

namespace vw::chat {

// Picks people from the server's directory and opens a conversation with them: the
// patient–provider pair for one person, or (providers only) a titled care-team group.
class NewConversationDialog : public QDialog
{
    Q_OBJECT
public:
    // How long typing in the search field waits before asking the server.
    static constexpr int kSearchDebounceMs = 250;
    static constexpr int kDirectoryLimit = 50;

    explicit NewConversationDialog(
        vw::client::ApiClient &api, const vw::model::User &self, QWidget *parent = nullptr);

    // Whether people can be ticked to form a group (the signed-in user is a provider).
    bool canCreateGroups() const;
    // The people the directory returned for the current search, in list order.
    QList<vw::model::User> people() const { return m_people; }

signals:
    void conversationOpened(const vw::model::Conversation &conversation);

private:
    void scheduleSearch();
    void runSearch();
    void showPeople(const QList<vw::model::User> &people);
    QList<vw::model::User> checkedPeople() const;
    std::optional<vw::model::User> currentPerson() const;
    void updateState();
    void start();
    void startWith(const vw::model::User &person);
    void openWith(const vw::model::User &person);
    void createGroup(const QList<vw::model::User> &members);
    void finished(const vw::model::Conversation &conversation);
    void showError(const vw::client::ApiError &error);
    void setBusy(bool busy);

    vw::client::ApiClient &m_api;
    vw::model::User m_self;
    QList<vw::model::User> m_people;
    QLineEdit *m_search = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLineEdit *m_title = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_start = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTimer *m_debounce = nullptr;
    QPointer<vw::client::ApiCall> m_searchCall;
    bool m_busy = false;
};

} // namespace vw::chat
