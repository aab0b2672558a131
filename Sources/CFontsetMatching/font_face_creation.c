/* Cairo 1.16 keeps the font faces made for one font file in a list on the file's "unscaled
   font", which is shared by every thread, and walks and extends that list with no lock
   (_cairo_ft_font_face_create). Bulletin's threads each have a Pango font map of their own, and
   each map asks cairo for a face of every font it loads: two threads asking for the same file
   at the same moment could both find no face and both add one. The PDF's font subsets are kept
   by face, so the issue then had two subsets of that font (the italic of a narrow layout, once
   in about forty builds): a PDF 7 KB larger, and not the same bytes from one build to the next.
   Two threads extending the list at once could also lose one of the faces.

   This file defines cairo_ft_font_face_create_for_pattern, cairo_ft_font_face_create_for_ft_face
   and cairo_font_face_destroy in the program, ahead of cairo's, each calling cairo's under one
   lock: a face for a file is made once, and every later call finds it. Faces are made and let go
   a few dozen times a build; the lock costs nothing measurable. It may be taken again on the
   thread that holds it (a face's user data let go with it could let go of another face). */
#define _GNU_SOURCE
#include "library_loader.h"
#include <fontconfig/fontconfig.h>
#include <pthread.h>

/* Cairo's and FreeType's types, as cairo-ft.h and freetype.h declare them. */
typedef struct _cairo_font_face cairo_font_face_t;
typedef struct FT_FaceRec_ *FT_Face;

static pthread_mutex_t faces_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

cairo_font_face_t *cairo_ft_font_face_create_for_pattern(FcPattern *pattern)
{
    static void *function;
    pthread_mutex_lock(&faces_lock);
    cairo_font_face_t *face = ((cairo_font_face_t *(*)(FcPattern *))bulletin_next_definition(&function, "cairo_ft_font_face_create_for_pattern"))(pattern);
    pthread_mutex_unlock(&faces_lock);
    return face;
}

cairo_font_face_t *cairo_ft_font_face_create_for_ft_face(FT_Face face, int load_flags)
{
    static void *function;
    pthread_mutex_lock(&faces_lock);
    cairo_font_face_t *made = ((cairo_font_face_t *(*)(FT_Face, int))bulletin_next_definition(&function, "cairo_ft_font_face_create_for_ft_face"))(face, load_flags);
    pthread_mutex_unlock(&faces_lock);
    return made;
}

/* A face let go for the last time takes itself off the same list: a Pango font map let go (a
   helper thread's, once its stories are set) lets go of its fonts' faces, maybe while the
   drawing thread makes one. Cairo's own calls from within (a scaled font's last reference
   dropped) do not come through here. */
void cairo_font_face_destroy(cairo_font_face_t *face)
{
    static void *function;
    pthread_mutex_lock(&faces_lock);
    ((void (*)(cairo_font_face_t *))bulletin_next_definition(&function, "cairo_font_face_destroy"))(face);
    pthread_mutex_unlock(&faces_lock);
}
