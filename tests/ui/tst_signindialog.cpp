#include "app/chat/signindialog.h"
#include "app/client/apierror.h"

#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using vw::chat::SignInDialog;

class TestSignInDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void enterEmitsSignInRequested();
    void buttonDisabledUntilComplete();
    void insecureWarning_data();
    void insecureWarning();
    void invalidServerShowsError();
    void showErrorShowsText();
    void busyBlocksSubmit();
    void remembersServerOnSuccess();
    void everyControlHasAnAccessibleName();

private:
    static QLineEdit *field(SignInDialog &dialog, const QString &accessibleName);
    static QLabel *label(SignInDialog &dialog, const QString &accessibleName);
    static QPushButton *signInButton(SignInDialog &dialog);
};

void TestSignInDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("VytalWatchTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_signindialog"));
}

void TestSignInDialog::init()
{
    QSettings().remove(SignInDialog::serverSettingsKey());
}

QLineEdit *TestSignInDialog::field(SignInDialog &dialog, const QString &accessibleName)
{
    const auto edits = dialog.findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits) {
        if (edit->accessibleName() == accessibleName)
            return edit;
    }
    return nullptr;
}

QLabel *TestSignInDialog::label(SignInDialog &dialog, const QString &accessibleName)
{
    const auto labels = dialog.findChildren<QLabel *>();
    for (QLabel *l : labels) {
        if (l->accessibleName() == accessibleName)
            return l;
    }
    return nullptr;
}

QPushButton *TestSignInDialog::signInButton(SignInDialog &dialog)
{
    const auto buttons = dialog.findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->accessibleName() == QStringLiteral("Sign in"))
            return button;
    }
    return nullptr;
}

void TestSignInDialog::enterEmitsSignInRequested()
{
    SignInDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy spy(&dialog, &SignInDialog::signInRequested);

    QLineEdit *server = field(dialog, QStringLiteral("Server address"));
    QLineEdit *user = field(dialog, QStringLiteral("Username"));
    QLineEdit *password = field(dialog, QStringLiteral("Password"));
    QVERIFY(server && user && password);
    QCOMPARE(password->echoMode(), QLineEdit::Password);

    QTest::keyClicks(server, QStringLiteral("https://clinic.example.org"));
    QTest::keyClicks(user, QStringLiteral("ghouse"));
    QTest::keyClicks(password, QStringLiteral("s3cret pass"));
    password->setFocus();
    QTest::keyClick(password, Qt::Key_Return);

    QCOMPARE(spy.count(), 1);
    const QUrl url = spy.at(0).at(0).toUrl();
    QCOMPARE(url.scheme(), QStringLiteral("https"));
    QCOMPARE(url.host(), QStringLiteral("clinic.example.org"));
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("ghouse"));
    QCOMPARE(spy.at(0).at(2).toString(), QStringLiteral("s3cret pass"));
    QVERIFY(dialog.isBusy());
    // The password is never written to the settings.
    QVERIFY(!QSettings()
                 .allKeys()
                 .join(QLatin1Char(' '))
                 .contains(QStringLiteral("password"), Qt::CaseInsensitive));
}

void TestSignInDialog::buttonDisabledUntilComplete()
{
    SignInDialog dialog;
    QSignalSpy spy(&dialog, &SignInDialog::signInRequested);
    QPushButton *button = signInButton(dialog);
    QVERIFY(button);
    QVERIFY(!button->isEnabled());
    QTest::keyClicks(field(dialog, QStringLiteral("Server address")), QStringLiteral("127.0.0.1"));
    QVERIFY(!button->isEnabled());
    QTest::keyClicks(field(dialog, QStringLiteral("Username")), QStringLiteral("jane"));
    QVERIFY(!button->isEnabled());
    QLineEdit *password = field(dialog, QStringLiteral("Password"));
    QTest::keyClick(password, Qt::Key_Return);
    QCOMPARE(spy.count(), 0);
    QTest::keyClicks(password, QStringLiteral("pw"));
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
}

