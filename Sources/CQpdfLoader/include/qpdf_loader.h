#ifndef BULLETIN_QPDF_LOADER_H
#define BULLETIN_QPDF_LOADER_H

/* libqpdf is loaded when the finishing pass first needs it, not when the program starts:
   its libraries (libstdc++, GnuTLS and theirs) took about 6 ms of every start, `bulletin
   --version` included. */

/* Loads libqpdf if it is not loaded; NULL once it is, else what went wrong. */
const char *bulletin_qpdf_load(void);

/* Starts loading libqpdf on a thread of its own, once per process: a build calls this when
   it begins, and finds the library loaded when it finishes the PDF. */
void bulletin_qpdf_load_ahead(void);

/* Whether libqpdf is loaded into the process: for tests. */
int bulletin_qpdf_is_loaded(void);

#endif
