#pragma once

#include "common/model/message.h"
#include "common/model/user.h"

#include <QHash>
#include <QList>
#include <QPointer>
#include <QString>
#include <QUuid>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QListWidget;
class QRadioButton;

namespace vw::client {
class ApiCall;
class ApiClient;
struct ApiError;
} // namespace vw::client

namespace vw::chat {

// Searches message history on the server (whole words, in the open conversation or in all of
// them) and lists the hits; activating one asks the window to show that message.
class SearchPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kResultLimit = 50;

    explicit SearchPanel(vw::client::ApiClient &api, QWidget *parent = nullptr);

    // The conversation "This conversation" searches; null disables that scope.
    void setConversation(const QUuid &conversationId);
    QUuid conversation() const { return m_conversationId; }
    // Names the senders of the results; unknown senders show as such.
    void setUsers(const QList<vw::model::User> &users);
    // Shows the panel's search line focused and its text selected.
    void focusSearch();
    bool searchesAllConversations() const;
    void setSearchAllConversations(bool all);
    // The messages of the last finished search, in list order.
    QList<vw::model::Message> results() const { return m_results; }

    // Runs the search in the line (what Enter does); an empty line does nothing.
    void search();

signals:
    void resultActivated(const QUuid &conversationId, const QUuid &messageId);
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showResults(const QList<vw::model::Message> &messages);
    void showError(const vw::client::ApiError &error);
    void activateRow(int row);
    QString senderName(const QUuid &id) const;

    vw::client::ApiClient &m_api;
    QLineEdit *m_query = nullptr;
    QRadioButton *m_thisConversation = nullptr;
    QRadioButton *m_allConversations = nullptr;
    QButtonGroup *m_scope = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_status = nullptr;
    QUuid m_conversationId;
    QHash<QUuid, QString> m_names;
    QList<vw::model::Message> m_results;
    QPointer<vw::client::ApiCall> m_call;
};

} // namespace vw::chat
