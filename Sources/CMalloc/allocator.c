#include <malloc.h>
#include <stddef.h>
#include "allocator.h"

#ifndef BULLETIN_SYSTEM_MALLOC
/* jemalloc's interface, as its header declares it (the header is not needed for one function). */
int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);

/* Read by jemalloc as it starts (before main). One arena: the threads of a build mostly take
   turns (the second preparing thread, the pages compressed ahead, the runs made ahead), and
   each arena more held its own freed memory: at 200 pages the default four arenas a core
   peaked 10-15 MB higher. Freed pages go back to the system after a second (the default is
   ten) so that what composing freed does not sit beside what drawing takes. */
const char *malloc_conf = "narenas:1,dirty_decay_ms:1000,muzzy_decay_ms:0";
#endif

void bulletin_return_free_memory(void)
{
#ifndef BULLETIN_SYSTEM_MALLOC
    /* 4096 is MALLCTL_ARENAS_ALL: every arena. */
    mallctl("arena.4096.purge", NULL, NULL, NULL, 0);
#endif
    /* glibc's heap (all of it with BULLETIN_SYSTEM_MALLOC, else what was allocated before
       jemalloc was: nothing, usually). */
    malloc_trim(0);
}
