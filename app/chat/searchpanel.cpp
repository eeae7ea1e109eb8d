#include "app/chat/searchpanel.h"

#include "app/client/apiclient.h"
#include "app/client/apierror.h"

#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QLoggingCategory>
#include <QRadioButton>
#include <QVBoxLayout>

namespace vw::chat {

namespace {

Q_LOGGING_CATEGORY(lcSearchPanel, "vw.chat.search")

constexpr int kSnippetLength = 120;

QColor dangerColor(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x6b, 0x6b)
                                                             : QColor(0xc6, 0x28, 0x28);
}

// One line of the message, shortened: results are for recognising, not reading.
QString snippetOf(const model::Message &message)
{
    if (message.deletedAt)
        return SearchPanel::tr("(deleted message)");
    QString text = message.content.simplified();
    if (text.size() > kSnippetLength)
        text = text.left(kSnippetLength - 1) + QChar(0x2026);
    return text;
}

bool isEnter(const QKeyEvent *key)
{
    return key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
}

} // namespace

SearchPanel::SearchPanel(client::ApiClient &api, QWidget *parent) : QWidget(parent), m_api(api)
{
    setAccessibleName(tr("Message search"));

    m_query = new QLineEdit(this);
    m_query->setPlaceholderText(tr("Search messages"));
    m_query->setAccessibleName(tr("Search messages"));
    m_query->setAccessibleDescription(tr("Finds whole words. Press Enter to search, Escape to close."));
    m_query->setClearButtonEnabled(true);
    m_query->setInputMethodHints(Qt::ImhNoPredictiveText);

    m_thisConversation = new QRadioButton(tr("&This conversation"), this);
    m_thisConversation->setAccessibleName(tr("Search this conversation"));
    m_allConversations = new QRadioButton(tr("&All conversations"), this);
    m_allConversations->setAccessibleName(tr("Search all conversations"));
    m_scope = new QButtonGroup(this);
    m_scope->addButton(m_thisConversation);
    m_scope->addButton(m_allConversations);
    m_thisConversation->setEnabled(false);
    m_allConversations->setChecked(true);

    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Search results"));
    m_list->setWordWrap(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setTextElideMode(Qt::ElideRight);

    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Search status"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    auto *scopeRow = new QHBoxLayout;
    scopeRow->addWidget(m_thisConversation);
    scopeRow->addWidget(m_allConversations);
    scopeRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_query);
    layout->addLayout(scopeRow);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);

    m_query->installEventFilter(this);
    m_list->installEventFilter(this);
    m_thisConversation->installEventFilter(this);
    m_allConversations->installEventFilter(this);

    connect(
        m_list, &QListWidget::clicked, this, [this](const QModelIndex &index) { activateRow(index.row()); });
    // A new scope answers a different question: run it again if there was one.
    connect(m_scope, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool checked) {
        if (checked && !m_results.isEmpty())
            search();
    });
}

void SearchPanel::setConversation(const QUuid &conversationId)
{
    m_conversationId = conversationId;
    m_thisConversation->setEnabled(!conversationId.isNull());
    if (conversationId.isNull())
        m_allConversations->setChecked(true);
    else
        m_thisConversation->setChecked(true);
}

void SearchPanel::setUsers(const QList<model::User> &users)
{
    m_names.clear();
    for (const model::User &user : users)
        m_names.insert(user.id, user.displayName.isEmpty() ? user.username : user.displayName);
    if (!m_results.isEmpty())
        showResults(m_results);
}

void SearchPanel::focusSearch()
{
    m_query->setFocus(Qt::ShortcutFocusReason);
    m_query->selectAll();
}

bool SearchPanel::searchesAllConversations() const
{
    return m_allConversations->isChecked() || m_conversationId.isNull();
}

void SearchPanel::setSearchAllConversations(bool all)
{
    if (all || m_conversationId.isNull())
        m_allConversations->setChecked(true);
    else
        m_thisConversation->setChecked(true);
}

void SearchPanel::search()
{
    const QString text = m_query->text().trimmed();
    if (text.isEmpty())
        return;
    if (m_call)
        m_call->abort();
    std::optional<QUuid> scope;
    if (!searchesAllConversations())
        scope = m_conversationId;
    m_status->setPalette(palette());
    m_status->setText(tr("Searching…"));
    m_call = m_api.searchMessages(
        text, scope, kResultLimit, [this](const Result<QList<model::Message>, client::ApiError> &result) {
            if (!result) {
                showError(result.error());
                return;
            }
            showResults(result.value());
        });
    m_call->bindTo(this);
}

void SearchPanel::showResults(const QList<model::Message> &messages)
{
    m_results = messages;
    m_list->clear();
    const QLocale locale;
    for (const model::Message &message : messages) {
        const QString date = locale.toString(message.createdAt.toLocalTime(), QLocale::ShortFormat);
        auto *item = new QListWidgetItem(
            tr("%1 · %2\n%3").arg(senderName(message.senderId), date, snippetOf(message)), m_list);
        item->setToolTip(date);
    }
    m_status->setPalette(palette());
    m_status->setText(messages.isEmpty() ? tr("No messages found.")
                                         : tr("%n message(s) found.", nullptr, int(messages.size())));
    if (!messages.isEmpty())
        m_list->setCurrentRow(0);
}

void SearchPanel::showError(const client::ApiError &error)
{
    qCInfo(lcSearchPanel) << "search failed:" << error.kind << error.status;
    QPalette errorPalette = palette();
    errorPalette.setColor(QPalette::WindowText, dangerColor(palette()));
    m_status->setPalette(errorPalette);
    m_status->setText(error.userText());
}

void SearchPanel::activateRow(int row)
{
    if (row < 0 || row >= m_results.size())
        return;
    const model::Message &message = m_results.at(row);
    emit resultActivated(message.conversationId, message.id);
}

QString SearchPanel::senderName(const QUuid &id) const
{
    return m_names.value(id, tr("Unknown sender"));
}

bool SearchPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (key->key() == Qt::Key_Escape) {
        emit closed();
        return true;
    }
    if (watched == m_query) {
        if (isEnter(key)) {
            search();
            return true;
        }
        if (key->key() == Qt::Key_Down && m_list->count() > 0) {
            m_list->setFocus(Qt::TabFocusReason);
            return true;
        }
    } else if (watched == m_list && isEnter(key)) {
        activateRow(m_list->currentRow());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace vw::chat
