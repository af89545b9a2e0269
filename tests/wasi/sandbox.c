/* Attempts to leave the preopened directory "." (run with an "outside.txt"
   beside it and an "escape" symlink in it pointing there), and writes in a
   read-only preopen when argv[1] is "ro". Prints the errno of each. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "errname.h"

#define TRY(label, expr) do { errno = 0; int r_ = (expr); \
    printf("%-34s %s\n", label, r_ < 0 ? errname(errno) : "OK"); } while (0)

int main(int argc, char **argv) {
    int ro = argc > 1 && strcmp(argv[1], "ro") == 0;
    struct stat st;
    char buf[64];
    TRY("open ../outside.txt", open("../outside.txt", O_RDONLY));
    TRY("open /etc/passwd", open("/etc/passwd", O_RDONLY));
    TRY("open inside/../../outside.txt", open("inside/../../outside.txt", O_RDONLY));
    TRY("open ./../outside.txt", open("./../outside.txt", O_RDONLY));
    TRY("open escape (symlink out)", open("escape", O_RDONLY));
    TRY("open escape-abs (abs symlink)", open("escape-abs", O_RDONLY));
    TRY("stat escape", stat("escape", &st));
    TRY("lstat escape", lstat("escape", &st));
    TRY("readlink escape", (int)readlink("escape", buf, sizeof buf));
    TRY("open inside/up (symlink to ..)", open("inside/up/outside.txt", O_RDONLY));
    TRY("open inside/ok (symlink inside)", open("inside/ok", O_RDONLY));
    TRY("opendir ..", opendir("..") ? 0 : -1);
    TRY("mkdir ../made", mkdir("../made", 0755));
    TRY("creat ../made.txt", open("../made.txt", O_CREAT | O_WRONLY, 0644));
    TRY("rename into ..", rename("inside/data.txt", "../stolen.txt"));
    TRY("link out of sandbox", link("inside/data.txt", "../linked.txt"));
    TRY("symlink pointing out", symlink("../outside.txt", "newlink"));
    TRY("open newlink", open("newlink", O_RDONLY));
    TRY("unlink ../outside.txt", unlink("../outside.txt"));
    TRY("open inside/data.txt", open("inside/data.txt", O_RDONLY));
    TRY("write-open inside/data.txt", open("inside/data.txt", O_WRONLY));
    TRY("create inside/new.txt", open("inside/new.txt", O_CREAT | O_WRONLY, 0644));
    TRY("mkdir inside/newdir", mkdir("inside/newdir", 0755));
    TRY("unlink inside/data2.txt", unlink("inside/data2.txt"));
    TRY("stat inside/data.txt", stat("inside/data.txt", &st));
    DIR *d = opendir("inside");
    int n = 0;
    if (d) { while (readdir(d)) n++; closedir(d); }
    printf("%-34s %d entries\n", "readdir inside", n);
    (void)ro;
    return 0;
}
