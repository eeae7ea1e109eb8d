#include "app/chat/newconversationdialog.h"

#include "app/client/apiclient.h"
#include "app/client/apierror.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace vw::chat {

namespace {

Q_LOGGING_CATEGORY(lcNewConversation, "vw.chat.newconversation")

constexpr int kUserIdRole = Qt::UserRole + 1;

// Red that stays readable on light and dark window backgrounds.
QColor dangerColor(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x6b, 0x6b)
                                                             : QColor(0xc6, 0x28, 0x28);
}

QString roleText(model::UserRole role)
{
    switch (role) {
    case model::UserRole::Patient:
        return NewConversationDialog::tr("Patient");
    case model::UserRole::Provider:
        return NewConversationDialog::tr("Provider");
    case model::UserRole::Admin:
        return NewConversationDialog::tr("Administrator");
    }
    return {};
}

QString nameOf(const model::User &user)
{
    return user.displayName.isEmpty() ? user.username : user.displayName;
}

// Down from the search field moves into the list, so the keyboard reaches the results.
class SearchKeys : public QObject
{
public:
    SearchKeys(QListWidget *list, QObject *parent) : QObject(parent), m_list(list) { }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const auto *key = static_cast<QKeyEvent *>(event);
            if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_PageDown) && m_list->count() > 0) {
                if (!m_list->currentItem())
                    m_list->setCurrentRow(0);
                m_list->setFocus(Qt::TabFocusReason);
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QListWidget *m_list;
};

} // namespace

NewConversationDialog::NewConversationDialog(client::ApiClient &api, const model::User &self, QWidget *parent)
    : QDialog(parent), m_api(api), m_self(self)
{
    setWindowTitle(tr("New conversation"));
    setAccessibleName(tr("New conversation"));

    auto *searchLabel = new QLabel(tr("&Find people:"), this);
    m_search = new QLineEdit(this);
    m_search->setAccessibleName(tr("Search people"));
    m_search->setPlaceholderText(tr("Name or user name"));
    m_search->setClearButtonEnabled(true);
    m_search->setInputMethodHints(Qt::ImhNoPredictiveText);
    searchLabel->setBuddy(m_search);

    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("People"));
    m_list->setAccessibleDescription(canCreateGroups()
            ? tr("Select one person for a conversation, or tick several for a care-team group")
            : tr("Select the person to write to"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_search->installEventFilter(new SearchKeys(m_list, this));

    m_titleLabel = new QLabel(tr("Group &title:"), this);
    m_title = new QLineEdit(this);
    m_title->setAccessibleName(tr("Group title"));
    m_title->setPlaceholderText(tr("Needed when several people are ticked"));
    m_titleLabel->setBuddy(m_title);
    m_titleLabel->setVisible(canCreateGroups());
    m_title->setVisible(canCreateGroups());

    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Status"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    m_error = new QLabel(this);
    m_error->setAccessibleName(tr("Error"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setVisible(false);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, dangerColor(palette()));
    m_error->setPalette(errorPalette);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_start = m_buttons->addButton(tr("&Start"), QDialogButtonBox::AcceptRole);
    m_start->setAccessibleName(tr("Start conversation"));
    m_start->setDefault(true);
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(searchLabel);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_title);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kSearchDebounceMs);

    connect(m_debounce, &QTimer::timeout, this, &NewConversationDialog::runSearch);
    connect(m_search, &QLineEdit::textEdited, this, &NewConversationDialog::scheduleSearch);
    connect(m_title, &QLineEdit::textChanged, this, &NewConversationDialog::updateState);
    connect(m_list, &QListWidget::currentItemChanged, this, &NewConversationDialog::updateState);
    connect(m_list, &QListWidget::itemChanged, this, &NewConversationDialog::updateState);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        if (m_busy || !item)
            return;
        const QUuid id = item->data(kUserIdRole).toUuid();
        for (const model::User &person : std::as_const(m_people)) {
            if (person.id == id) {
                startWith(person);
                return;
            }
        }
    });
    // Start is an AcceptRole button, but the dialog only closes once the server answered.
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewConversationDialog::start);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    resize(420, 480);
    updateState();
    runSearch();
}

bool NewConversationDialog::canCreateGroups() const
{
    return m_self.role == model::UserRole::Provider;
}

void NewConversationDialog::scheduleSearch()
{
    m_debounce->start();
}

void NewConversationDialog::runSearch()
{
    m_debounce->stop();
    if (m_searchCall)
        m_searchCall->abort();
    client::UserQuery query;
    query.search = m_search->text().trimmed();
    query.limit = kDirectoryLimit;
    m_status->setText(tr("Searching…"));
    m_searchCall = m_api.users(query, [this](const Result<QList<model::User>, client::ApiError> &result) {
        if (!result) {
            m_status->clear();
            showError(result.error());
            return;
        }
        m_error->setVisible(false);
        showPeople(result.value());
    });
    m_searchCall->bindTo(this);
}

