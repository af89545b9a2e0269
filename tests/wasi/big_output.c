/* Large outputs: argv[1] lines (default 200000) to stdout through stdio,
   one big write(), and a summary on stderr. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 200000;
    unsigned long long sum = 0;
    for (long i = 0; i < n; i++) {
        printf("line %ld: %u\n", i, (uint32_t)i * 2654435761u % 1000003u);
        sum += i;
    }
    fflush(stdout);
    size_t big = 1 << 20;
    char *buf = malloc(big);
    for (size_t i = 0; i < big; i++) buf[i] = "abcdefghijklmnopqrstuvwxyz\n"[i % 27];
    size_t done = 0;
    while (done < big) {
        ssize_t w = write(1, buf + done, big - done);
        if (w <= 0) { perror("write"); return 1; }
        done += (size_t)w;
    }
    fprintf(stderr, "wrote %ld lines and %zu bytes, sum %llu\n", n, big, sum);
    return 0;
}
