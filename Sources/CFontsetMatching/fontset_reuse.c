/* Pango asks fontconfig for a match and a sort for every new font list, and a list is new at
   every size: the sample issue asks for some sixty lists that are thirty families, styles and
   languages at two sizes or more. For fonts that say nothing of their size (every scalable font
   but those with an optical size range) fontconfig's answer is the same at every size: a match
   scores the fonts by every property of the pattern, and size is one only for fonts that have
   one. The sort of the whole installed font set, trimmed to the fonts that add characters,
   took a tenth of a build's instructions, sixty times over.

   This file defines FcFontSetSort and FcFontSetMatch in the program, ahead of fontconfig's.
   Each remembers its answer for a pattern, less the pattern's size and pixel size, and for the
   font sets it was asked of, and gives it again for the same pattern at another size: the
   sorted list as it was, and the best font prepared for the new pattern (FcFontRenderPrepare,
   the second half of fontconfig's own FcFontSetMatch). An answer is remembered only where no
   font of the sets has a size or pixel size, only for the same configuration and the same
   fonts (each held, so that none can be freed and its memory reused by another), and a match
   only once the font it names, prepared again, gives exactly fontconfig's answer. The PDFs are
   the same, byte for byte. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fontset_matching.h"
#include "library_loader.h"

static int reuse = 1;
static unsigned long sorts_reused, matches_reused;

void bulletin_fontset_reuse(int on) { __atomic_store_n(&reuse, on, __ATOMIC_RELAXED); }

unsigned long bulletin_fontset_sorts_reused(void) { return __atomic_load_n(&sorts_reused, __ATOMIC_RELAXED); }

unsigned long bulletin_fontset_matches_reused(void) { return __atomic_load_n(&matches_reused, __ATOMIC_RELAXED); }

/* Whether an element is one of the two that say how large the text is. */
static int is_size(const char *object) { return strcmp(object, FC_SIZE) == 0 || strcmp(object, FC_PIXEL_SIZE) == 0; }

/* A pattern's elements but its sizes: their names (fontconfig's own strings, one per element
   kind) and numbers of values, and a hash of these and of each element's first value, to find
   an earlier question by. */
typedef struct Outline {
    int count;
    const char *objects[64];
    int values[64];
    uint64_t hash;
} Outline;

static uint64_t mixed(uint64_t hash, uint64_t value) { return (hash ^ value) * 1099511628211ull; }

static int outline_of(FcPattern *pattern, Outline *outline)
{
    FcPatternIter iter;
    outline->count = 0;
    outline->hash = 1469598103934665603ull;
    FcPatternIterStart(pattern, &iter);
    if (FcPatternIterIsValid(pattern, &iter)) do {
        const char *object = FcPatternIterGetObject(pattern, &iter);
        if (is_size(object)) continue;
        if (outline->count == 64) return 0;
        int values = FcPatternIterValueCount(pattern, &iter);
        outline->objects[outline->count] = object;
        outline->values[outline->count++] = values;
        outline->hash = mixed(mixed(outline->hash, (uintptr_t)object), (uint64_t)values);
        FcValue first;
        if (values && FcPatternIterGetValue(pattern, &iter, 0, &first, NULL) == FcResultMatch) {
            outline->hash = mixed(outline->hash, (uint64_t)first.type);
            if (first.type == FcTypeString) {
                for (const FcChar8 *c = first.u.s; *c; c++) outline->hash = mixed(outline->hash, *c);
            } else if (first.type == FcTypeInteger || first.type == FcTypeBool) {
                outline->hash = mixed(outline->hash, (uint64_t)first.u.i);
            } else if (first.type == FcTypeDouble) {
                uint64_t bits;
                memcpy(&bits, &first.u.d, sizeof bits);
                outline->hash = mixed(outline->hash, bits);
            }
        }
    } while (FcPatternIterNext(pattern, &iter));
    return 1;
}

/* Whether two patterns of the same outline have the same values, sizes aside. Bindings are
   not compared (FcPatternEqual leaves them aside too, and reading them is quadratic in a
   list's length): the questions are Pango's patterns, which differ in size alone before
   fontconfig's configuration edits them, and an edit can bind values differently at two sizes
   only by giving them again, the same. */
