#ifndef BULLETIN_CAIRO_STREAMS_H
#define BULLETIN_CAIRO_STREAMS_H

/* While on (1), on the calling thread only: each Flate stream cairo starts on this thread is
   compressed whole by libdeflate when cairo closes it, at the level cairo asked zlib for,
   rather than by zlib piece by piece as cairo writes it (Sources/CCairoStreams/cairo_streams.c).
   Off (0) again after. */
void bulletin_cairo_streams_whole(int on);

/* How many of cairo's streams were compressed whole: for tests. */
unsigned long bulletin_cairo_streams_made_whole(void);

#endif
