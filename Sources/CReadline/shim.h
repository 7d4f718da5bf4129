// GNU readline and history.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// readline's settings are C globals; Swift 6 refuses to touch global mutable
// state it cannot prove isolated, so the line editor sets them through these
// functions. readline is used from the main thread only.

/// Names the program, turns off readline's own signal handlers, sets the
/// word-break characters and the completion hook.
static inline void mamlsh_rl_configure(const char *name, const char *word_breaks,
                                       rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_catch_signals = 0;
    rl_completer_word_break_characters = (char *)word_breaks;
    rl_attempted_completion_function = complete;
    // Matches are listed in the order the program gives them (a call's
    // parameters before other names), not sorted.
    rl_sort_completion_matches = 0;
    // One Tab both completes what the matches share and lists them (an
    // ~/.inputrc read later may say otherwise).
    rl_variable_bind("show-all-if-ambiguous", "on");
}

/// Tells readline not to fall back to file-name completion.
static inline void mamlsh_rl_completion_over(void) { rl_attempted_completion_over = 1; }

/// Stops readline from appending a space after the only completion.
static inline void mamlsh_rl_no_append_character(void) { rl_completion_append_character = 0; }

/// The line being edited (NULL before readline starts).
static inline const char *mamlsh_rl_line_buffer(void) { return rl_line_buffer; }
