// Declarations only: the functions are in the libFuzzer runtime.
#include "CLibFuzzer.h"
