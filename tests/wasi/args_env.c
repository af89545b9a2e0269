/* argv and the environment, as the program sees them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)           /* argv[0] differs natively */
        printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    const char *keys[] = {"GREETING", "EMPTY", "UNICODE", "MISSING"};
    for (int i = 0; i < 4; i++) {
        const char *v = getenv(keys[i]);
        printf("%s=%s\n", keys[i], v ? v : "(unset)");
    }
    int n = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "T_", 2) == 0) n++;
    char **sorted = malloc(sizeof(char *) * (n + 1));
    n = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "T_", 2) == 0) sorted[n++] = *e;
    qsort(sorted, n, sizeof(char *), cmp);
    for (int i = 0; i < n; i++) printf("env %s\n", sorted[i]);
    return 0;
}
