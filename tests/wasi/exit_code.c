/* Exit with the status given as argv[1], by the way argv[2] names:
   return from main, exit(), _Exit(), or abort() (a trap). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int code = argc > 1 ? atoi(argv[1]) : 0;
    const char *how = argc > 2 ? argv[2] : "return";
    printf("exiting with %d via %s\n", code, how);
    fflush(stdout);
    if (strcmp(how, "exit") == 0) exit(code);
    if (strcmp(how, "_exit") == 0) _Exit(code);
    if (strcmp(how, "abort") == 0) abort();
    return code;
}
