#include "app/chat/traynotifier.h"

#include <QTest>

using vw::chat::TrayNotifier;

// Notifications never carry health information: only who wrote, and whether it is urgent.
class TestTrayNotifier : public QObject
{
    Q_OBJECT
private slots:
    void textsNameOnlyTheSender()
    {
        QCOMPARE(TrayNotifier::notificationBody(QStringLiteral("Dr. House"), false),
            QStringLiteral("New message from Dr. House"));
        QCOMPARE(TrayNotifier::notificationBody(QStringLiteral("Maria Lopez"), true),
            QStringLiteral("Urgent message from Maria Lopez"));
        QVERIFY(TrayNotifier::notificationTitle(true).contains(QStringLiteral("urgent")));
    }

    void toolTipCountsUnread()
    {
        QCOMPARE(TrayNotifier::toolTip(0), QStringLiteral("VytalWatch Messaging"));
        QVERIFY(TrayNotifier::toolTip(3).contains(QStringLiteral("3")));
    }

    void worksWithoutATray()
    {
        // The offscreen platform has no system tray: nothing may break.
        TrayNotifier tray {QIcon()};
        tray.setUnreadTotal(2);
        QCOMPARE(tray.unreadTotal(), 2);
        tray.notifyNewMessage(QUuid::createUuid(), QStringLiteral("Dr. House"), false);
    }
};

QTEST_MAIN(TestTrayNotifier)
#include "tst_traynotifier.moc"
