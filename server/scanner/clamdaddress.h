#pragma once

#include "common/core/result.h"

#include <QString>

namespace vw::server::scanner {

// Where clamd listens, as given to --clamd: `unix:/abs/path/clamd.ctl` or `tcp:HOST:PORT`
// (an IPv6 host in brackets: `tcp:[::1]:3310`). parse() fails with one sentence for the CLI.
struct ClamdAddress
{
    enum class Kind { Unix, Tcp };

    Kind kind = Kind::Unix;
    QString path; // Unix: the socket's absolute path
    QString host; // Tcp: a name or an address, IPv6 without brackets
    quint16 port = 0; // Tcp: 1..65535

    static Result<ClamdAddress, QString> parse(const QString &spec);
    // The spec parse() accepts, so toString() of a parsed address parses to the same address.
    QString toString() const;

    bool operator==(const ClamdAddress &other) const = default;
};

} // namespace vw::server::scanner
