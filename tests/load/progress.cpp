#include "tests/load/progress.h"

#include <cstdio>

namespace vw::load {

void progress(const QString &line)
{
    const QByteArray text = QStringLiteral("vytalwatch-loadgen: %1\n").arg(line).toLocal8Bit();
    std::fwrite(text.constData(), 1, std::size_t(text.size()), stderr);
    std::fflush(stderr);
}

} // namespace vw::load
