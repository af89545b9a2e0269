/* The bench kernels in C, for the native peer (gcc -O2): the same
   algorithms as the .wat files beside this one, written independently.
   Usage: kernels NAME N REPS  -> prints "result best_seconds". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static uint64_t collatz(uint32_t n) {
    uint64_t steps = 0;
    for (uint64_t i = 1; i <= n; i++) {
        uint64_t x = i;
        while (x != 1) { x = (x & 1) ? x * 3 + 1 : x >> 1; steps++; }
    }
    return steps;
}

static uint32_t mandelbrot(uint32_t n) {
    uint32_t inside = 0;
    double step = 3.0 / n;
    for (uint32_t py = 0; py < n; py++) {
        double ci = py * step - 1.5;
        for (uint32_t px = 0; px < n; px++) {
            double cr = px * step - 2.0, zr = 0, zi = 0;
            uint32_t it = 0;
            for (;;) {
                if (zr * zr + zi * zi > 4.0) break;
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                if (++it >= 200) { inside++; break; }
            }
        }
    }
    return inside;
}

static uint8_t *heap;

static uint32_t sieve(uint32_t n) {
    memset(heap, 1, n);
    for (uint32_t i = 2; i * i <= n; i++)
        if (heap[i])
            for (uint32_t j = i * i; j < n; j += i) heap[j] = 0;
    uint32_t count = 0;
    for (uint32_t i = 2; i < n; i++) count += heap[i];
    return count;
}

static double matmul(uint32_t n) {
    double *a = (double *)heap, *b = a + n * n, *c = b + n * n;
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < n; j++) {
            a[i * n + j] = (double)((int32_t)((i + j) % 7) - 3);
            b[i * n + j] = (double)((i * j) % 5) + 0.5;
        }
    memset(c, 0, n * n * sizeof(double));
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < n; k++) {
            double s = a[i * n + k];
            for (uint32_t j = 0; j < n; j++) c[i * n + j] += s * b[k * n + j];
        }
    double trace = 0;
    for (uint32_t i = 0; i < n; i++) trace += c[i * (n + 1)];
    return trace;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: kernels NAME N REPS\n"); return 2; }
    const char *name = argv[1];
    uint32_t n = (uint32_t)strtoul(argv[2], 0, 10);
    int reps = atoi(argv[3]);
    heap = malloc(64u << 20);
    double best = 1e30, result = 0;
    for (int r = 0; r < reps; r++) {
        /* volatile: the argument is not a compile-time constant */
        volatile uint32_t vn = n;
        double t0 = now();
        if (!strcmp(name, "fib")) result = fib(vn);
        else if (!strcmp(name, "collatz")) result = (double)collatz(vn);
        else if (!strcmp(name, "mandelbrot")) result = mandelbrot(vn);
        else if (!strcmp(name, "sieve")) result = sieve(vn);
        else if (!strcmp(name, "matmul")) result = matmul(vn);
        else { fprintf(stderr, "unknown kernel %s\n", name); return 2; }
        double t = now() - t0;
        if (t < best) best = t;
    }
    printf("%.17g %.9f\n", result, best);
    return 0;
}
