#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "qpdf_loader_impl.h"

static void *library;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    /* Debian 12's libqpdf29, or the libqpdf28 the package also accepts. */
    static const char *const names[] = {"libqpdf.so.29", "libqpdf.so.28", "libqpdf.so"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        void *handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (handle) {
            __atomic_store_n(&library, handle, __ATOMIC_RELEASE);
            return;
        }
        if (i == 0) {
            const char *why = dlerror();
            snprintf(failure, sizeof failure, "%s", why ? why : "libqpdf.so.29 was not found");
        }
    }
}

const char *bulletin_qpdf_load(void)
{
    pthread_once(&once, load);
    return __atomic_load_n(&library, __ATOMIC_ACQUIRE) ? NULL : failure;
}

static void *load_on_thread(void *unused)
{
    (void)unused;
    bulletin_qpdf_load();
    return NULL;
}

void bulletin_qpdf_load_ahead(void)
{
    static int started;
    if (__atomic_exchange_n(&started, 1, __ATOMIC_ACQ_REL)) return;
    pthread_t thread;
    if (pthread_create(&thread, NULL, load_on_thread, NULL) == 0) pthread_detach(thread);
}

int bulletin_qpdf_is_loaded(void)
{
    return __atomic_load_n(&library, __ATOMIC_ACQUIRE) != NULL;
}

void *bulletin_qpdf_symbol(const char *name)
{
    const char *problem = bulletin_qpdf_load();
    if (problem) {
        fprintf(stderr, "bulletin: libqpdf cannot be loaded: %s\n", problem);
        abort();
    }
    void *symbol = dlsym(library, name);
    if (!symbol) {
        fprintf(stderr, "bulletin: libqpdf has no function %s\n", name);
        abort();
    }
    return symbol;
}
