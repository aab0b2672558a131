/* Pango 1.50 matches each new font list (a family list, style, size and language) with
   fontconfig on two threads it starts for it: "[pango] FcFontSetMatch" finds the list's first
   font, which the asking thread waits for at once, and "[pango] FcFontSetSort" sorts every
   installed font for the fonts that follow, which are needed only for characters the first
   font lacks. A newsletter asks for some sixty lists: a hundred and twenty threads, each made,
   scheduled and ended for 0.1-0.2 ms of work on a machine of two cores, whose other core is
   busy with the pictures and hyphenation patterns.

   This file defines g_thread_new in the program, ahead of GLib's. The match runs in place, as
   the function call it stands for, on the thread that asked and would wait for it. Every other
   thread is GLib's. Pango 1.51 and later match on one long-lived thread of another name, which
   this leaves alone.

   A sort is kept until a thread needs it: most lists never do (a Latin story's every letter is
   in its first font), and with 1,900 fonts installed a build's sorts took 80 ms of processor
   time, most of them for nothing. A thread that needs a list's later fonts waits for the sort
   on the list's condition (g_cond_wait, in pango_fc_patterns_get_font_pattern); this file
   defines g_cond_wait too, and a thread that waits on the condition of a kept sort runs that
   sort itself, in place of waiting, then returns as a wait may (Pango checks again and finds
   the sorted fonts). The list's condition is found in the sort's data as Pango 1.50 lays it
   out (pangofc-fontmap.c: ThreadData and PangoFcPatterns, mirrored below); a sort whose data
   does not read so (its pattern is not its list's) goes to one sorting thread of ours, in the
   order asked, as every sort did before. A kept sort that no thread needs is never run: its
   data (a copy of the font list, and references to the font map and the list) is held to the
   end, so a helper thread's font map is not let go either (about 2 MB more at 200 pages). The fonts chosen are the same, and the
   PDFs are the same, byte for byte (README, "Speed"). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "fontset_matching.h"
#include "library_loader.h"

/* GLib's declarations, as glib.h makes them. */
typedef struct _GThread GThread;
typedef void *(*GThreadFunc)(void *data);
GThread *g_thread_self(void);
GThread *g_thread_ref(GThread *thread);

static int taken_over = 1;
static unsigned long matched_in_place, sorts_queued, sorts_done;

void bulletin_fontset_matching_taken_over(int on) { __atomic_store_n(&taken_over, on, __ATOMIC_RELAXED); }

unsigned long bulletin_fontset_matchings_in_place(void) { return __atomic_load_n(&matched_in_place, __ATOMIC_RELAXED); }

unsigned long bulletin_fontset_sorts_queued(void) { return __atomic_load_n(&sorts_queued, __ATOMIC_RELAXED); }

unsigned long bulletin_fontset_sorts_done(void) { return __atomic_load_n(&sorts_done, __ATOMIC_ACQUIRE); }

/* A sort waiting for the sorting thread (`first`, first asked first), or kept until a thread
   needs it (`kept`). */
typedef struct Sort {
    GThreadFunc work;
    void *data;
    /* The mutex and condition of the font list the sort is for, where they are known: a thread
       that waits on them waits for this sort. */
    void *mutex, *cond;
    struct Sort *next;
} Sort;
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_filled = PTHREAD_COND_INITIALIZER;
static Sort *first, *last;
static int sorting_thread_started;
/* The sorts kept until a thread needs them, the last kept first. */
static Sort *kept;
static unsigned long kept_count, sorts_run_when_needed;
static int keeping = 1;

void bulletin_fontset_keep_sorts(int on) { __atomic_store_n(&keeping, on, __ATOMIC_RELAXED); }

unsigned long bulletin_fontset_sorts_kept(void) { return __atomic_load_n(&kept_count, __ATOMIC_ACQUIRE); }

unsigned long bulletin_fontset_sorts_run_when_needed(void) { return __atomic_load_n(&sorts_run_when_needed, __ATOMIC_ACQUIRE); }

static void *sort_in_turn(void *unused)
{
    (void)unused;
    for (;;) {
        pthread_mutex_lock(&queue_lock);
        while (!first) pthread_cond_wait(&queue_filled, &queue_lock);
        Sort *sort = first;
        first = sort->next;
        if (!first) last = NULL;
        pthread_mutex_unlock(&queue_lock);
        sort->work(sort->data);
        free(sort);
        __atomic_add_fetch(&sorts_done, 1, __ATOMIC_RELEASE);
    }
    return NULL;
}

