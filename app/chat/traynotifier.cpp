#include "app/chat/traynotifier.h"

#include <QSystemTrayIcon>

namespace vw::chat {

TrayNotifier::TrayNotifier(const QIcon &icon, QObject *parent) : QObject(parent)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(icon, this);
    m_tray->setToolTip(toolTip(0));
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_lastConversation.isNull())
            emit conversationRequested(m_lastConversation);
        emit windowRequested();
    });
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            emit windowRequested();
    });
    m_tray->show();
}

TrayNotifier::~TrayNotifier() = default;

bool TrayNotifier::isAvailable() const
{
    return m_tray != nullptr;
}

void TrayNotifier::setUnreadTotal(int total)
{
    m_unreadTotal = total;
    if (m_tray)
        m_tray->setToolTip(toolTip(total));
}

void TrayNotifier::notifyNewMessage(const QUuid &conversationId, const QString &senderName, bool urgent)
{
    m_lastConversation = conversationId;
    if (!m_tray || !QSystemTrayIcon::supportsMessages())
        return;
    m_tray->showMessage(notificationTitle(urgent), notificationBody(senderName, urgent),
        urgent ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
}

QString TrayNotifier::notificationTitle(bool urgent)
{
    return urgent ? tr("VytalWatch: urgent message") : tr("VytalWatch");
}

QString TrayNotifier::notificationBody(const QString &senderName, bool urgent)
{
    return urgent ? tr("Urgent message from %1").arg(senderName) : tr("New message from %1").arg(senderName);
}

QString TrayNotifier::toolTip(int unreadTotal)
{
    if (unreadTotal <= 0)
        return tr("VytalWatch Messaging");
    return tr("VytalWatch Messaging: %n unread", nullptr, unreadTotal);
}

} // namespace vw::chat
