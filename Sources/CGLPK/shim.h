// The GNU Linear Programming Kit, as installed by Debian's libglpk-dev.
// Only the LinearProgramming module imports this; nothing else sees C types.
#include <glpk.h>
