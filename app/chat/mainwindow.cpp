#include "app/chat/mainwindow.h"

#include <QLabel>
#include <QStatusBar>

namespace vw::chat {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_status(new QLabel(this))
{
    setWindowTitle(tr("VytalWatch Messaging"));
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setAccessibleName(tr("Connection status"));
    setCentralWidget(m_status);
    resize(960, 640);
}

void MainWindow::setServerUrl(const QUrl &url, bool hostedHere)
{
    const QString address = url.toDisplayString();
    m_status->setText(hostedHere ? tr("This computer hosts the clinic server at %1.").arg(address)
                                 : tr("Server: %1").arg(address));
    statusBar()->showMessage(address);
}

} // namespace vw::chat
