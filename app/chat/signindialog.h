#pragma once

#include <QDialog>
#include <QString>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace vw::client {
struct ApiError;
}

namespace vw::chat {

// Asks for the server address and credentials and hands them to the caller, who signs in
// and reports back with showError() or signedIn(). The password is never stored.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(QWidget *parent = nullptr);

    QString serverText() const;
    QString username() const;
    void setUsername(const QString &username);

    // While true the fields are locked and a progress indicator runs.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    // Shows ApiError::userText() and ends the busy state.
    void showError(const vw::client::ApiError &error);
    void clearError();

    // The caller's sign-in worked: remembers the server for next time, forgets the
    // password and closes the dialog with Accepted.
    void signedIn();

    // The QSettings key the server address is remembered under.
    static QString serverSettingsKey();

signals:
    void signInRequested(const QUrl &server, const QString &username, const QString &password);

private:
    void updateState();
    void submit();

    QLineEdit *m_server = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_serverError = nullptr;
    QLabel *m_insecureWarning = nullptr;
    QLabel *m_error = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_signIn = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QUrl m_endpointUrl;
    bool m_busy = false;
};

} // namespace vw::chat
