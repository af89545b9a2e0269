/* Clocks and randomness: properties, not values (those differ per run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>

static long long ns(clockid_t id) {
    struct timespec t;
    if (clock_gettime(id, &t) != 0) return -1;
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void) {
    long long r0 = ns(CLOCK_REALTIME);
    printf("realtime after 2020: %s\n", r0 / 1000000000LL > 1577836800LL ? "yes" : "no");
    long long m0 = ns(CLOCK_MONOTONIC);
    struct timespec d = {0, 20 * 1000000};
    nanosleep(&d, NULL);
    long long m1 = ns(CLOCK_MONOTONIC);
    printf("monotonic advanced by >= 20ms over nanosleep: %s\n", m1 - m0 >= 20000000LL ? "yes" : "no");
    usleep(5000);
    printf("monotonic never goes back: %s\n", ns(CLOCK_MONOTONIC) >= m1 ? "yes" : "no");
    struct timespec res;
    printf("monotonic resolution known: %s\n",
           clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0 ? "yes" : "no");
    unsigned char a[64], b[64];
    int ok = getentropy(a, sizeof a) == 0 && getentropy(b, sizeof b) == 0;
    int zeros = 0;
    for (int i = 0; i < 64; i++) zeros += a[i] == 0;
    printf("random: two draws differ: %s, mostly non-zero: %s\n",
           ok && memcmp(a, b, 64) != 0 ? "yes" : "no", zeros < 8 ? "yes" : "no");
    time_t t = time(NULL);
    printf("time() agrees with realtime: %s\n", (long long)t - r0 / 1000000000LL < 5 ? "yes" : "no");
    return 0;
}
