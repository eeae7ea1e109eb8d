#include "server/core/threadname.h"

#include <pthread.h>

#include <cstring>

namespace vw::server {

void nameCurrentThread(const char *name)
{
    char truncated[16] = {};
    std::strncpy(truncated, name, sizeof(truncated) - 1);
    // Naming is a courtesy to whoever debugs: a failure changes nothing else.
    pthread_setname_np(pthread_self(), truncated);
}

} // namespace vw::server
