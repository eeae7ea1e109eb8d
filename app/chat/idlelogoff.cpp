#include "app/chat/idlelogoff.h"

#include <QCoreApplication>
#include <QEvent>
#include <QSettings>

namespace vw::chat {

namespace {

bool isUserInput(QEvent::Type type)
{
    switch (type) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TabletPress:
        return true;
    default:
        return false;
    }
}

} // namespace

IdleLogoff::IdleLogoff(QObject *parent) : QObject(parent)
{
    connect(&m_timer, &QTimer::timeout, this, &IdleLogoff::check);
}

IdleLogoff::~IdleLogoff()
{
    stop();
}

void IdleLogoff::start(int timeoutMs)
{
    stop();
    if (timeoutMs <= 0)
        return;
    m_timeoutMs = timeoutMs;
    m_sinceInput.start();
    // Checked often enough to log off within a few percent of the limit, without waking
    // the machine every few milliseconds for a 15-minute limit.
    m_timer.start(qBound(10, timeoutMs / 20, 5000));
    QCoreApplication::instance()->installEventFilter(this);
}

void IdleLogoff::stop()
{
    m_timer.stop();
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

int IdleLogoff::configuredTimeoutMs()
{
    const int minutes = QSettings().value(kSettingsKey, kDefaultMinutes).toInt();
    return minutes <= 0 ? 0 : minutes * 60 * 1000;
}

bool IdleLogoff::eventFilter(QObject *watched, QEvent *event)
{
    if (isUserInput(event->type()))
        m_sinceInput.restart();
    return QObject::eventFilter(watched, event);
}

void IdleLogoff::check()
{
    if (m_sinceInput.elapsed() < m_timeoutMs)
        return;
    stop();
    emit idleTimeout();
}

} // namespace vw::chat
