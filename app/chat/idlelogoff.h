#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace vw::chat {

// HIPAA's automatic logoff: watches the user's keyboard, mouse and touch input anywhere in
// the application and emits `idleTimeout()` once nothing happened for the configured time
// (15 minutes by default), so the window can sign out and clear the screen. Input is seen
// through an application-wide event filter; timers and network traffic do not count.
class IdleLogoff : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultMinutes = 15;
    // The QSettings key of the configured minutes (0 turns automatic logoff off).
    static inline const QString kSettingsKey = QStringLiteral("security/idleLogoffMinutes");

    explicit IdleLogoff(QObject *parent = nullptr);
    ~IdleLogoff() override;

    // Starts watching with the given limit; 0 or less turns it off.
    void start(int timeoutMs);
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    int timeoutMs() const { return m_timeoutMs; }
    // Milliseconds since the last input while running.
    qint64 idleMs() const { return m_sinceInput.elapsed(); }

    // The configured limit from QSettings, in milliseconds (15 minutes unless set).
    static int configuredTimeoutMs();

signals:
    void idleTimeout();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check();

    QTimer m_timer;
    QElapsedTimer m_sinceInput;
    int m_timeoutMs = 0;
};

} // namespace vw::chat
