#ifndef BULLETIN_FONTSET_MATCHING_H
#define BULLETIN_FONTSET_MATCHING_H

/* Whether Pango's font matching for a new font list runs as bulletin has it (1, the default:
   the match on the thread that asks, the sort kept until a thread needs it or on bulletin's
   sorting thread) or on the two threads Pango starts for it (0). */
void bulletin_fontset_matching_taken_over(int taken_over);

/* How many matches ran on the thread that asked, and how many sorts were kept or went to the
   sorting thread: for tests. */
unsigned long bulletin_fontset_matchings_in_place(void);
unsigned long bulletin_fontset_sorts_queued(void);
/* How many of the queued sorts the sorting thread has finished. */
unsigned long bulletin_fontset_sorts_done(void);

/* Whether a font list's sort is kept until a thread needs the list's later fonts, and run then
   by that thread (1, the default), or queued for the sorting thread at once (0); how many sorts
   are kept and not run, and how many kept sorts were run when needed: for tests. */
void bulletin_fontset_keep_sorts(int on);
unsigned long bulletin_fontset_sorts_kept(void);
unsigned long bulletin_fontset_sorts_run_when_needed(void);

/* Whether fontconfig's sort and match for a font list are given again for the same list at
   another size (1, the default) or asked of fontconfig every time (0); and how many were given
   again: for tests (Sources/CFontsetMatching/fontset_reuse.c). */
void bulletin_fontset_reuse(int on);
unsigned long bulletin_fontset_sorts_reused(void);
unsigned long bulletin_fontset_matches_reused(void);

/* Whether fontconfig's edits of a pattern (FcConfigSubstitute) are given again for an equal
   pattern in the same configuration (1, the default) or asked of fontconfig every time (0); and
   how many were given again: for tests (Sources/CFontsetMatching/substitution_reuse.c). */
void bulletin_substitution_reuse(int on);
unsigned long bulletin_substitutions_reused(void);

/* FreeType faces cairo closes are set aside, not freed, until this is called, when no thread
   draws (Sources/CFontsetMatching/face_closing.c); how many were set aside in all: for tests. */
void bulletin_ft_faces_let_go(void);
unsigned long bulletin_ft_faces_set_aside(void);

#endif
