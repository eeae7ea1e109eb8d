#include "app/chat/signindialog.h"

#include "app/client/apierror.h"
#include "app/client/serverendpoint.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QVBoxLayout>

namespace vw::chat {

namespace {

// Red that stays readable on light and dark window backgrounds.
QColor dangerColor(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x6b, 0x6b)
                                                             : QColor(0xc6, 0x28, 0x28);
}

QLabel *makeMessageLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setVisible(false);
    return label;
}

void setTextColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

} // namespace

SignInDialog::SignInDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Sign in to VytalWatch"));
    setAccessibleName(tr("Sign in"));

    auto *heading = new QLabel(tr("Sign in to VytalWatch Messaging"), this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    heading->setFont(headingFont);

    m_server = new QLineEdit(this);
    m_server->setAccessibleName(tr("Server address"));
    m_server->setPlaceholderText(tr("https://clinic.example.org"));
    m_server->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    m_server->setText(QSettings().value(serverSettingsKey()).toString());

    m_username = new QLineEdit(this);
    m_username->setAccessibleName(tr("Username"));
    m_username->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);

    m_password = new QLineEdit(this);
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);

    m_serverError = makeMessageLabel(this);
    m_serverError->setAccessibleName(tr("Server address problem"));
    setTextColor(m_serverError, dangerColor(palette()));

    m_insecureWarning = makeMessageLabel(this);
    m_insecureWarning->setAccessibleName(tr("Security warning"));
    m_insecureWarning->setText(
        tr("Plain http to another computer exposes health information to anyone on the "
           "network. Use an https:// address unless the server runs on this computer."));
    m_insecureWarning->setFrameShape(QFrame::StyledPanel);
    m_insecureWarning->setMargin(style()->pixelMetric(QStyle::PM_LayoutTopMargin) / 2 + 2);
    setTextColor(m_insecureWarning, dangerColor(palette()));

    m_error = makeMessageLabel(this);
    m_error->setAccessibleName(tr("Sign-in error"));
    setTextColor(m_error, dangerColor(palette()));

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(fontMetrics().height() / 2 + 2);
    m_progress->setAccessibleName(tr("Signing in"));
    m_progress->setVisible(false);

    m_buttons = new QDialogButtonBox(this);
    m_signIn = m_buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setAccessibleName(tr("Sign in"));
    m_signIn->setDefault(true);
    QPushButton *cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setAccessibleName(tr("Cancel"));
    cancel->setAutoDefault(false);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Server:"), m_server);
    form->addRow(QString(), m_serverError);
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password:"), m_password);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addWidget(m_insecureWarning);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 56);

    connect(m_server, &QLineEdit::textChanged, this, &SignInDialog::updateState);
    connect(m_username, &QLineEdit::textChanged, this, &SignInDialog::updateState);
    connect(m_password, &QLineEdit::textChanged, this, &SignInDialog::updateState);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // Start where typing is needed.
    if (m_server->text().isEmpty())
        m_server->setFocus();
    else
        m_username->setFocus();
    updateState();
}

QString SignInDialog::serverText() const
{
    return m_server->text();
}

QString SignInDialog::username() const
{
    return m_username->text();
}

void SignInDialog::setUsername(const QString &username)
{
    m_username->setText(username);
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_server->setReadOnly(busy);
    m_username->setReadOnly(busy);
    m_password->setReadOnly(busy);
    m_progress->setVisible(busy);
    m_signIn->setText(busy ? tr("Signing in…") : tr("Sign in"));
    if (busy)
        m_error->setVisible(false);
    updateState();
}

void SignInDialog::showError(const vw::client::ApiError &error)
{
    setBusy(false);
    m_error->setText(error.userText());
    m_error->setVisible(true);
    if (isVisible())
        resize(width(),
            qMax(height(), heightForWidth(width()) > 0 ? heightForWidth(width()) : sizeHint().height()));
    if (error.kind == vw::client::ApiError::Kind::Unauthorized) {
        m_password->setFocus();
        m_password->selectAll();
    }
}

void SignInDialog::clearError()
{
    m_error->clear();
    m_error->setVisible(false);
}

void SignInDialog::signedIn()
{
    if (m_endpointUrl.isValid())
        QSettings().setValue(serverSettingsKey(), m_server->text().trimmed());
    m_password->clear();
    setBusy(false);
    accept();
}

QString SignInDialog::serverSettingsKey()
{
    return QStringLiteral("signIn/server");
}

void SignInDialog::updateState()
{
    const QString serverText = m_server->text().trimmed();
    m_endpointUrl = QUrl();
    bool insecure = false;
    QString serverError;
    if (!serverText.isEmpty()) {
        const auto endpoint = vw::client::ServerEndpoint::parse(serverText);
        if (endpoint) {
            m_endpointUrl = endpoint->baseUrl();
            insecure = endpoint->isInsecureRemote();
        } else {
            serverError = endpoint.error();
        }
    }
    m_serverError->setText(serverError);
    const bool grew = (m_serverError->isHidden() && !serverError.isEmpty())
        || (m_insecureWarning->isHidden() && insecure);
    m_serverError->setVisible(!serverError.isEmpty());
    m_insecureWarning->setVisible(insecure);
    // A wrapped message needs more height than the dialog had: never clip a warning.
    if (grew && isVisible())
        resize(width(),
            qMax(height(), heightForWidth(width()) > 0 ? heightForWidth(width()) : sizeHint().height()));

    const bool complete
        = m_endpointUrl.isValid() && !m_username->text().trimmed().isEmpty() && !m_password->text().isEmpty();
    m_signIn->setEnabled(complete && !m_busy);
}

void SignInDialog::submit()
{
    updateState();
    if (m_busy || !m_signIn->isEnabled())
        return;
    clearError();
    setBusy(true);
    emit signInRequested(m_endpointUrl, m_username->text().trimmed(), m_password->text());
}

} // namespace vw::chat
