#pragma once

#include "tests/load/errortally.h"
#include "tests/load/socketfactory.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

namespace vw::load {

class LoadSocket;

// A socket of the fleet: its global number (source address) and whose token it uses.
struct IdleSocketPlan
{
    int socketIndex = 0;
    QString token;
};

// Many authenticated sockets that only keep their connection alive, like the devices of
// clinic users who are signed in but quiet. Connects at most `concurrency` at a time so the
// server's accept queue is not flooded.
class SocketFleet : public QObject
{
    Q_OBJECT
public:
    SocketFleet(QList<IdleSocketPlan> plans, QUrl serverUrl, SocketFactory makeSocket, int concurrency,
        QObject *parent = nullptr);

    // settled() follows once every socket connected or failed.
    void connectAll();
    int connectedCount() const { return m_connected; }
    int failedCount() const { return m_failed; }
    // Connect failures by reason and drops after connecting ("disconnect").
    const ErrorTally &errors() const { return m_errors; }
    void closeAll();

signals:
    void settled();

private:
    void pump();
    void startNext();
    void onOutcome();

    QList<IdleSocketPlan> m_plans;
    QUrl m_serverUrl;
    SocketFactory m_makeSocket;
    int m_concurrency;
    QList<LoadSocket *> m_sockets; // children of this
    qsizetype m_nextPlan = 0;
    int m_inFlight = 0;
    int m_connected = 0;
    int m_failed = 0;
    bool m_pumping = false;
    bool m_settled = false;
    ErrorTally m_errors;
};

} // namespace vw::load
