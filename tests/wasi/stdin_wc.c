/* wc and a checksum of standard input; echoes the first line upper-cased. */
#include <ctype.h>
#include <stdio.h>
#include <stdint.h>

int main(void) {
    long lines = 0, words = 0, bytes = 0;
    uint32_t sum = 2166136261u;
    int c, inword = 0, first = 1;
    while ((c = getchar()) != EOF) {
        bytes++;
        sum = (sum ^ (unsigned char)c) * 16777619u;
        if (first) {
            if (c == '\n') { putchar('\n'); first = 0; }
            else putchar(toupper(c));
        }
        if (c == '\n') lines++;
        if (isspace(c)) inword = 0;
        else if (!inword) { inword = 1; words++; }
    }
    if (first) putchar('\n');
    printf("%ld %ld %ld %08x\n", lines, words, bytes, sum);
    return 0;
}
