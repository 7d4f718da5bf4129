import Foundation
import MAMLFigures
import MAMLLang

/// Scripts run by the interpreter (group `lang`), against the same loops in
/// CPython (`scripts/bench/python_reference.py`). Each workload is one
/// program; the time is for the whole program.
let languageWorkloads: [(name: String, source: String)] = [
    // A scalar loop.
    ("lang_loop_1e6", "s = 0; for i in 1:1000000; s = s + i * 2; end"),
    // A user function called in a loop.
    ("lang_call_1e5", "function r = inc(x)\n  r = x + 1;\nend\ns = 0; for i in 1:100000; s = inc(s); end"),
    // Assigning into a vector that nothing else shares: in place, O(1) per step.
    ("lang_index_2e5", "x = zeros(1, 200000); for i in 1:200000; x[i] = i; end"),
    // Growing a vector by one entry: amortized O(1) per step.
    ("lang_grow_2e5", "x = []; for i in 1:200000; x[end+1] = i; end"),
    // Appending to a list.
    ("lang_append_2e5", "L = {}; for i in 1:200000; L = append(L, i); end"),
    // Growing by concatenation, the Octave idiom.
    ("lang_concat_2e5", "v = []; for i in 1:200000; v = [v i]; end"),
    // Updating a struct's field in a loop.
    ("lang_struct_2e5", "s = struct(a=0, b=0); for i in 1:200000; s.a = s.a + i; end"),
    // Calling an anonymous function that captures a matrix.
    ("lang_closure_1e5", "A = [1 2; 3 4]; f = @(x) x + A[2, 1]; s = 0; for i in 1:100000; s = f(s); end"),
    // A user function of two statements (straight-line arithmetic: computed as one formula).
    ("lang_function_1e5", "function r = step(x)\n  y = x + 1;\n  r = y;\nend\ns = 0; for i in 1:100000; s = step(s); end"),
    // A user function with a branch: its own frame at each call.
    ("lang_branch_1e5", "function r = branch(x)\n  if x > 50\n    r = x - 50;\n  else\n    r = x + 1;\n  end\nend\ns = 0; for i in 1:100000; s = branch(s); end"),
]

/// Times each language workload in a fresh interpreter.
func runLanguageWorkloads(reference: [String: Double]) throws {
    for (name, source) in languageWorkloads {
        let seconds = try measure(budget: 1, minimumBatches: 3) {
            let interpreter = Interpreter(options: InterpreterOptions(output: .discard, warnings: .discard), builtins: .withFigures)
            try interpreter.execute(source: source, fileName: name)
        }
        report(name, seconds, reference: reference)
    }
}
