#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "library_loader.h"

/* Loads the library; the caller holds its lock. */
static void load_locked(bulletin_library *library)
{
    if (library->tried) return;
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

const char *bulletin_library_load(bulletin_library *library)
{
    pthread_mutex_lock(&library->lock);
    load_locked(library);
    pthread_mutex_unlock(&library->lock);
    return __atomic_load_n(&library->handle, __ATOMIC_ACQUIRE) ? NULL : library->failure;
}

/* The libraries being loaded ahead, for the process's end: a process that ends (an input error
   found at once) while another thread is inside dlopen has the loader run a library's
   constructors as the process's destructors run, and GLib's type system aborts the process
   ("cannot register existing fundamental type"). So the end waits for a load under way, and a
   load not begun yet is not begun. */
static pthread_mutex_t ahead_lock = PTHREAD_MUTEX_INITIALIZER;
static bulletin_library *ahead[8];
static int ahead_count;
static int ending;

static void finish_loads_ahead(void)
{
    pthread_mutex_lock(&ahead_lock);
    ending = 1;
    int count = ahead_count;
    pthread_mutex_unlock(&ahead_lock);
    for (int i = 0; i < count; i++) {
        pthread_mutex_lock(&ahead[i]->lock);
        pthread_mutex_unlock(&ahead[i]->lock);
    }
}

static void register_end(void)
{
    atexit(finish_loads_ahead);
}

static void *load_on_thread(void *argument)
{
    bulletin_library *library = argument;
    pthread_mutex_lock(&library->lock);
    pthread_mutex_lock(&ahead_lock);
    int end = ending;
    pthread_mutex_unlock(&ahead_lock);
    if (!end) load_locked(library);
    pthread_mutex_unlock(&library->lock);
    return NULL;
}

void bulletin_library_load_ahead(bulletin_library *library)
{
    if (__atomic_exchange_n(&library->started, 1, __ATOMIC_ACQ_REL)) return;
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, register_end);
    pthread_mutex_lock(&ahead_lock);
    if (ahead_count < (int)(sizeof ahead / sizeof ahead[0])) ahead[ahead_count++] = library;
    pthread_mutex_unlock(&ahead_lock);
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

/* The address ranges of the libraries asked about, found once each (dladdr looks up the
   nearest symbol too, about 80,000 instructions in libqpdf's table, for each call). An entry
   is written whole before the count that shows it (entries never change after), so that a
   lookup of one found reads without the lock. A library not loaded yet is looked for again at
   the next call; those asked about stay loaded. */
struct library_range {
    char name[32];
    uintptr_t start, end;
};
static struct library_range ranges[8];
static int range_count;
static pthread_mutex_t ranges_lock = PTHREAD_MUTEX_INITIALIZER;

struct range_search {
    const char *name;
    uintptr_t start, end;
};

static int find_range(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    struct range_search *search = data;
    const char *slash = info->dlpi_name ? strrchr(info->dlpi_name, '/') : NULL;
    const char *file = slash ? slash + 1 : info->dlpi_name;
    if (!file || strncmp(file, search->name, strlen(search->name)) != 0) return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD) continue;
        uintptr_t start = info->dlpi_addr + segment->p_vaddr, end = start + segment->p_memsz;
        if (search->end == 0 || start < search->start) search->start = start;
        if (end > search->end) search->end = end;
    }
    return search->end != 0;
}

/* The entry for `name` among the first `count`, or -1. */
static int range_index(const char *name, int count)
{
    for (int i = 0; i < count; i++) {
        if (strcmp(ranges[i].name, name) == 0) return i;
    }
    return -1;
}

int bulletin_address_in_library(const void *address, const char *name)
{
    uintptr_t at = (uintptr_t)address;
    int index = range_index(name, __atomic_load_n(&range_count, __ATOMIC_ACQUIRE));
    if (index < 0) {
        pthread_mutex_lock(&ranges_lock);
        index = range_index(name, range_count);
        if (index < 0) {
            struct range_search search = {name, 0, 0};
            dl_iterate_phdr(find_range, &search);
            if (search.end != 0 && range_count < (int)(sizeof ranges / sizeof ranges[0]) && strlen(name) < sizeof ranges[0].name) {
                strcpy(ranges[range_count].name, name);
                ranges[range_count].start = search.start;
                ranges[range_count].end = search.end;
                index = range_count;
                __atomic_store_n(&range_count, range_count + 1, __ATOMIC_RELEASE);
            } else {
                pthread_mutex_unlock(&ranges_lock);
                return search.end != 0 && at >= search.start && at < search.end;
            }
        }
        pthread_mutex_unlock(&ranges_lock);
    }
    return at >= ranges[index].start && at < ranges[index].end;
}

void *bulletin_next_definition(void **slot, const char *name)
{
    void *found = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (!found) {
        found = dlsym(RTLD_NEXT, name);
        __atomic_store_n(slot, found, __ATOMIC_RELEASE);
    }
    return found;
}
