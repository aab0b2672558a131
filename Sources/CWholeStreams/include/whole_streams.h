#ifndef BULLETIN_WHOLE_STREAMS_H
#define BULLETIN_WHOLE_STREAMS_H

/* While on (1), on the calling thread only: each Flate stream cairo or qpdf starts on this
   thread is compressed whole by libdeflate when the library closes it, at the level it asked
   zlib for, rather than by zlib piece by piece as the library writes it
   (Sources/CWholeStreams/whole_streams.c). Off (0) again after. */
void bulletin_streams_whole(int on);

/* How many streams of `library` ("libcairo.so" or "libqpdf.so") were compressed whole: for
   tests. */
unsigned long bulletin_streams_made_whole(const char *library);

#endif
