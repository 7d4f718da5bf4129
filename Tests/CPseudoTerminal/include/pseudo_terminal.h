#ifndef MAMLSH_PSEUDO_TERMINAL_H
#define MAMLSH_PSEUDO_TERMINAL_H

/// Opens a new pseudo-terminal; returns the master's descriptor (or -1) and
/// writes the slave's path into `path` (`size` bytes).
int mamlsh_open_pseudo_terminal(char *path, unsigned long size);

#endif
