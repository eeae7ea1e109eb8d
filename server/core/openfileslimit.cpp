#include "server/core/openfileslimit.h"

#include <sys/resource.h>

namespace vw::server {

quint64 raiseOpenFilesLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    // An unlimited hard limit still stops at the kernel's fs.nr_open (1,048,576 by default).
    constexpr rlim_t kNrOpenDefault = 1048576;
    for (const rlim_t wanted : {limit.rlim_max, kNrOpenDefault}) {
        if (wanted <= limit.rlim_cur || wanted > limit.rlim_max)
            continue;
        rlimit raised = limit;
        raised.rlim_cur = wanted;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            limit = raised;
            break;
        }
    }
    return static_cast<quint64>(limit.rlim_cur);
}

} // namespace vw::server
