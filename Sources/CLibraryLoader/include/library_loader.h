#ifndef BULLETIN_LIBRARY_LOADER_H
#define BULLETIN_LIBRARY_LOADER_H

#include <pthread.h>

/* A shared library bulletin loads with dlopen when it is first needed, or ahead on a thread of
   its own, rather than linking it: a linked library is loaded and relocated before main, on
   every start, whether the run needs it or not. */
typedef struct bulletin_library {
    /* What messages call it ("libqpdf"), and the file names tried in order, NULL after the last. */
    const char *what;
    const char *names[4];
    pthread_mutex_t lock;
    int tried;
    int started;
    void *handle;
    char failure[512];
} bulletin_library;

#define BULLETIN_LIBRARY(what, ...) { what, { __VA_ARGS__, NULL }, PTHREAD_MUTEX_INITIALIZER, 0, 0, NULL, "" }

/* Loads the library if it is not loaded; NULL once it is, else what went wrong (with the
   first name tried). */
const char *bulletin_library_load(bulletin_library *library);

/* Starts loading the library on a thread of its own, once per process. The process waits for
   the load at its end if it is under way, and does not begin it if it is not yet. */
void bulletin_library_load_ahead(bulletin_library *library);

/* Whether the library is loaded: for tests. */
int bulletin_library_is_loaded(bulletin_library *library);

/* The library's function `name`, loading the library first; ends the process with a message if
   it cannot (bulletin_library_load, called first, tells that as an error instead). */
void *bulletin_library_symbol(bulletin_library *library, const char *name);

/* Whether `address` (a function's return address, say) is in the shared library whose file
   name begins with `name` ("libcairo.so"): for the functions bulletin defines ahead of a
   library's, which treat one caller's calls apart. */
int bulletin_address_in_library(const void *address, const char *name);

/* The library's definition of `name` that the program's own, defined ahead of it, stands in
   front of (dlsym RTLD_NEXT), looked up once into `slot` (any thread may ask). */
void *bulletin_next_definition(void **slot, const char *name);

#endif
