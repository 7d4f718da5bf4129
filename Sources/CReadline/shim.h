// GNU readline and history.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
