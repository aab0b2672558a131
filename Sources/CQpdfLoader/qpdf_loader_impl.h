#include <qpdf/qpdf-c.h>
#include "qpdf_loader.h"

/* The function `name` of libqpdf, loading the library first; ends the process with a message
   if it cannot (bulletin_qpdf_load, called first, tells that as an error instead). */
void *bulletin_qpdf_symbol(const char *name);