static int same_as(FcPattern *a, FcPattern *b, FcObjectSet *objects) { return FcPatternEqualSubset(a, b, objects); }

/* The fonts of the sets, as a question names them. */
typedef struct Fonts {
    FcConfig *config;
    int count;
    FcPattern **fonts;
} Fonts;

/* The fonts last found to have no sizes of their own, each held so that none can be freed
   and its memory taken by another; and whether the lists below were made of them. */
static Fonts sizeless_fonts;
static unsigned long generation;

/* An answer, and what it answers. */
typedef struct Answer {
    FcPattern *pattern;
    Outline outline;
    FcObjectSet *objects;
    FcFontSet *sorted;   /* a sort's answer */
    FcPattern *best;     /* a match's: the font with the bindings the match gave it */
    struct Answer *next;
} Answer;

enum { most_answers = 256 };
static pthread_mutex_t answers_lock = PTHREAD_MUTEX_INITIALIZER;
static Answer *sorts, *matches;
static int answers_kept;

/* Forgets every answer; called with the lock held, when the fonts asked of change. */
static void forget(Answer **list)
{
    while (*list) {
        Answer *answer = *list;
        *list = answer->next;
        FcPatternDestroy(answer->pattern);
        FcObjectSetDestroy(answer->objects);
        if (answer->sorted) FcFontSetDestroy(answer->sorted);
        if (answer->best) FcPatternDestroy(answer->best);
        free(answer);
    }
}

/* Whether answers to questions about these sets can be given again at another size: no font
   has a size of its own, and the sets hold the fonts the kept answers were found among (else
   those are forgotten). Called with the lock held. */
static int answerable(FcConfig *config, FcFontSet **sets, int nsets)
{
    int count = 0;
    for (int s = 0; s < nsets; s++) if (sets[s]) count += sets[s]->nfont;
    if (sizeless_fonts.fonts && sizeless_fonts.config == config && sizeless_fonts.count == count) {
        int f = 0, same = 1;
        for (int s = 0; s < nsets && same; s++) {
            if (!sets[s]) continue;
            same = memcmp(sizeless_fonts.fonts + f, sets[s]->fonts, sets[s]->nfont * sizeof *sets[s]->fonts) == 0;
            f += sets[s]->nfont;
        }
        if (same) return 1;
    }
    FcPattern **fonts = malloc((count ? count : 1) * sizeof *fonts);
    if (!fonts) return 0;
    int f = 0;
    FcValue value;
    for (int s = 0; s < nsets; s++) {
        if (!sets[s]) continue;
        for (int i = 0; i < sets[s]->nfont; i++) {
            FcPattern *font = sets[s]->fonts[i];
            if (FcPatternGet(font, FC_SIZE, 0, &value) == FcResultMatch || FcPatternGet(font, FC_PIXEL_SIZE, 0, &value) == FcResultMatch) {
                free(fonts);
                return 0;
            }
            fonts[f++] = font;
        }
    }
    forget(&sorts);
    forget(&matches);
    answers_kept = 0;
    if (sizeless_fonts.fonts) {
        for (int i = 0; i < sizeless_fonts.count; i++) FcPatternDestroy(sizeless_fonts.fonts[i]);
        free(sizeless_fonts.fonts);
        FcConfigDestroy(sizeless_fonts.config);
    }
    for (int i = 0; i < count; i++) FcPatternReference(fonts[i]);
    FcConfigReference(config);
    sizeless_fonts = (Fonts){ config, count, fonts };
    generation++;
    return 1;
}

/* The answer to the same question at another size; called with the lock held. */
static Answer *find(Answer *list, FcPattern *pattern, const Outline *outline)
{
    for (Answer *answer = list; answer; answer = answer->next)
        if (answer->outline.hash == outline->hash && answer->outline.count == outline->count
            && memcmp(answer->outline.objects, outline->objects, outline->count * sizeof *outline->objects) == 0
            && memcmp(answer->outline.values, outline->values, outline->count * sizeof *outline->values) == 0
            && same_as(answer->pattern, pattern, answer->objects))
            return answer;
    return NULL;
}

