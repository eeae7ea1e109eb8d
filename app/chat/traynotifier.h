#pragma once

#include <QIcon>
#include <QObject>
#include <QString>
#include <QUuid>

class QSystemTrayIcon;

namespace vw::chat {

// The system tray icon and desktop notifications. A notification names the sender only
// ("New message from Dr. House"): a lock screen or a shared monitor must not show health
// information, so the message itself is never passed in. The tooltip carries the unread
// total; clicking the notification or the icon asks to show that conversation.
class TrayNotifier : public QObject
{
    Q_OBJECT
public:
    explicit TrayNotifier(const QIcon &icon, QObject *parent = nullptr);
    ~TrayNotifier() override;

    // False on desktops without a tray; notifications are then skipped.
    bool isAvailable() const;
    void setUnreadTotal(int total);
    int unreadTotal() const { return m_unreadTotal; }
    // Shows "New message from <sender>" (urgent: "Urgent message from <sender>").
    void notifyNewMessage(const QUuid &conversationId, const QString &senderName, bool urgent);

    // The texts, separate from showing them so they can be checked.
    static QString notificationTitle(bool urgent);
    static QString notificationBody(const QString &senderName, bool urgent);
    static QString toolTip(int unreadTotal);

signals:
    void conversationRequested(const QUuid &conversationId);
    void windowRequested();

private:
    QSystemTrayIcon *m_tray = nullptr;
    QUuid m_lastConversation;
    int m_unreadTotal = 0;
};

} // namespace vw::chat
