/* The README's first example: a WASI program (C compiled to wasm32-wasi)
   that greets whoever is named on its command line and shows what the
   sandbox lets it see. Rebuild with examples/build.sh. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    const char *name = argc > 1 ? argv[1] : "world";
    printf("Hello, %s! This greeting comes from C code compiled to WebAssembly,\n", name);
    printf("which wasmlite compiled to native code through LLVM and ran.\n");
    printf("The program got %d argument(s):", argc - 1);
    for (int i = 1; i < argc; i++) printf(" \"%s\"", argv[i]);
    printf("\n");
    FILE *f = fopen("/etc/passwd", "r");
    if (f) {
        printf("It could read /etc/passwd: the sandbox is open!\n");
        fclose(f);
        return 1;
    }
    printf("It cannot read /etc/passwd (%s): a WASI program sees only the\n"
           "directories you give it with --dir.\n",
           errno == ENOTCAPABLE ? "not capable" : strerror(errno));
    return 0;
}
