#ifndef BULLETIN_ALLOCATOR_H
#define BULLETIN_ALLOCATOR_H

/* The process's memory allocator is jemalloc (linked by this target, so that its malloc and
   free are every library's: Pango, cairo, qpdf and the Swift runtime), but in a build made
   with BULLETIN_SYSTEM_MALLOC=1 (AddressSanitizer's), where it is glibc's. */

/* Returns what the heap holds freed to the system: memory drawing freed, before the finishing
   pass reads the file. */
void bulletin_return_free_memory(void);

#endif