void TestSignInDialog::insecureWarning_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<bool>("warned");
    QTest::newRow("plain http to a LAN host") << QStringLiteral("http://10.0.0.5") << true;
    QTest::newRow("loopback") << QStringLiteral("http://127.0.0.1") << false;
    QTest::newRow("https") << QStringLiteral("https://10.0.0.5") << false;
    QTest::newRow("https name") << QStringLiteral("https://clinic.example.org") << false;
}

void TestSignInDialog::insecureWarning()
{
    QFETCH(QString, server);
    QFETCH(bool, warned);
    SignInDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(field(dialog, QStringLiteral("Server address")), server);
    QLabel *warning = label(dialog, QStringLiteral("Security warning"));
    QVERIFY(warning);
    QCOMPARE(warning->isVisible(), warned);
    QVERIFY(warning->text().contains(QStringLiteral("exposes health information")));
}

void TestSignInDialog::invalidServerShowsError()
{
    SignInDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(field(dialog, QStringLiteral("Server address")), QStringLiteral("ftp://example.org"));
    QTest::keyClicks(field(dialog, QStringLiteral("Username")), QStringLiteral("jane"));
    QTest::keyClicks(field(dialog, QStringLiteral("Password")), QStringLiteral("pw"));
    QLabel *problem = label(dialog, QStringLiteral("Server address problem"));
    QVERIFY(problem);
    QVERIFY(problem->isVisible());
    QVERIFY(!problem->text().isEmpty());
    QVERIFY(!signInButton(dialog)->isEnabled());
}

void TestSignInDialog::showErrorShowsText()
{
    SignInDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setBusy(true);
    vw::client::ApiError error;
    error.kind = vw::client::ApiError::Kind::Unauthorized;
    error.status = 401;
    error.signIn = true;
    error.server = QStringLiteral("127.0.0.1:3000");
    dialog.showError(error);
    QVERIFY(!dialog.isBusy());
    QLabel *shown = label(dialog, QStringLiteral("Sign-in error"));
    QVERIFY(shown);
    QVERIFY(shown->isVisible());
    QCOMPARE(shown->text(), error.userText());
    QVERIFY(!shown->text().isEmpty());
}

void TestSignInDialog::busyBlocksSubmit()
{
    SignInDialog dialog;
    QSignalSpy spy(&dialog, &SignInDialog::signInRequested);
    QTest::keyClicks(field(dialog, QStringLiteral("Server address")), QStringLiteral("127.0.0.1"));
    QTest::keyClicks(field(dialog, QStringLiteral("Username")), QStringLiteral("jane"));
    QTest::keyClicks(field(dialog, QStringLiteral("Password")), QStringLiteral("pw"));
    dialog.setBusy(true);
    QVERIFY(!signInButton(dialog)->isEnabled());
    QTest::keyClick(field(dialog, QStringLiteral("Password")), Qt::Key_Return);
    QCOMPARE(spy.count(), 0);
    dialog.setBusy(false);
    QVERIFY(signInButton(dialog)->isEnabled());
}

void TestSignInDialog::remembersServerOnSuccess()
{
    {
        SignInDialog dialog;
        QTest::keyClicks(
            field(dialog, QStringLiteral("Server address")), QStringLiteral("https://clinic.example.org"));
        QTest::keyClicks(field(dialog, QStringLiteral("Username")), QStringLiteral("jane"));
        QTest::keyClicks(field(dialog, QStringLiteral("Password")), QStringLiteral("pw"));
        // Not remembered before the caller reports success.
        SignInDialog before;
        QVERIFY(field(before, QStringLiteral("Server address"))->text().isEmpty());
        dialog.signedIn();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(field(dialog, QStringLiteral("Password"))->text().isEmpty());
    }
    SignInDialog again;
    QCOMPARE(
        field(again, QStringLiteral("Server address"))->text(), QStringLiteral("https://clinic.example.org"));
    QVERIFY(field(again, QStringLiteral("Password"))->text().isEmpty());
}

void TestSignInDialog::everyControlHasAnAccessibleName()
{
    SignInDialog dialog;
    const auto widgets = dialog.findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (qobject_cast<QLineEdit *>(widget) || qobject_cast<QPushButton *>(widget))
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    }
}

QTEST_MAIN(TestSignInDialog)
#include "tst_signindialog.moc"
