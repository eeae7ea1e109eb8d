#include "app/chat/idlelogoff.h"

#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using vw::chat::IdleLogoff;

// Automatic logoff: fires after the limit without input, is pushed back by keyboard and
// mouse input anywhere in the app, and can be turned off.
class TestIdleLogoff : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // settings of its own

    void firesWhenIdle()
    {
        IdleLogoff idle;
        QSignalSpy timedOut(&idle, &IdleLogoff::idleTimeout);
        idle.start(200);
        QVERIFY(timedOut.wait(2000));
        QVERIFY(idle.idleMs() >= 200);
        QVERIFY(!idle.isRunning()); // once, until started again
    }

    void inputPostponesIt()
    {
        QLineEdit field;
        field.show();
        QVERIFY(QTest::qWaitForWindowExposed(&field));
        IdleLogoff idle;
        QSignalSpy timedOut(&idle, &IdleLogoff::idleTimeout);
        idle.start(400);
        for (int i = 0; i < 6; ++i) { // 6 x 150 ms of typing: well past the limit in all
            QTest::qWait(150);
            QTest::keyClick(&field, Qt::Key_A);
        }
        QCOMPARE(timedOut.size(), 0);
        QTest::mouseMove(&field, QPoint(5, 5));
        QVERIFY(timedOut.wait(2000)); // and once input stops, it comes
    }

    void zeroTurnsItOff()
    {
        IdleLogoff idle;
        QSignalSpy timedOut(&idle, &IdleLogoff::idleTimeout);
        idle.start(0);
        QVERIFY(!idle.isRunning());
        QTest::qWait(100);
        QCOMPARE(timedOut.size(), 0);
    }

    void configuredFromSettings()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("VytalWatchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_idlelogoff"));
        QSettings settings;
        settings.remove(IdleLogoff::kSettingsKey);
        QCOMPARE(IdleLogoff::configuredTimeoutMs(), 15 * 60 * 1000);
        settings.setValue(IdleLogoff::kSettingsKey, 5);
        QCOMPARE(IdleLogoff::configuredTimeoutMs(), 5 * 60 * 1000);
        settings.setValue(IdleLogoff::kSettingsKey, 0);
        QCOMPARE(IdleLogoff::configuredTimeoutMs(), 0);
        settings.remove(IdleLogoff::kSettingsKey);
    }
};

QTEST_MAIN(TestIdleLogoff)
#include "tst_idlelogoff.moc"