/* Queues a sort; false if it cannot be (no memory, no thread), for the caller to run it. */
static int queue_sort(GThreadFunc work, void *data)
{
    Sort *sort = malloc(sizeof *sort);
    if (!sort) return 0;
    *sort = (Sort){ work, data, NULL, NULL, NULL };
    pthread_mutex_lock(&queue_lock);
    if (!sorting_thread_started) {
        pthread_t thread;
        if (pthread_create(&thread, NULL, sort_in_turn, NULL) != 0) {
            pthread_mutex_unlock(&queue_lock);
            free(sort);
            return 0;
        }
        pthread_detach(thread);
        sorting_thread_started = 1;
    }
    if (last) last->next = sort; else first = sort;
    last = sort;
    pthread_cond_signal(&queue_filled);
    pthread_mutex_unlock(&queue_lock);
    return 1;
}

/* Pango 1.50's data for a sort, as pangofc-fontmap.c declares it: the font list's patterns hold
   the mutex and condition a thread that needs the sort waits on. */
typedef union { void *p; unsigned i[2]; } MirrorMutex;
typedef struct { void *p; unsigned i[2]; } MirrorCond;
typedef struct {
    void *fontmap;
    MirrorMutex mutex;
    MirrorCond cond;
    FcPattern *pattern, *match;
    FcFontSet *fontset;
} MirrorPatterns;
typedef struct {
    FcConfig *config;
    FcFontSet *fonts;
    FcPattern *pattern;
    MirrorPatterns *patterns;
} MirrorThreadData;

/* Keeps a sort until a thread waits for it; false if its data does not read as Pango 1.50's
   (the sort then goes to the sorting thread). */
static int keep_sort(GThreadFunc work, void *data)
{
    MirrorThreadData *td = data;
    if (!td || !td->patterns || !td->pattern || !td->patterns->pattern || td->patterns->fontset) return 0;
    if (!FcPatternEqual(td->pattern, td->patterns->pattern)) return 0;
    Sort *sort = malloc(sizeof *sort);
    if (!sort) return 0;
    *sort = (Sort){ work, data, &td->patterns->mutex, &td->patterns->cond, NULL };
    pthread_mutex_lock(&queue_lock);
    sort->next = kept;
    kept = sort;
    __atomic_add_fetch(&kept_count, 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&queue_lock);
    return 1;
}

typedef struct _GCond GCond;
typedef struct _GMutex GMutex;
void g_mutex_lock(GMutex *mutex);
void g_mutex_unlock(GMutex *mutex);

/* A wait on the condition of a kept sort runs the sort, with the mutex let go as a wait lets it
   go, and returns; any other wait is GLib's. */
void g_cond_wait(GCond *cond, GMutex *mutex)
{
    static void *glib_cond_wait;
    if (__atomic_load_n(&kept_count, __ATOMIC_ACQUIRE) > 0) {
        Sort *found = NULL;
        pthread_mutex_lock(&queue_lock);
        for (Sort **link = &kept; *link; link = &(*link)->next) {
            if ((*link)->mutex == (void *)mutex && (*link)->cond == (void *)cond) {
                found = *link;
                *link = found->next;
                __atomic_sub_fetch(&kept_count, 1, __ATOMIC_RELEASE);
                break;
            }
        }
        pthread_mutex_unlock(&queue_lock);
        if (found) {
            g_mutex_unlock(mutex);
            found->work(found->data);
            free(found);
            __atomic_add_fetch(&sorts_run_when_needed, 1, __ATOMIC_RELEASE);
            g_mutex_lock(mutex);
            return;
        }
    }
    ((void (*)(GCond *, GMutex *))bulletin_next_definition(&glib_cond_wait, "g_cond_wait"))(cond, mutex);
}

GThread *g_thread_new(const char *name, GThreadFunc func, void *data)
{
    static void *glib_thread_new;
    if (name && __atomic_load_n(&taken_over, __ATOMIC_RELAXED)) {
        int match = strcmp(name, "[pango] FcFontSetMatch") == 0, sort = !match && strcmp(name, "[pango] FcFontSetSort") == 0;
        if (match || sort) {
            if (sort && ((__atomic_load_n(&keeping, __ATOMIC_RELAXED) && keep_sort(func, data)) || queue_sort(func, data))) {
                __atomic_add_fetch(&sorts_queued, 1, __ATOMIC_RELAXED);
            } else {
                func(data);
                if (match) __atomic_add_fetch(&matched_in_place, 1, __ATOMIC_RELAXED);
            }
            /* Pango lets go of the thread it is given at once (g_thread_unref). */
            return g_thread_ref(g_thread_self());
        }
    }
    return ((GThread *(*)(const char *, GThreadFunc, void *))bulletin_next_definition(&glib_thread_new, "g_thread_new"))(name, func, data);
}
