#include "server/scanner/clamdaddress.h"

#include <QFile>

namespace vw::server::scanner {

namespace {

// sockaddr_un.sun_path holds 108 bytes including the terminating NUL on Linux.
constexpr qsizetype kMaxUnixPathBytes = 107;

QString usage()
{
    return QStringLiteral("use unix:/path/to/clamd.ctl or tcp:HOST:PORT");
}

Result<ClamdAddress, QString> parseUnix(const QString &spec, const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral("the clamd address %1 has no socket path: %2").arg(spec, usage());
    if (!path.startsWith(QLatin1Char('/')))
        return QStringLiteral("the clamd socket path %1 must be absolute (start with /)").arg(path);
    if (QFile::encodeName(path).size() > kMaxUnixPathBytes)
        return QStringLiteral(
            "the clamd socket path %1 is longer than the %2 bytes a Unix socket address holds")
            .arg(path)
            .arg(kMaxUnixPathBytes);
    ClamdAddress address;
    address.kind = ClamdAddress::Kind::Unix;
    address.path = path;
    return address;
}

Result<ClamdAddress, QString> parseTcp(const QString &spec, const QString &rest)
{
    QString host;
    QString portText;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return QStringLiteral("the clamd address %1 has an unclosed [ around its IPv6 host").arg(spec);
        host = rest.mid(1, close - 1);
        if (rest.mid(close + 1, 1) != QLatin1String(":"))
            return QStringLiteral("the clamd address %1 needs :PORT after the ] of its IPv6 host").arg(spec);
        portText = rest.mid(close + 2);
    } else {
        const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
        if (colon < 0)
            return QStringLiteral("the clamd address %1 has no port: use tcp:HOST:PORT").arg(spec);
        host = rest.left(colon);
        portText = rest.mid(colon + 1);
        if (host.contains(QLatin1Char(':')))
            return QStringLiteral(
                "the clamd address %1 has an IPv6 host without brackets: write tcp:[ADDRESS]:PORT")
                .arg(spec);
    }
    if (host.isEmpty())
        return QStringLiteral("the clamd address %1 has no host: use tcp:HOST:PORT").arg(spec);
    for (const QChar c : std::as_const(host)) {
        if (c.isSpace() || c == QLatin1Char('/') || c == QLatin1Char('[') || c == QLatin1Char(']'))
            return QStringLiteral("the clamd address %1 has an invalid host %2").arg(spec, host);
    }
    // Digits only: toUInt() would also accept a sign or surrounding spaces.
    bool digitsOnly = !portText.isEmpty() && portText.size() <= 5;
    for (const QChar c : std::as_const(portText))
        digitsOnly = digitsOnly && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    const uint port = digitsOnly ? portText.toUInt() : 0;
    if (port < 1 || port > 65535)
        return QStringLiteral("the clamd port %1 in %2 is not a number from 1 to 65535").arg(portText, spec);

    ClamdAddress address;
    address.kind = ClamdAddress::Kind::Tcp;
    address.host = host;
    address.port = static_cast<quint16>(port);
    return address;
}

} // namespace

Result<ClamdAddress, QString> ClamdAddress::parse(const QString &spec)
{
    if (spec.isEmpty())
        return QStringLiteral("the clamd address is empty: %1").arg(usage());
    if (spec.startsWith(QLatin1String("unix:")))
        return parseUnix(spec, spec.mid(5));
    if (spec.startsWith(QLatin1String("tcp:")))
        return parseTcp(spec, spec.mid(4));
    return QStringLiteral("the clamd address %1 is not understood: %2").arg(spec, usage());
}

QString ClamdAddress::toString() const
{
    if (kind == Kind::Unix)
        return QStringLiteral("unix:") + path;
    if (host.contains(QLatin1Char(':')))
        return QStringLiteral("tcp:[%1]:%2").arg(host).arg(port);
    return QStringLiteral("tcp:%1:%2").arg(host).arg(port);
}

} // namespace vw::server::scanner
