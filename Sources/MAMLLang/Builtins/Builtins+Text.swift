import MAMLCore

/// print, printf, sprintf.
extension Builtins {
    static let text: [BuiltinFunction] = [
        BuiltinFunction("print", [], variadic: true,
                        help: "prints its arguments separated by spaces, then a newline (strings without quotes)") { c in
            let parts = c.rest.map { $0.value.printText }
            c.interpreter.write(parts.joined(separator: " ") + "\n")
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
        let args = printfArguments(c.rest.map(\.value))
        do {
            return try PrintfFormat(format).render(args)
        } catch let e as LangError {
            throw LangError("\(c.name): \(e.message)", at: c.location(of: "format"))
        }
    }
}