void NewConversationDialog::showPeople(const QList<model::User> &people)
{
    // Ticks survive a new search for the people still listed.
    QList<QUuid> ticked;
    for (const model::User &person : checkedPeople())
        ticked.append(person.id);
    const std::optional<model::User> current = currentPerson();

    const QSignalBlocker blocker(m_list);
    m_list->clear();
    m_people = people;
    for (const model::User &person : people) {
        auto *item = new QListWidgetItem(tr("%1 — %2").arg(nameOf(person), roleText(person.role)), m_list);
        item->setData(kUserIdRole, person.id);
        item->setToolTip(person.username);
        if (canCreateGroups()) {
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(ticked.contains(person.id) ? Qt::Checked : Qt::Unchecked);
        } else {
            item->setFlags(item->flags() & ~Qt::ItemIsUserCheckable);
        }
        if (current && current->id == person.id)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    m_status->setText(
        people.isEmpty() ? tr("No one found.") : tr("%n people found.", nullptr, int(people.size())));
    updateState();
}

QList<model::User> NewConversationDialog::checkedPeople() const
{
    QList<model::User> checked;
    if (!canCreateGroups())
        return checked;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked && row < m_people.size())
            checked.append(m_people.at(row));
    }
    return checked;
}

std::optional<model::User> NewConversationDialog::currentPerson() const
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_people.size())
        return std::nullopt;
    return m_people.at(row);
}

void NewConversationDialog::updateState()
{
    const qsizetype ticked = checkedPeople().size();
    bool ready = false;
    if (ticked >= 2)
        ready = !m_title->text().trimmed().isEmpty();
    else if (ticked == 1)
        ready = true;
    else
        ready = currentPerson().has_value();
    m_start->setEnabled(ready && !m_busy);
    m_start->setText(ticked >= 2 ? tr("&Create group") : tr("&Start"));
}

void NewConversationDialog::start()
{
    if (m_busy)
        return;
    const QList<model::User> ticked = checkedPeople();
    if (ticked.size() >= 2) {
        if (m_title->text().trimmed().isEmpty()) {
            m_title->setFocus();
            return;
        }
        createGroup(ticked);
    } else if (ticked.size() == 1) {
        startWith(ticked.first());
    } else if (const auto person = currentPerson()) {
        startWith(*person);
    }
}

void NewConversationDialog::startWith(const model::User &person)
{
    const bool pair = (m_self.role == model::UserRole::Patient && person.role == model::UserRole::Provider)
        || (m_self.role == model::UserRole::Provider && person.role == model::UserRole::Patient);
    if (pair)
        openWith(person);
    else
        // Two providers have no pair conversation; they talk in a group of two.
        createGroup({person});
}

void NewConversationDialog::openWith(const model::User &person)
{
    const bool selfIsPatient = m_self.role == model::UserRole::Patient;
    const QUuid patientId = selfIsPatient ? m_self.id : person.id;
    const QUuid providerId = selfIsPatient ? person.id : m_self.id;
    setBusy(true);
    m_api
        .openPair(patientId, providerId,
            [this](const Result<model::Conversation, client::ApiError> &result) {
                setBusy(false);
                if (!result) {
                    showError(result.error());
                    return;
                }
                finished(result.value());
            })
        ->bindTo(this);
}

void NewConversationDialog::createGroup(const QList<model::User> &members)
{
    QList<QUuid> ids;
    for (const model::User &member : members)
        ids.append(member.id);
    setBusy(true);
    m_api
        .createGroup(ids, m_title->text().trimmed(),
            [this](const Result<model::Conversation, client::ApiError> &result) {
                setBusy(false);
                if (!result) {
                    showError(result.error());
                    return;
                }
                finished(result.value());
            })
        ->bindTo(this);
}

void NewConversationDialog::finished(const model::Conversation &conversation)
{
    m_error->setVisible(false);
    emit conversationOpened(conversation);
    accept();
}

void NewConversationDialog::showError(const client::ApiError &error)
{
    qCInfo(lcNewConversation) << "request failed:" << error.kind << error.status;
    m_error->setText(error.userText());
    m_error->setVisible(true);
}

void NewConversationDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_search->setEnabled(!busy);
    m_list->setEnabled(!busy);
    m_title->setEnabled(!busy);
    if (busy) {
        m_error->setVisible(false);
        m_status->setText(tr("Opening the conversation…"));
    } else {
        m_status->clear();
    }
    updateState();
}

} // namespace vw::chat
