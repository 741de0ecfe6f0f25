// lowerCurrentThreadPriority(): nice +10 for the calling thread alone (Linux), once.
#include "base/threadpriority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace ringshare {

void lowerCurrentThreadPriority() {
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    // On Linux the nice value belongs to the thread (the task), not the whole process.
    const auto thread = id_t(::syscall(SYS_gettid));
    const int current = ::getpriority(PRIO_PROCESS, thread);
    ::setpriority(PRIO_PROCESS, thread, current + 10 > 19 ? 19 : current + 10);
}

} // namespace ringshare
