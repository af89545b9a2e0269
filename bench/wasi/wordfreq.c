/* A realistic small WASI program for bench/wasi: generate a text of
   argv[1] words (deterministic), write it to a file in the preopened
   directory, read it back, count word frequencies in a hash table, sort
   them and print the top 10 plus a report file. File I/O, stdio, malloc,
   string hashing and qsort: the shape of many command-line tools. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *SYL[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "qua",
                            "ber", "dor", "fin", "gal", "hum"};

typedef struct { char *word; long count; } Entry;
static Entry *table;
static size_t cap = 1 << 16, used = 0;

static uint32_t hash(const char *s) {
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static void grow(void);
static void add(const char *w) {
    if (used * 2 >= cap) grow();
    size_t i = hash(w) & (cap - 1);
    while (table[i].word) {
        if (strcmp(table[i].word, w) == 0) { table[i].count++; return; }
        i = (i + 1) & (cap - 1);
    }
    table[i].word = strdup(w);
    table[i].count = 1;
    used++;
}

static void grow(void) {
    Entry *old = table; size_t oldcap = cap;
    cap *= 2; table = calloc(cap, sizeof(Entry)); used = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].word) {
            size_t j = hash(old[i].word) & (cap - 1);
            while (table[j].word) j = (j + 1) & (cap - 1);
            table[j] = old[i]; used++;
        }
    free(old);
}

static int bycount(const void *a, const void *b) {
    const Entry *x = a, *y = b;
    if (x->count != y->count) return y->count > x->count ? 1 : -1;
    return strcmp(x->word, y->word);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 300000;
    const char *dir = argc > 2 ? argv[2] : ".";
    char path[256];
    snprintf(path, sizeof path, "%s/text.txt", dir);
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); return 1; }
    uint64_t x = 88172645463325252ull;
    for (long i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int len = 1 + (int)(x % 3);
        uint64_t y = x >> 8;
        for (int k = 0; k < len; k++) { fputs(SYL[(y % 15) * (y % 7 != 0) % 15], f); y /= 15; }
        fputc(i % 12 == 11 ? '\n' : ' ', f);
    }
    fclose(f);
    table = calloc(cap, sizeof(Entry));
    f = fopen(path, "r");
    char word[64]; long total = 0;
    while (fscanf(f, "%63s", word) == 1) { add(word); total++; }
    fclose(f);
    Entry *all = malloc(used * sizeof(Entry)); size_t m = 0;
    for (size_t i = 0; i < cap; i++) if (table[i].word) all[m++] = table[i];
    qsort(all, m, sizeof(Entry), bycount);
    printf("%ld words, %zu distinct\n", total, m);
    for (size_t i = 0; i < 10 && i < m; i++) printf("%8ld %s\n", all[i].count, all[i].word);
    snprintf(path, sizeof path, "%s/report.txt", dir);
    f = fopen(path, "w");
    for (size_t i = 0; i < m; i++) fprintf(f, "%s %ld\n", all[i].word, all[i].count);
    fclose(f);
    return 0;
}
