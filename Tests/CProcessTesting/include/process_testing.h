#ifndef BULLETIN_PROCESS_TESTING_H
#define BULLETIN_PROCESS_TESTING_H

/* Makes this process (1) or no longer (0) the reaper of its descendants' orphans
   (prctl PR_SET_CHILD_SUBREAPER): a test sees the processes a child leaves behind. 0 if done. */
int bulletin_test_reap_orphans(int on);

#endif
