import MAMLCore

/// print, printf, fprintf, sprintf.
extension Builtins {
    static let text: [BuiltinFunction] = [
        BuiltinFunction("print", [], variadic: true,
                        help: """
                        prints its arguments separated by spaces, then a newline (strings without quotes)
                        Numbers show as the echo shows them (format short or long). A value shown as a block of lines —
                        a matrix, a struct, a run — starts on a line of its own, set as the echo sets it under its name:
                        print("W =", [1 2; 3 4]) shows the line "W =" and the matrix indented under it.
                        """) { c in
            c.session.write(Value.printed(c.rest.map(\.value), format: c.session.displayFormat))
            return nil
        },
        BuiltinFunction("printf", [.required("format")], variadic: true,
                        help: """
                        prints values with a C-style format: %d %i %g %f %e %s %%, widths and precisions (%8.3f), \\n
                        A complex value gives its real parts only, as in Octave and MATLAB (printf("%g", 3 + 2i) prints 3):
                        print both with printf("%g%+gi", real(z), imag(z)), or use num2str(z) or disp(z).
                        """) { c in
            c.session.write(try formatted(c))
            return nil
        },
        BuiltinFunction("fprintf", [.required("format")], variadic: true, help: """
                        printf to a stream: fprintf(format, …) to the output, fprintf(2, format, …) to standard error
                        fprintf(1, format, …) also prints to the output. The format is printf's. Standard error is where warnings go: red in a notebook, apart from the
                        output in a terminal. Only the streams 1 and 2 exist; files are written with save.
                        """) { c in
            let first = try c.value("format")
            if case .string = first {
                c.session.write(try formatted(c))
                return nil
            }
            guard let fid = first.asScalar, fid == 1 || fid == 2 else {
                throw LangError("fprintf's first argument must be a format, or the stream 1 (output) or 2 (standard error) before it (it is \(first.asScalar.map(formatShort) ?? first.typeDescription))",
                                at: c.location(of: "format"))
            }
            guard let format = c.rest.first else {
                throw LangError("fprintf(\(Int(fid))) needs a format: fprintf(\(Int(fid)), \"text %g\\n\", x)", at: c.location)
            }
            guard case .string(let text) = format.value else {
                throw LangError("the format of fprintf must be a string (it is \(format.value.typeDescription))", at: format.location)
            }
            let output = try render(text, c.rest.dropFirst().map(\.value), name: c.name, at: format.location)
            if fid == 1 { c.session.write(output) } else { c.session.writeErrorStream(output) }
            return nil
        }.documented(forms: ["fprintf(format, …)", "fprintf(fid, format, …)"]),
        BuiltinFunction("sprintf", [.required("format")], variadic: true,
                        help: "the text printf would print, as a string") { c in
            .string(try formatted(c))
        },
    ]

    /// The format argument applied to the rest; errors point at the format.
    private static func formatted(_ c: Call) throws -> String {
        try render(try c.string("format"), c.rest.map(\.value), name: c.name, at: c.location(of: "format"))
    }

    /// `format` applied to `values`; errors say `name` and point at `location` (the format).
    private static func render(_ format: String, _ values: [Value], name: String, at location: SourceLocation) throws -> String {
        let args = try printfArguments(values)
        do {
            return try PrintfFormat(format).render(args)
        } catch let e as LangError {
            throw LangError("\(name): \(e.message)", at: location)
        }
    }
}
