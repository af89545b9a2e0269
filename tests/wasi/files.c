/* Files and directories under the directory argv[1]: create, write, read,
   seek, append, truncate, stat, rename, links, readdir, remove. The
   directory's final contents are part of the expected result. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "errname.h"

static const char *ROOT;
static char paths[4][512];
static int next_path;
static const char *P(const char *rel) {     /* four buffers: P(a), P(b) in one call */
    char *path = paths[next_path++ % 4];
    snprintf(path, 512, "%s/%s", ROOT, rel);
    return path;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

static void list(const char *rel) {
    DIR *d = opendir(P(rel));
    if (!d) { printf("opendir %s: %s\n", rel, errname(errno)); return; }
    char *names[64]; int n = 0; struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        char buf[300];
        const char *t = e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "file"
                      : e->d_type == DT_LNK ? "link" : "other";
        snprintf(buf, sizeof buf, "%s (%s)", e->d_name, t);
        names[n++] = strdup(buf);
    }
    closedir(d);
    qsort(names, n, sizeof(char *), cmp);
    printf("ls %s:", rel);
    for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

#define CHECK(label, expr) do { errno = 0; int r_ = (expr); \
    printf("%-28s %s\n", label, r_ < 0 ? errname(errno) : "OK"); } while (0)

int main(int argc, char **argv) {
    ROOT = argc > 1 ? argv[1] : ".";
    CHECK("mkdir work", mkdir(P("work"), 0755));
    CHECK("mkdir work again", mkdir(P("work"), 0755));
    FILE *f = fopen(P("work/a.txt"), "w");
    for (int i = 0; i < 100; i++) fprintf(f, "line %03d of a.txt\n", i);
    fclose(f);
    struct stat st;
    CHECK("stat a.txt", stat(P("work/a.txt"), &st));
    printf("size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));

    int fd = open(P("work/a.txt"), O_RDWR);
    char buf[64] = {0};
    printf("read %zd: ", read(fd, buf, 18)); fwrite(buf, 1, 18, stdout);
    printf("seek end -> %lld\n", (long long)lseek(fd, 0, SEEK_END));
    printf("seek cur -5 -> %lld\n", (long long)lseek(fd, -5, SEEK_CUR));
    CHECK("seek before start", (int)lseek(fd, -5000, SEEK_SET));
    printf("pwrite %zd\n", pwrite(fd, "LINE", 4, 18));
    memset(buf, 0, sizeof buf);
    printf("pread %zd: %s", pread(fd, buf, 18, 18), buf);
    printf("tell after pread/pwrite %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    CHECK("ftruncate 100", ftruncate(fd, 100));
    fstat(fd, &st);
    printf("size after truncate %lld\n", (long long)st.st_size);
    close(fd);

    fd = open(P("work/a.txt"), O_WRONLY | O_APPEND);
    write(fd, "appended\n", 9);
    close(fd);
    stat(P("work/a.txt"), &st);
    printf("size after append %lld\n", (long long)st.st_size);

    CHECK("open missing", open(P("work/missing"), O_RDONLY));
    CHECK("create excl existing", open(P("work/a.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644));
    CHECK("open dir for writing", open(P("work"), O_WRONLY));
    CHECK("open file as dir", open(P("work/a.txt"), O_RDONLY | O_DIRECTORY));

    CHECK("rename a->b", rename(P("work/a.txt"), P("work/b.txt")));
    CHECK("rename missing", rename(P("work/a.txt"), P("work/c.txt")));
    CHECK("link b->hard", link(P("work/b.txt"), P("work/hard.txt")));
    stat(P("work/b.txt"), &st);
    printf("nlink %d\n", (int)st.st_nlink);
    CHECK("symlink soft->b", symlink("b.txt", P("work/soft")));
    char target[64] = {0};
    printf("readlink %zd %s\n", readlink(P("work/soft"), target, sizeof target - 1), target);
    CHECK("lstat soft", lstat(P("work/soft"), &st));
    printf("soft is link %d\n", S_ISLNK(st.st_mode));
    CHECK("stat through soft", stat(P("work/soft"), &st));
    printf("soft target size %lld\n", (long long)st.st_size);

    CHECK("mkdir work/sub", mkdir(P("work/sub"), 0755));
    f = fopen(P("work/sub/x"), "w"); fputs("x\n", f); fclose(f);
    struct timespec times[2] = {{1000000000, 0}, {1234567890, 500}};
    CHECK("utimensat", utimensat(AT_FDCWD, P("work/sub/x"), times, 0));
    stat(P("work/sub/x"), &st);
    printf("mtime %lld.%09ld atime %lld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
           (long long)st.st_atim.tv_sec);
    list("work");
    CHECK("rmdir non-empty", rmdir(P("work/sub")));
    CHECK("unlink a dir", unlink(P("work/sub")));
    CHECK("unlink sub/x", unlink(P("work/sub/x")));
    CHECK("rmdir sub", rmdir(P("work/sub")));
    CHECK("unlink hard", unlink(P("work/hard.txt")));
    CHECK("unlink missing", unlink(P("work/hard.txt")));
    CHECK("rmdir a file", rmdir(P("work/b.txt")));
    list("work");

    /* many small files, then listing */
    CHECK("mkdir many", mkdir(P("many"), 0755));
    for (int i = 0; i < 40; i++) {
        char name[32]; snprintf(name, sizeof name, "many/f%02d", i);
        f = fopen(P(name), "w"); fprintf(f, "%d\n", i * i); fclose(f);
    }
    DIR *d = opendir(P("many"));
    int count = 0; struct dirent *e;
    while ((e = readdir(d))) count += e->d_name[0] != '.';
    closedir(d);
    printf("many has %d files\n", count);
    return 0;
}