/* Keeps an answer (taken) to a question about the fonts answerable found sizeless, unless
   another question has changed them since (another generation). */
static void keep(Answer **list, unsigned long asked, FcPattern *pattern, const Outline *outline, FcFontSet *sorted, FcPattern *best)
{
    Answer *answer = malloc(sizeof *answer);
    FcPattern *own = pattern;
    FcPatternReference(own);
    FcObjectSet *objects = FcObjectSetCreate();
    int made = answer && own && objects;
    for (int o = 0; made && o < outline->count; o++) made = FcObjectSetAdd(objects, outline->objects[o]);
    pthread_mutex_lock(&answers_lock);
    if (made && generation == asked && answers_kept < most_answers) {
        *answer = (Answer){ own, *outline, objects, sorted, best, *list };
        *list = answer;
        answers_kept++;
        answer = NULL;
    }
    pthread_mutex_unlock(&answers_lock);
    if (answer || !made) {
        free(answer);
        if (own) FcPatternDestroy(own);
        if (objects) FcObjectSetDestroy(objects);
        if (sorted) FcFontSetDestroy(sorted);
        if (best) FcPatternDestroy(best);
    }
}

/* A set of the same fonts, each held once more, for a caller to destroy. */
static FcFontSet *copy_of(const FcFontSet *set)
{
    FcFontSet *copy = FcFontSetCreate();
    if (!copy) return NULL;
    for (int f = 0; f < set->nfont; f++) {
        FcPatternReference(set->fonts[f]);
        if (!FcFontSetAdd(copy, set->fonts[f])) { FcPatternDestroy(set->fonts[f]); FcFontSetDestroy(copy); return NULL; }
    }
    return copy;
}

FcFontSet *FcFontSetSort(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *p, FcBool trim, FcCharSet **csp, FcResult *result)
{
    static void *next;
    FcFontSet *(*fontconfigs)(FcConfig *, FcFontSet **, int, FcPattern *, FcBool, FcCharSet **, FcResult *) =
        (FcFontSet *(*)(FcConfig *, FcFontSet **, int, FcPattern *, FcBool, FcCharSet **, FcResult *))bulletin_next_definition(&next, "FcFontSetSort");
    Outline outline;
    if (!__atomic_load_n(&reuse, __ATOMIC_RELAXED) || csp || !p || !config || !outline_of(p, &outline))
        return fontconfigs(config, sets, nsets, p, trim, csp, result);
    pthread_mutex_lock(&answers_lock);
    int answers = answerable(config, sets, nsets);
    unsigned long asked = generation;
    Answer *answer = answers ? find(sorts, p, &outline) : NULL;
    FcFontSet *copy = answer ? copy_of(answer->sorted) : NULL;
    pthread_mutex_unlock(&answers_lock);
    if (copy) {
        __atomic_add_fetch(&sorts_reused, 1, __ATOMIC_RELAXED);
        if (result) *result = FcResultMatch;
        return copy;
    }
    FcFontSet *sorted = fontconfigs(config, sets, nsets, p, trim, csp, result);
    FcFontSet *kept = sorted && answers && !answer ? copy_of(sorted) : NULL;
    if (kept) keep(&sorts, asked, p, &outline, kept, NULL);
    return sorted;
}

/* Whether two patterns of the same values bind them alike, value by value: for a match,
   whose lists are a font's, short. */
static int bound_alike(FcPattern *a, FcPattern *b)
{
    FcPatternIter ia, ib;
    FcPatternIterStart(a, &ia);
    if (FcPatternIterIsValid(a, &ia)) do {
        if (!FcPatternFindIter(b, &ib, FcPatternIterGetObject(a, &ia))) return 0;
        for (int i = 0; i < FcPatternIterValueCount(a, &ia); i++) {
            FcValue va, vb;
            FcValueBinding ba, bb;
            if (FcPatternIterGetValue(a, &ia, i, &va, &ba) != FcResultMatch
                || FcPatternIterGetValue(b, &ib, i, &vb, &bb) != FcResultMatch || ba != bb) return 0;
        }
    } while (FcPatternIterNext(a, &ia));
    return 1;
}

