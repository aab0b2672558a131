/* Before Pango matches a new font list, fontconfig edits the list's pattern by every rule of
   the configuration (FcConfigSubstitute): Debian's conf.d has hundreds, each tried on each of
   the seven or eight families a bulletin list names, about 200 microseconds a list. A build
   asks for the same lists in more than one Pango font map: the composing thread's and the
   helper thread's, each SVG drawing's. The sample issue asked for 64 lists, 18 of them a
   second time; the Chinese-titled test issue 66, 18 again.

   This file defines FcConfigSubstitute in the program, ahead of fontconfig's. It keeps
   fontconfig's answer for each pattern it was asked for, in one configuration at a time (held,
   so that no other can take its memory), and gives an equal pattern that answer again: the
   pattern asked is emptied and given the answer's values, with their bindings, in their order.
   Only the pattern edits (FcMatchPattern, as Pango asks) of a named configuration are kept,
   and only answers whose values are bound strongly or weakly (a value bound "same" cannot be
   added again through fontconfig's functions). fontconfig's own calls within the library do
   not come through here. The fonts chosen are the same, and the PDFs byte for byte. */
#define _GNU_SOURCE
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdlib.h>
#include "fontset_matching.h"
#include "library_loader.h"

static int reuse = 1;
static unsigned long reused;

void bulletin_substitution_reuse(int on) { __atomic_store_n(&reuse, on, __ATOMIC_RELAXED); }

unsigned long bulletin_substitutions_reused(void) { return __atomic_load_n(&reused, __ATOMIC_RELAXED); }

typedef struct Substitution {
    FcChar32 hash;
    FcPattern *question, *answer;
    struct Substitution *next;
} Substitution;

enum { most_kept = 512, most_elements = 64 };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static FcConfig *kept_config;
static Substitution *kept;
static int kept_count;

/* Forgets every answer and holds `config` instead; called with the lock held. */
static void switch_to(FcConfig *config)
{
    while (kept) {
        Substitution *substitution = kept;
        kept = substitution->next;
        FcPatternDestroy(substitution->question);
        FcPatternDestroy(substitution->answer);
        free(substitution);
    }
    kept_count = 0;
    if (kept_config) FcConfigDestroy(kept_config);
    kept_config = FcConfigReference(config);
}

/* Whether every value of `pattern` is bound strongly or weakly, and it has at most
   `most_elements` elements. */
static int copyable(FcPattern *pattern)
{
    FcPatternIter iter;
    int elements = 0;
    FcPatternIterStart(pattern, &iter);
    if (FcPatternIterIsValid(pattern, &iter)) do {
        if (++elements > most_elements) return 0;
        for (int i = 0; i < FcPatternIterValueCount(pattern, &iter); i++) {
            FcValue value;
            FcValueBinding binding;
            if (FcPatternIterGetValue(pattern, &iter, i, &value, &binding) != FcResultMatch || binding == FcValueBindingSame) return 0;
        }
    } while (FcPatternIterNext(pattern, &iter));
    return 1;
}

/* Empties `pattern` and gives it `answer`'s values (a copyable pattern): 1 when done, 0 when
   `pattern` has too many elements (it is left as it was), -1 when fontconfig could not add a
   value (out of memory). */
static int replace(FcPattern *pattern, FcPattern *answer)
{
    const char *objects[most_elements];
    int count = 0;
    FcPatternIter iter;
    FcPatternIterStart(pattern, &iter);
    if (FcPatternIterIsValid(pattern, &iter)) do {
        if (count == most_elements) return 0;
        objects[count++] = FcPatternIterGetObject(pattern, &iter);
    } while (FcPatternIterNext(pattern, &iter));
    for (int o = 0; o < count; o++) FcPatternDel(pattern, objects[o]);
    FcPatternIterStart(answer, &iter);
    if (FcPatternIterIsValid(answer, &iter)) do {
        const char *object = FcPatternIterGetObject(answer, &iter);
        for (int i = 0; i < FcPatternIterValueCount(answer, &iter); i++) {
            FcValue value;
            FcValueBinding binding;
            if (FcPatternIterGetValue(answer, &iter, i, &value, &binding) != FcResultMatch
                || !(binding == FcValueBindingStrong ? FcPatternAdd(pattern, object, value, FcTrue) : FcPatternAddWeak(pattern, object, value, FcTrue)))
                return -1;
        }
    } while (FcPatternIterNext(answer, &iter));
    return 1;
}

FcBool FcConfigSubstitute(FcConfig *config, FcPattern *p, FcMatchKind kind)
{
    static void *next;
    FcBool (*fontconfigs)(FcConfig *, FcPattern *, FcMatchKind) =
        (FcBool (*)(FcConfig *, FcPattern *, FcMatchKind))bulletin_next_definition(&next, "FcConfigSubstitute");
    if (!__atomic_load_n(&reuse, __ATOMIC_RELAXED) || !config || !p || kind != FcMatchPattern) return fontconfigs(config, p, kind);
    FcChar32 hash = FcPatternHash(p);
    FcPattern *answer = NULL;
    pthread_mutex_lock(&lock);
    if (config == kept_config) {
        for (Substitution *substitution = kept; substitution && !answer; substitution = substitution->next)
            if (substitution->hash == hash && FcPatternEqual(substitution->question, p)) answer = substitution->answer;
        if (answer) FcPatternReference(answer);
    }
    pthread_mutex_unlock(&lock);
    if (answer) {
        int replaced = replace(p, answer);
        FcPatternDestroy(answer);
        if (replaced == 1) __atomic_add_fetch(&reused, 1, __ATOMIC_RELAXED);
        if (replaced != 0) return replaced == 1;
    }
    FcPattern *question = FcPatternDuplicate(p);
    FcBool done = fontconfigs(config, p, kind);
    FcPattern *own = done && question && copyable(p) ? FcPatternDuplicate(p) : NULL;
    Substitution *substitution = own ? malloc(sizeof *substitution) : NULL;
    if (substitution) {
        pthread_mutex_lock(&lock);
        if (config != kept_config) switch_to(config);
        if (kept_count < most_kept) {
            *substitution = (Substitution){ hash, question, own, kept };
            kept = substitution;
            kept_count++;
            question = own = NULL;
            substitution = NULL;
        }
        pthread_mutex_unlock(&lock);
    }
    free(substitution);
    if (question) FcPatternDestroy(question);
    if (own) FcPatternDestroy(own);
    return done;
}
