/* The end of a process whose memory is let go by a process of its own.

   The kernel frees a process's memory as its last thread exits, before the shell (or the
   script) that waits for it hears of the exit: for `bulletin make` on the sample issue about
   45 MB of heap, 5 ms of the run (on this machine about 0.1 ms a megabyte, the same for any
   program: a C program that touched 45 MB took as long to end). The linker mold hides the
   same cost the same way.

   So a build that has written its output and reported ends here: a holder is started that
   shares the memory (clone with CLONE_VM, a process of its own, not a thread); the process
   exits at once (_exit: the output is written and flushed, and the work atexit handlers do
   is work the exit makes pointless); the last reference to the memory is then the holder's,
   which lets it go as soon as the process is gone, while the waiting shell goes on.

   The holder runs on the process's own memory and thread state, so it makes raw system calls
   and nothing else: it closes every file it shares but the read end of a pipe (so that no
   reader of the process's output waits for it), and reads that pipe until its other end,
   which only the process holds, closes as the process exits. Where it cannot start (clone
   refused, or under valgrind, which cannot run a process sharing memory that is not a
   thread), the process simply exits. */

#define _GNU_SOURCE
#include "allocator.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifndef BULLETIN_SYSTEM_MALLOC
#include <jemalloc/jemalloc.h>
#endif

static char holder_stack[64 * 1024] __attribute__((aligned(64)));
/* The pipe's ends, set before the holder starts. */
static int holder_pipe[2];

static int hold(void *argument)
{
    (void)argument;
    int pipe_end = holder_pipe[0];
    /* Its copy of the write end first, by its number: without it, the read below could never
       end. Then the rest at once (close_range, Linux 5.9); where that is refused, the copies
       of the other files stay open until the holder ends, just after the process. */
    syscall(SYS_close, holder_pipe[1]);
    if (pipe_end > 0) syscall(SYS_close_range, 0U, (unsigned)pipe_end - 1, 0U);
    syscall(SYS_close_range, (unsigned)pipe_end + 1, ~0U, 0U);
    char byte;
    while (syscall(SYS_read, pipe_end, &byte, 1) > 0) {}
    syscall(SYS_exit, 0);
    return 0;
}

void bulletin_end_process(int status)
{
#ifndef BULLETIN_SYSTEM_MALLOC
    /* jemalloc's report, asked for with MALLOC_CONF=stats_print:true, is printed by an atexit
       handler: printed here instead. */
    bool report = false;
    size_t length = sizeof report;
    if (mallctl("opt.stats_print", &report, &length, NULL, 0) == 0 && report) malloc_stats_print(NULL, NULL, NULL);
#endif
    fflush(NULL);
    const char *preload = getenv("LD_PRELOAD");
    if (!(preload && strstr(preload, "vgpreload")) && pipe(holder_pipe) == 0) {
        if (clone(hold, holder_stack + sizeof holder_stack, CLONE_VM, NULL) == -1) {
            close(holder_pipe[0]);
            close(holder_pipe[1]);
        }
    }
    _exit(status);
}
