#include "library_loader.h"
#include "qpdf_loader_impl.h"

/* Debian 12's libqpdf29, or the libqpdf28 the package also accepts. */
static bulletin_library qpdf = BULLETIN_LIBRARY("libqpdf", "libqpdf.so.29", "libqpdf.so.28", "libqpdf.so");

const char *bulletin_qpdf_load(void) { return bulletin_library_load(&qpdf); }

void bulletin_qpdf_load_ahead(void) { bulletin_library_load_ahead(&qpdf); }

int bulletin_qpdf_is_loaded(void) { return bulletin_library_is_loaded(&qpdf); }

void *bulletin_qpdf_symbol(const char *name) { return bulletin_library_symbol(&qpdf, name); }
