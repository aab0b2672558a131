#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include "library_loader.h"

const char *bulletin_library_load(bulletin_library *library)
{
    pthread_mutex_lock(&library->lock);
    if (!library->tried) {
        library->tried = 1;
        for (size_t i = 0; i < sizeof library->names / sizeof library->names[0] && library->names[i]; i++) {
            void *handle = dlopen(library->names[i], RTLD_NOW | RTLD_LOCAL);
            if (handle) {
                __atomic_store_n(&library->handle, handle, __ATOMIC_RELEASE);
                break;
            }
            if (i == 0) {
                const char *why = dlerror();
                snprintf(library->failure, sizeof library->failure, "%s", why ? why : "not found");
            }
        }
    }
    pthread_mutex_unlock(&library->lock);
    return __atomic_load_n(&library->handle, __ATOMIC_ACQUIRE) ? NULL : library->failure;
}

static void *load_on_thread(void *library)
{
    bulletin_library_load(library);
    return NULL;
}

void bulletin_library_load_ahead(bulletin_library *library)
{
    if (__atomic_exchange_n(&library->started, 1, __ATOMIC_ACQ_REL)) return;
    pthread_t thread;
    if (pthread_create(&thread, NULL, load_on_thread, library) == 0) pthread_detach(thread);
}

int bulletin_library_is_loaded(bulletin_library *library)
{
    return __atomic_load_n(&library->handle, __ATOMIC_ACQUIRE) != NULL;
}

void *bulletin_library_symbol(bulletin_library *library, const char *name)
{
    const char *problem = bulletin_library_load(library);
    if (problem) {
        fprintf(stderr, "bulletin: %s cannot be loaded: %s\n", library->what, problem);
        abort();
    }
    void *symbol = dlsym(library->handle, name);
    if (!symbol) {
        fprintf(stderr, "bulletin: %s has no function %s\n", library->what, name);
        abort();
    }
    return symbol;
}
