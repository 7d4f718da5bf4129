#include <sys/fsuid.h>
#include "test_support.h"

int mamlsh_set_fsuid(unsigned int uid) {
    return setfsuid(uid);
}
