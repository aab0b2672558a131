/* Cairo 1.16 keeps at most ten FreeType faces open (MAX_OPEN_FACES in cairo-ft-font.c): opening
   an eleventh, it closes one that no thread holds, chosen at random. It decides that a face is
   not held by reading the face's lock count without the face's lock, so a thread that has just
   taken the face (to load a glyph) can find it closed under it; and it opens faces
   (FT_New_Face) outside any lock, on one FreeType library, which FreeType does not allow. An
   issue with more than ten faces (a Chinese, Japanese and Vietnamese test issue had twelve, and
   cairo closed faces 64 times a build) drew its glyphs on two threads (the drawing thread and
   GlyphsAhead) and about one build in ten stopped with "error occurred in libfreetype" or
   crashed.

   This file defines FT_New_Face and FT_Done_Face ahead of FreeType's. Faces are opened and
   closed under one lock; and a face cairo closes is not freed but set aside, freed by
   bulletin_ft_faces_let_go once no thread draws (the renderer calls it when its PDF is
   finished): a thread that took it just before cairo closed it reads a face still whole. */
#define _GNU_SOURCE
#include "fontset_matching.h"

#include "library_loader.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct FT_LibraryRec_ *FT_Library;
typedef struct FT_FaceRec_ *FT_Face;
typedef int FT_Error;
typedef long FT_Long;

static pthread_mutex_t library_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static FT_Face *set_aside;
static size_t set_aside_count, set_aside_capacity;
static unsigned long set_aside_total;

FT_Error FT_New_Face(FT_Library library, const char *path, FT_Long index, FT_Face *face)
{
    static void *function;
    pthread_mutex_lock(&library_lock);
    FT_Error error = ((FT_Error (*)(FT_Library, const char *, FT_Long, FT_Face *))bulletin_next_definition(&function, "FT_New_Face"))(library, path, index, face);
    pthread_mutex_unlock(&library_lock);
    return error;
}

FT_Error FT_Done_Face(FT_Face face)
{
    static void *function;
    pthread_mutex_lock(&library_lock);
    if (face && bulletin_address_in_library(__builtin_return_address(0), "libcairo.so")) {
        if (set_aside_count == set_aside_capacity) {
            size_t capacity = set_aside_capacity ? set_aside_capacity * 2 : 64;
            FT_Face *grown = realloc(set_aside, capacity * sizeof *grown);
            if (grown) {
                set_aside = grown;
                set_aside_capacity = capacity;
            }
        }
        if (set_aside_count < set_aside_capacity) {
            set_aside[set_aside_count++] = face;
            set_aside_total++;
            pthread_mutex_unlock(&library_lock);
            return 0;
        }
    }
    FT_Error error = ((FT_Error (*)(FT_Face))bulletin_next_definition(&function, "FT_Done_Face"))(face);
    pthread_mutex_unlock(&library_lock);
    return error;
}

void bulletin_ft_faces_let_go(void)
{
    static void *function;
    pthread_mutex_lock(&library_lock);
    FT_Error (*done)(FT_Face) = (FT_Error (*)(FT_Face))bulletin_next_definition(&function, "FT_Done_Face");
    for (size_t i = 0; i < set_aside_count; i++) done(set_aside[i]);
    set_aside_count = 0;
    pthread_mutex_unlock(&library_lock);
}

unsigned long bulletin_ft_faces_set_aside(void)
{
    pthread_mutex_lock(&library_lock);
    unsigned long total = set_aside_total;
    pthread_mutex_unlock(&library_lock);
    return total;
}