/* The font fontconfig's match chose, as the match left it (fontconfig binds its matched values
   strongly or weakly by how well they matched): the font of the sets of the match's file and
   index, with the bindings the match has; NULL where that, prepared again, would not give the
   match exactly. */
static FcPattern *best_of(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *p, FcPattern *match)
{
    FcChar8 *file, *other;
    int index, others;
    if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch || FcPatternGetInteger(match, FC_INDEX, 0, &index) != FcResultMatch) return NULL;
    FcPattern *font = NULL;
    for (int s = 0; s < nsets && !font; s++) {
        if (!sets[s]) continue;
        for (int f = 0; f < sets[s]->nfont && !font; f++)
            if (FcPatternGetString(sets[s]->fonts[f], FC_FILE, 0, &other) == FcResultMatch && strcmp((const char *)file, (const char *)other) == 0
                && FcPatternGetInteger(sets[s]->fonts[f], FC_INDEX, 0, &others) == FcResultMatch && others == index)
                font = sets[s]->fonts[f];
    }
    if (!font) return NULL;
    FcPattern *best = FcPatternCreate();
    if (!best) return NULL;
    FcPatternIter iter, matched;
    FcPatternIterStart(font, &iter);
    if (FcPatternIterIsValid(font, &iter)) do {
        const char *object = FcPatternIterGetObject(font, &iter);
        FcValue value;
        FcValueBinding binding, bound;
        int rebind = FcPatternFindIter(match, &matched, object) && FcPatternIterGetValue(match, &matched, 0, &value, &bound) == FcResultMatch;
        for (int i = 0; i < FcPatternIterValueCount(font, &iter); i++) {
            if (rebind) binding = bound;
            if (FcPatternIterGetValue(font, &iter, i, &value, rebind ? NULL : &binding) != FcResultMatch
                || binding == FcValueBindingSame
                || !(binding == FcValueBindingStrong ? FcPatternAdd(best, object, value, FcTrue) : FcPatternAddWeak(best, object, value, FcTrue))) {
                FcPatternDestroy(best);
                return NULL;
            }
        }
    } while (FcPatternIterNext(font, &iter));
    FcPattern *again = FcFontRenderPrepare(config, p, best);
    int same = again && FcPatternEqual(again, match) && bound_alike(again, match);
    if (again) FcPatternDestroy(again);
    if (!same) { FcPatternDestroy(best); return NULL; }
    return best;
}

FcPattern *FcFontSetMatch(FcConfig *config, FcFontSet **sets, int nsets, FcPattern *p, FcResult *result)
{
    static void *next;
    FcPattern *(*fontconfigs)(FcConfig *, FcFontSet **, int, FcPattern *, FcResult *) =
        (FcPattern *(*)(FcConfig *, FcFontSet **, int, FcPattern *, FcResult *))bulletin_next_definition(&next, "FcFontSetMatch");
    Outline outline;
    if (!__atomic_load_n(&reuse, __ATOMIC_RELAXED) || !p || !config || !outline_of(p, &outline))
        return fontconfigs(config, sets, nsets, p, result);
    pthread_mutex_lock(&answers_lock);
    int answers = answerable(config, sets, nsets);
    unsigned long asked = generation;
    Answer *answer = answers ? find(matches, p, &outline) : NULL;
    FcPattern *best = answer ? answer->best : NULL;
    if (best) FcPatternReference(best);
    pthread_mutex_unlock(&answers_lock);
    if (best) {
        FcPattern *prepared = FcFontRenderPrepare(config, p, best);
        FcPatternDestroy(best);
        if (prepared) {
            __atomic_add_fetch(&matches_reused, 1, __ATOMIC_RELAXED);
            if (result) *result = FcResultMatch;
            return prepared;
        }
    }
    FcPattern *match = fontconfigs(config, sets, nsets, p, result);
    best = match && answers && !answer ? best_of(config, sets, nsets, p, match) : NULL;
    if (best) keep(&matches, asked, p, &outline, NULL, best);
    return match;
}
