import MAMLCore

/// print, printf, sprintf.
extension Builtins {
    static let text: [BuiltinFunction] = [
        BuiltinFunction("print", [], variadic: true,
                        help: """
                        prints its arguments separated by spaces, then a newline (strings without quotes)
                        Numbers show as the echo shows them (format short or long). A value shown as a block of lines —
                        a matrix, a struct, a run — starts on a line of its own, set as the echo sets it under its name:
                        print("W =", [1 2; 3 4]) shows the line "W =" and the matrix indented under it.
                        """) { c in
            c.interpreter.write(Value.printed(c.rest.map(\.value), format: c.interpreter.displayFormat))
            return nil
        },
        BuiltinFunction("printf", [.required("format")], variadic: true,
                        help: "prints values with a C-style format: %d %i %g %f %e %s %%, widths and precisions (%8.3f), \\n") { c in
            c.interpreter.write(try formatted(c))
            return nil
        },
        BuiltinFunction("sprintf", [.required("format")], variadic: true,
                        help: "the text printf would print, as a string") { c in
            .string(try formatted(c))
        },
    ]

    /// The format argument applied to the rest; errors point at the format.
    private static func formatted(_ c: Call) throws -> String {
        let format = try c.string("format")
        let args = try printfArguments(c.rest.map(\.value))
        do {
            return try PrintfFormat(format).render(args)
        } catch let e as LangError {
            throw LangError("\(c.name): \(e.message)", at: c.location(of: "format"))
        }
    }
}
