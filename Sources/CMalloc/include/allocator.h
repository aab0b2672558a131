#ifndef BULLETIN_ALLOCATOR_H
#define BULLETIN_ALLOCATOR_H

/* The process's memory allocator is jemalloc (linked by this target, so that its malloc and
   free are every library's: Pango, cairo, qpdf and the Swift runtime), but in a build made
   with BULLETIN_SYSTEM_MALLOC=1 (AddressSanitizer's), where it is glibc's. */

/* Returns what the heap holds freed to the system: memory drawing freed, before the finishing
   pass reads the file. */
void bulletin_return_free_memory(void);

/* Ends the process with `status` at once, its memory let go by a holder that outlives it, so
   that whoever waits for the process does not wait for the kernel to free its memory
   (Sources/CMalloc/process_end.c). Standard output and error are flushed first, and
   jemalloc's report printed when MALLOC_CONF asks for it; atexit handlers do not run. */
void bulletin_end_process(int status) __attribute__((noreturn));

#endif
