#pragma once

#include <QMainWindow>
#include <QUrl>

class QLabel;

namespace vw::chat {

// The main window. For now it shows which server the app talks to; the conversation
// list and chat view arrive with the desktop-app issue.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    void setServerUrl(const QUrl &url, bool hostedHere);

private:
    QLabel *m_status = nullptr;
};

} // namespace vw::chat
