// posix_openpt and ptsname_r need _GNU_SOURCE, which Swift's Glibc module
// does not define; this file gives the tests the one call they need.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "test_support.h"

int mamlsh_open_pseudo_terminal(char *path, unsigned long size) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) return -1;
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, path, size) != 0) {
        close(master);
        return -1;
    }
    return master;
}
