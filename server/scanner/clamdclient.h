#pragma once

#include "common/core/result.h"
#include "server/scanner/clamdaddress.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace vw::server::scanner {

// What clamd said about a stream. `signature` is clamd's name for what it found, as clamd
// reports it (a local .hdb/.ndb signature carries clamd's ".UNOFFICIAL" suffix).
struct ScanVerdict
{
    bool infected = false;
    QString signature;
};

// Why a scan or a ping gave no verdict. `detail` is one sentence for the log; it names the
// address and sizes, never any of the content.
struct ScanError
{
    enum class Kind {
        Unreachable, // no connection, or clamd dropped it before answering
        Timeout, // the deadline passed before clamd answered
        Protocol, // an answer we do not understand, or the content could not be read
        TooLarge, // longer than clamd's StreamMaxLength
        ClamdError, // clamd answered "... ERROR" for another reason
    };
    Kind kind = Kind::Protocol;
    QString detail;
};

// A blocking client for one clamd: streams content over clamd's INSTREAM command and turns
// the reply into a verdict. Each call opens its own socket in the calling thread (so calls
// may run in worker threads, concurrently) and finishes within one overall deadline.
class ClamdClient
{
public:
    explicit ClamdClient(ClamdAddress address, int timeoutMs = 30000);

    // Scans `content` from its current position to its end.
    Result<ScanVerdict, ScanError> scan(QIODevice &content) const;
    Result<ScanVerdict, ScanError> scan(const QByteArray &content) const;

    // zPING -> PONG, for the start-up check.
    Status<ScanError> ping() const;

    const ClamdAddress &address() const;
    int timeoutMs() const;

private:
    ClamdAddress m_address;
    int m_timeoutMs;
};

} // namespace vw::server::scanner
