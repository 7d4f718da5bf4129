#ifndef MAMLSH_TEST_SUPPORT_H
#define MAMLSH_TEST_SUPPORT_H

/// Opens a new pseudo-terminal; returns the master's descriptor (or -1) and
/// writes the slave's path into `path` (`size` bytes).
int mamlsh_open_pseudo_terminal(char *path, unsigned long size);

/// Sets the calling thread's file-system user id (Linux setfsuid(2)) and
/// returns the previous one. Leaving uid 0 drops root's power to ignore
/// permissions for this thread, so a test run as root can check a
/// permission error.
int mamlsh_set_fsuid(unsigned int uid);

#endif
