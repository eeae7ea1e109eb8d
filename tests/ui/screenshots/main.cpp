// vytalwatch-screenshots: renders the desktop app's main screens into PNG files for the
// README, against a real in-process server seeded with a small demo clinic. Run through
// packaging/screenshots.sh (offscreen platform, so no display is needed).
#include "app/chat/mainwindow.h"
#include "app/chat/signindialog.h"
#include "app/client/chatsession.h"
#include "app/client/conversationlistmodel.h"
#include "app/client/messagelistmodel.h"
#include "server/auth/authmodule.h"
#include "server/auth/useradministration.h"
#include "server/server.h"
#include "tests/support/realtimetestserver.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListView>
#include <QPalette>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTextStream>

#include <functional>

using namespace vw;

namespace {

bool waitUntil(const std::function<bool()> &done, int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

void settle(int ms = 400)
{
    waitUntil([] { return false; }, ms);
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x1e, 0x22, 0x27), base(0x16, 0x19, 0x1d), text(0xe6, 0xe9, 0xee);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x93, 0x9e));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x8a, 0x8a));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, QColor(0x3a, 0x40, 0x48));
    return p;
}

QLineEdit *field(QWidget *parent, const QString &accessibleName)
{
    for (QLineEdit *edit : parent->findChildren<QLineEdit *>()) {
        if (edit->accessibleName() == accessibleName)
            return edit;
    }
    return nullptr;
}

struct Clinic
{
    test::RealtimeTestUser house, maria, james;
};

bool seed(test::RealtimeTestServer &server, Clinic &clinic)
{
    auto &admin = server.server().auth()->userAdministration();
    const auto add = [&](const QString &name, const QString &display, model::UserRole role) {
        return admin.createUser(name, display, role, test::RealtimeTestServer::kPassword).ok();
    };
    if (!add(QStringLiteral("dr.house"), QStringLiteral("Dr. Gregory House"), model::UserRole::Provider)
        || !add(QStringLiteral("maria.lopez"), QStringLiteral("Maria Lopez"), model::UserRole::Patient)
        || !add(QStringLiteral("james.chen"), QStringLiteral("James Chen"), model::UserRole::Patient))
        return false;
    clinic.house = server.signIn(QStringLiteral("dr.house"));
    clinic.maria = server.signIn(QStringLiteral("maria.lopez"));
    clinic.james = server.signIn(QStringLiteral("james.chen"));
    const QString withMaria = server.openPair(clinic.house, clinic.maria);
    const QString withJames = server.openPair(clinic.house, clinic.james);
    const auto say = [&](const test::RealtimeTestUser &who, const QString &conversation, const QString &text,
                         bool urgent = false) {
        QJsonObject body {{QStringLiteral("content"), text}};
        if (urgent)
            body.insert(QStringLiteral("priority"), QStringLiteral("urgent"));
        server.clientFor(who)->post(
            QStringLiteral("/messaging/conversations/%1/messages").arg(conversation), body);
        settle(30);
    };
    say(clinic.house, withMaria,
        QStringLiteral("Good morning Maria, your blood pressure readings came in overnight."));
    say(clinic.maria, withMaria, QStringLiteral("Good morning! Were they better than last week?"));
    say(clinic.house, withMaria,
        QStringLiteral(
            "Much better: 128/82 on average. Keep taking the lisinopril at the same time each day."));
    say(clinic.maria, withMaria, QStringLiteral("Will do. Should I still walk in the evenings?"));
    say(clinic.house, withMaria, QStringLiteral("Yes, 30 minutes is perfect. We'll review again on Friday."));
    say(clinic.james, withJames, QStringLiteral("My glucose reading this morning was 265 and I feel dizzy."),
        true);
    return true;
}

bool signIn(
    chat::MainWindow &window, const QUrl &server, const QString &username, const QString &shotPath = {})
{
    window.setServerUrl(server, true);
    window.show();
    window.requestSignIn();
    chat::SignInDialog *dialog = window.signInDialog();
    if (!dialog || !waitUntil([&] { return dialog->isVisible(); }))
        return false;
    field(dialog, QStringLiteral("Username"))->setText(username);
    field(dialog, QStringLiteral("Password"))->setText(test::RealtimeTestServer::kPassword);
    settle(200);
    if (!shotPath.isEmpty())
        dialog->grab().save(shotPath);
    field(dialog, QStringLiteral("Password"))->setFocus();
    emit dialog->signInRequested(server, username, test::RealtimeTestServer::kPassword);
    return waitUntil([&] { return window.session().isSignedIn() && window.session().isOnline(); })
        && waitUntil([&] { return window.conversationList()->model()->rowCount() > 0; });
}

bool openFirstConversation(chat::MainWindow &window, int row)
{
    window.conversationList()->setCurrentIndex(window.conversationList()->model()->index(row, 0));
    const bool loaded = waitUntil([&] { return window.session().messages()->rowCount() > 0; });
    settle(600);
    return loaded;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    QTextStream err(stderr);
    if (argc != 2) {
        err << "usage: vytalwatch-screenshots <output dir>" << Qt::endl;
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    QDir().mkpath(out.path());

    test::RealtimeTestServer server;
    Clinic clinic;
    if (!server.start() || !seed(server, clinic)) {
        err << "cannot start the demo server" << Qt::endl;
        return 1;
    }
    QTemporaryDir outboxes;
    const auto options = [&](const QString &who) {
        client::ChatSessionOptions o;
        o.outboxDirectory = outboxes.filePath(who);
        return o;
    };

    chat::MainWindow clinician(nullptr, options(QStringLiteral("house")));
    clinician.resize(1180, 720);
    if (!signIn(clinician, server.baseUrl(), QStringLiteral("dr.house"),
            out.filePath(QStringLiteral("sign-in.png")))
        || !openFirstConversation(clinician, 1)) {
        err << "the clinician window did not load" << Qt::endl;
        return 1;
    }
    clinician.grab().save(out.filePath(QStringLiteral("clinician.png")));

    chat::MainWindow patient(nullptr, options(QStringLiteral("maria")));
    patient.resize(980, 640);
    if (!signIn(patient, server.baseUrl(), QStringLiteral("maria.lopez"))
        || !openFirstConversation(patient, 0)) {
        err << "the patient window did not load" << Qt::endl;
        return 1;
    }
    patient.grab().save(out.filePath(QStringLiteral("patient.png")));

    QApplication::setPalette(darkPalette());
    settle(600);
    clinician.grab().save(out.filePath(QStringLiteral("clinician-dark.png")));
    QTextStream(stdout) << "screenshots written to " << out.path() << Qt::endl;
    return 0;
}
