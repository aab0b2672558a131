#include "process_testing.h"

#include <sys/prctl.h>

int bulletin_test_reap_orphans(int on)
{
    return prctl(PR_SET_CHILD_SUBREAPER, on ? 1UL : 0UL, 0UL, 0UL, 0UL);
}
