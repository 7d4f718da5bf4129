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

/// Runs the program at `path` with `argv` and `envp` (NULL-terminated),
/// standard input from /dev/null, standard output and error into the file
/// `output`, no other descriptor open, and waits for it: its exit status
/// (128 + the signal that ended it; -1 when it could not start). A daemon
/// it leaves behind holds nothing of the caller's.
int mamlsh_run_detached(const char *path, char *const argv[], char *const envp[], const char *output);

#endif
