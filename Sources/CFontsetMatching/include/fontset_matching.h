#ifndef BULLETIN_FONTSET_MATCHING_H
#define BULLETIN_FONTSET_MATCHING_H

/* Whether Pango's font matching for a new font list runs on the thread that asks for the list
   (1, the default) or on two threads Pango starts for it (0). */
void bulletin_fontset_matching_in_place(int in_place);

/* How many matchings and sortings ran on the thread that asked: for tests. */
unsigned long bulletin_fontset_matchings_in_place(void);

#endif
