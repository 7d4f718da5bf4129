import Foundation
import MAMLCore

/// The built-ins that belong to the language rather than to numbers:
/// errors (`error`, `warning`, `assert`), display (`disp`, `format`),
/// scripts (`source`, `exist`, `exit`), functions as values (`map`,
/// `arrayfun`, `feval`), structs (`struct`, `fieldnames`, `isfield`,
/// `rmfield`) and `isequal`.
extension Builtins {
    /// `code` of `exit`.
    static let exitCode = Param.count("code", default: 0, in: .whole(0...255), subject: "the exit status", help: "the exit status")
    /// `k` of `repeat`.
    static let realizationCount = Param.count("k", in: .whole(0...1_000_000), help: "the number of realizations")
    /// `uniform=` of `arrayfun`.
    static let uniformOutput = Param.condition("uniform", default: true,
                                               help: "whether the results are numbers, collected in a matrix of v's shape; false gives a list")

    // MARK: Errors

    static let errors: [BuiltinFunction] = [
        BuiltinFunction("error", [.required("format")], variadic: true,
                        help: "stops with an error at this call: error(\"eta = %g is too large\", eta)\nThe message is formatted as sprintf does (a lone argument is used as it is). As in Octave, a first argument such as \"maml:diverged\" (words joined by ':', no spaces) followed by a message is an identifier: error(\"maml:diverged\", \"F = %g\", F). try … catch err catches it: err.message, err.identifier (\"\" when none), err.line, err.column, err.file, err.stack.") { c in
            var identifier = ""
            var text: String
            let first = try c.string("format")
            if let second = c.rest.first, case .string(let template) = second.value, Builtins.isErrorIdentifier(first) {
                identifier = first
                let values = Array(c.rest.dropFirst()).map(\.value)
                text = values.isEmpty ? template : try render(template, values, c)
            } else {
                text = try message(c)
            }
            var d = Diagnostic(text, at: c.location)
            d.raisedByProgram = true
            d.identifier = identifier
            throw d
        },
        BuiltinFunction("warning", [.required("format")], variadic: true,
                        help: "prints \"warning: …\" on standard error and goes on: warning(\"eta = %g is large\", eta)") { c in
            c.session.warn(try message(c))
            return nil
        },
        BuiltinFunction("assert", [.required("cond"), .optional("expected", "none"), .optional("tol", "0")], variadic: true,
                        help: "stops with an error unless cond holds: assert(cond), assert(cond, \"message %d\", k)\nassert(observed, expected) and assert(observed, expected, tol) compare values as Octave does: tol > 0 an absolute, tol < 0 a relative tolerance.") { c in
            let cond = try c.value("cond")
            var messageForm = !c.has("expected")
            if c.has("expected"), case .string = try c.value("expected") { messageForm = true }
            if messageForm {
                if try c.interpreter.truth(cond, at: c.location(of: "cond"), what: "the condition of assert") { return nil }
                var text = "assertion failed"
                if c.has("expected") {
                    let format = try c.string("expected")
                    var args = c.rest.map(\.value)
                    if c.has("tol") { args.insert(try c.value("tol"), at: 0) }
                    text = try render(format, args, c)
                }
                var d = Diagnostic(text, at: c.location)
                d.raisedByProgram = true
                throw d
            }
            let expected = try c.value("expected")
            let tol = c.has("tol") ? try c.number("tol") : 0
            if let problem = compare(cond, expected, tol: tol) {
                var d = Diagnostic("assertion failed: \(problem)", at: c.location)
                d.raisedByProgram = true
                throw d
            }
            return nil
        },
    ]

    /// The formatted message of `error`/`warning` (a lone argument as it is).
    /// Whether `s` reads as an Octave error identifier: words of letters,
    /// digits, `_` and `-` joined by ':' (at least two), nothing else.
    static func isErrorIdentifier(_ s: String) -> Bool {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { part in
            guard let first = part.first, first.isLetter else { return false }
            return part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        }
    }

    private static func message(_ c: Call) throws -> String {
        let format = try c.string("format")
        if c.rest.isEmpty { return format }
        return try render(format, c.rest.map(\.value), c)
    }

    private static func render(_ format: String, _ values: [Value], _ c: Call) throws -> String {
        do {
            return try PrintfFormat(format).render(try printfArguments(values))
        } catch let e as LangError {
            throw LangError("\(c.name): \(e.message)", at: c.location)
        }
    }

    /// Why `observed` is not `expected` within `tol` (nil when it is).
    private static func compare(_ observed: Value, _ expected: Value, tol: Double) -> String? {
        guard let a = observed.asMatrix, let b = expected.asMatrix else {
            return observed.isEqual(to: expected, nanEqual: true) ? nil
                : "observed \(observed.inlineDescription()) but expected \(expected.inlineDescription())"
        }
        if expected.asScalar == nil || a.count != 1 {
            guard a.rows == b.rows && a.cols == b.cols || b.count == 1 else {
                return "observed a \(a.shapeDescription) value but expected \(b.shapeDescription)"
            }
        }
        for k in 0..<a.count {
            let x = a.storage[k], y = b.count == 1 ? b.storage[0] : b.storage[k]
            if x.isNaN && y.isNaN { continue }
            let error = abs(x - y)
            let allowed = tol >= 0 ? tol : abs(tol) * abs(y)
            if !(error <= allowed) && x != y {
                return "entry \(k + 1) is \(formatShort(x)) but expected \(formatShort(y))" + (tol != 0 ? " (tolerance \(formatShort(tol)))" : "")
            }
        }
        return nil
    }

    // MARK: Display

    static let display: [BuiltinFunction] = [
        BuiltinFunction("disp", [.required("x")], help: "shows x without its name (a matrix as columns, a string as it is)") { c in
            let v = try c.value("x")
            c.session.write(v.display(c.session.displayFormat) + "\n")
            return nil
        },
        BuiltinFunction("format", [.optional("mode", "\"short\"")],
                        help: "format long shows numbers with 16 significant digits, format short (the default) with 6") { c in
            let mode = c.has("mode") ? try c.string("mode") : "short"
            switch mode {
            case "short": c.session.numberFormat = .short
            case "long": c.session.numberFormat = .long
            default:
                throw LangError("format takes short or long (it is \(quoted(mode)))", at: c.location(of: "mode"))
            }
            return nil
        },
        BuiltinFunction("help", [.optional("name", "none")], help: """
                        prints the help of a built-in, a user function or a constant: help maml, or help("maml")
                        Command syntax as in Octave: help maml is help("maml"). In the session, :help lists every
                        built-in by topic; docs/builtins.md is the whole reference.
                        """) { c in
            guard c.has("name") else {
                c.session.write("help NAME shows the help of a built-in or function (help maml); :help in the session lists them all\n")
                return nil
            }
            let name = try c.string("name")
            guard let text = c.interpreter.help(for: name) else {
                let hint = Suggestions.hint(for: name, in: c.interpreter.functionNames + c.interpreter.builtins.names)
                throw LangError("no function or built-in named '\(name)'\(hint)", at: c.location(of: "name"))
            }
            c.session.write(text + "\n")
            return nil
        },
        BuiltinFunction("whos", [], help: """
                        lists the variables (name, kind and size, bytes) and user functions, as Octave's whos
                        The session's variables, also when called inside a function; :vars in the session is the same.
                        """) { c in
            c.session.write(VariableTable.text(for: c.interpreter))
            return nil
        },
        BuiltinFunction("close", [], variadic: true, help: """
                        does nothing: accepted so that Octave scripts beginning with close all run
                        Figures are values here (f = plot(…)); there are no windows to close.
                        """) { _ in nil },
        BuiltinFunction("clc", [], help: """
                        clears the terminal in the session; does nothing in a script or a notebook (so Octave scripts beginning with clc run)
                        """) { c in
            c.session.options.clearScreen?()
            return nil
        },
        BuiltinFunction("clear", [], variadic: true, help: """
                        forgets variables: clear (or clear all) every variable, clear x y the ones named
                        Command syntax as in Octave. Functions stay defined (:clear in the session also forgets them
                        and reseeds the generator). Only at the top level of a script or the session.
                        """) { c in
            guard c.interpreter.currentScope.kind == .global else {
                throw LangError("clear works at the top level of a script or the session, not inside a function", at: c.location)
            }
            var names: [String] = []
            for a in c.rest {
                guard case .string(let name) = a.value else {
                    throw LangError("clear takes variable names (it was given \(a.value.typeDescription))", at: a.location)
                }
                names.append(name)
            }
            if names.isEmpty || names.contains(where: { ["all", "-all", "-a", "variables", "-variables", "-v"].contains($0) }) {
                c.interpreter.forgetVariables(nil)
            } else {
                c.interpreter.forgetVariables(names)
            }
            return nil
        },
    ]

    // MARK: Scripts

    static let scripts: [BuiltinFunction] = [
        BuiltinFunction("source", [.required("file")],
                        help: "runs another script here, in this scope (its variables and functions become yours)\nA relative path is found from the folder of the script that calls source.") { c in
            try c.interpreter.runSource(try c.string("file"), at: c.location(of: "file"), calledAt: c.location)
            return nil
        },
        BuiltinFunction("exist", [.required("name")],
                        help: "1 if a variable of that name is defined here, else 0\nif !exist(\"seed\") seed = 1; end gives a default that `mamlsh script.maml seed=3` overrides. Unlike Octave's exist, functions do not count: the question is whether the variable is there.") { c in
            let name = try c.string("name")
            let i = c.interpreter
            if let slot = i.currentScope.existingSlot(name), i.frame[slot] != nil { return .number(1) }
            return .number(0)
        },
        BuiltinFunction("exit", [exitCode],
                        help: "ends the script (or the session) with exit status code") { c in
            let code = try c[exitCode]
            var d = Diagnostic("exit(\(code))", at: c.location)
            d.exitCode = Int32(code)
            throw d
        },
        BuiltinFunction("isequal", [.required("a"), .required("b")], variadic: true,
                        help: "whether all its arguments are equal values (same shape and entries; NaN is not equal to NaN)") { c in
            let a = try c.value("a")
            let others = [try c.value("b")] + c.rest.map(\.value)
            return .bool(others.allSatisfy { a.isEqual(to: $0) })
        },
        BuiltinFunction("isequaln", [.required("a"), .required("b")], variadic: true,
                        help: "isequal, with NaN equal to NaN: a saved value read back (a run's last β is NaN) compares so") { c in
            let a = try c.value("a")
            let others = [try c.value("b")] + c.rest.map(\.value)
            return .bool(others.allSatisfy { a.isEqual(to: $0, nanEqual: true) })
        },
        BuiltinFunction("strcmp", [.required("a"), .required("b")],
                        help: "whether a and b are the same string (false, not an error, when either is not a string)") { c in
            guard case .string(let a) = try c.value("a"), case .string(let b) = try c.value("b") else { return .bool(false) }
            return .bool(a == b)
        },
    ]

    // MARK: Functions as values

    static let functional: [BuiltinFunction] = [
        BuiltinFunction("map", [.required("f"), .required("L")],
                        help: "the list of f(x) for each item x of a list (or each entry of a vector, each task of a task set)") { c in
            let f = try c.function("f")
            let items = try elements(c, "L")
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items {
                try c.interpreter.checkInterruption(at: c.location)
                out.append(try c.interpreter.callValue(f, [item], at: c.location))
            }
            return .list(try ListValue(out))
        },
        BuiltinFunction("repeat", [realizationCount, .required("f")],
                        help: "the list of f(i) for i = 1…k, realization i drawing its random numbers from seed(s·2^32 + i), s the session seed (the last seed(s), 0 at start); the session's generator is left as it was") { c in
            let k = try c[realizationCount]
            let f = try c.function("f")
            let session = c.session
            let saved = session.rng
            defer { session.rng = saved }
            var out: [Value] = []
            out.reserveCapacity(k)
            for i in stride(from: 1, through: k, by: 1) {
                try c.interpreter.checkInterruption(at: c.location)
                session.rng = Xoshiro256StarStar(seed: realizationSeed(session.seed, i))
                out.append(try c.interpreter.callValue(f, [.number(Double(i))], at: c.location))
            }
            return .list(try ListValue(out))
        },
        BuiltinFunction("arrayfun", [.required("f"), .required("v"), uniformOutput],
                        help: "f applied to each entry of v: a matrix of v's shape when each result is a number (uniform=false gives a list, for other results)") { c in
            let f = try c.function("f")
            let v = try c.value("v")
            guard let m = v.asMatrix else {
                throw LangError("v must be a number, a vector or a matrix (it is \(v.typeDescription)); use map for a list", at: c.location(of: "v"))
            }
            let uniform = try c[uniformOutput]
            var results: [Value] = []
            results.reserveCapacity(m.count)
            for k in 0..<m.count {
                try c.interpreter.checkInterruption(at: c.location)
                results.append(try c.interpreter.callValue(f, [.number(m.storage[k])], at: c.location))
            }
            if !uniform { return .list(try ListValue(results)) }
            if results.contains(where: \.isComplex) {
                // Complex numbers among the results: a complex matrix of v's shape, as Octave's arrayfun gives.
                var z = ComplexMatrix(rows: m.rows, cols: m.cols)
                for (k, r) in results.enumerated() {
                    guard let w = r.asComplexMatrix, w.count == 1, let x = w.entries.first else {
                        throw LangError("\(f.text) gave \(r.typeDescription) for entry \(k + 1), not a number; use arrayfun(f, v, uniform=false) or map", at: c.location(of: "f"))
                    }
                    z.entries[k] = x
                }
                return Value(complex: z)
            }
            var out = Matrix(rows: m.rows, cols: m.cols)
            var allBool = !results.isEmpty
            for (k, r) in results.enumerated() {
                guard let x = r.asScalar else {
                    throw LangError("\(f.text) gave \(r.typeDescription) for entry \(k + 1), not a number; use arrayfun(f, v, uniform=false) or map", at: c.location(of: "f"))
                }
                if case .bool = r {} else { allBool = false }
                out.storage[k] = x
            }
            return allBool ? Value(logical: out) : Value(out)
        },
        BuiltinFunction("feval", [.required("f")], variadic: true,
                        help: "calls f (a function value or a function's name) with the other arguments: feval(@sin, 1), feval(\"gap\", t, W)") { c in
            let v = try c.value("f")
            let f: FunctionValue
            switch v {
            case .function(let fv): f = fv
            case .string(let name):
                if c.interpreter.functionCell(name).function != nil { f = FunctionValue(.user(c.interpreter.functionCell(name))) }
                else if let b = c.interpreter.builtins[name] { f = FunctionValue(.builtin(b)) }
                else { throw c.interpreter.unknownFunction(name, at: c.location(of: "f")) }
            default:
                throw LangError("f must be a function or a function's name (it is \(v.typeDescription))", at: c.location(of: "f"))
            }
            return try c.interpreter.callValue(f, c.rest.map(\.value), at: c.location)
        },
    ]

    /// The items `map` goes over.
    private static func elements(_ c: Call, _ p: String) throws -> [Value] {
        let v = try c.value(p)
        switch v {
        case .list(let l): return l.items
        case .taskSet(let s): return s.tasks.map { .task($0) }
        case .range(let r): return (0..<r.count).map { .number(r.element($0)) }
        default:
            guard let m = v.asMatrix else {
                throw LangError("\(p) must be a list, a task set or a vector (it is \(v.typeDescription))", at: c.location(of: p))
            }
            return m.storage.map { .number($0) }
        }
    }

    // MARK: Structs

    static let structs: [BuiltinFunction] = {
        var make = BuiltinFunction("struct", [], help: "a struct with the named fields: struct(a=1, b=\"x\")") { c in
            if let extra = c.rest.first {
                throw LangError("struct takes named fields only: struct(name=value, …)", at: extra.location)
            }
            for (_, argument) in c.extraNamed {
                do { try Value.checkNesting(of: argument.value) } catch let e as LangError {
                    throw LangError(e.message, at: argument.location)
                }
            }
            return .structure(StructValue(c.extraNamed.map { ($0.0, $0.1.value) }))
        }
        make.collectsNamed = true
        return [
            make,
            BuiltinFunction("fieldnames", [.required("s")], help: "the names of a struct's fields, as a list of strings, in order") { c in
                let names = try fieldNames(c, "s")
                return .list(ListValue(flat: names.map { .string($0) }))
            },
            BuiltinFunction("isfield", [.required("s"), .required("name")],
                            help: "whether s has a field of that name (for a list of names, a logical array)") { c in
                let names = Set(try fieldNames(c, "s"))
                let v = try c.value("name")
                switch v {
                case .string(let n): return .bool(names.contains(n))
                case .list(let l):
                    let flags = l.items.map { item -> Double in
                        if case .string(let n) = item, names.contains(n) { return 1 }
                        return 0
                    }
                    return Value(logical: Matrix(row: flags))
                default:
                    throw LangError("name must be a string or a list of strings (it is \(v.typeDescription))", at: c.location(of: "name"))
                }
            },
            BuiltinFunction("rmfield", [.required("s"), .required("name")], help: "s without the named field") { c in
                let v = try c.value("s")
                guard case .structure(var s) = v else {
                    throw LangError("s must be a struct (it is \(v.typeDescription))", at: c.location(of: "s"))
                }
                let name = try c.string("name")
                guard s[name] != nil else {
                    throw LangError("the struct has no field '\(name)'\(Suggestions.hint(for: name, in: s.names))", at: c.location(of: "name"))
                }
                s[name] = nil
                return .structure(s)
            },
        ]
    }()

    private static func fieldNames(_ c: Call, _ p: String) throws -> [String] {
        let v = try c.value(p)
        if case .structure(let s) = v { return s.names }
        let names = v.fieldNames
        if names.isEmpty {
            throw LangError("\(p) must be a struct (it is \(v.typeDescription))", at: c.location(of: p))
        }
        return names
    }
}

/// Values as printf arguments: numbers (each entry of a matrix), text.
func printfArguments(_ values: [Value]) throws -> [PrintfFormat.Argument] {
    // Matrices give an argument per entry: what they add is checked against free memory first.
    let entries = values.reduce(0) { n, v in
        switch v {
        case .matrix(let m), .logical(let m): return n &+ m.count
        case .range(let r): return n &+ r.count
        case .complex(let z): return n &+ z.count
        default: return n &+ 1
        }
    }
    try Limits.requireMemory(bytes: entries &* MemoryLayout<PrintfFormat.Argument>.stride, what: "the values to format")
    var args: [PrintfFormat.Argument] = []
    args.reserveCapacity(entries)
    for v in values {
        switch v {
        case .string(let s): args.append(.text(s))
        case .number(let x): args.append(.number(x))
        case .bool(let b): args.append(.number(b ? 1 : 0))
        case .matrix, .range, .logical:
            if let m = v.asMatrix { args.append(contentsOf: m.storage.map { .number($0) }) }
        case .complex(let z):
            // As Octave's (and MATLAB's) printf: a complex value gives its real parts only.
            args.append(contentsOf: z.matrix.entries.map { .number($0.re) })
        default: args.append(.text(v.display()))
        }
    }
    return args
}

extension Builtins {
    /// The seed of realization i of `repeat` under session seed s: s·2³² + i
    /// (wrapping), so `seed(s * 2^32 + i)` re-runs realization i alone.
    static func realizationSeed(_ s: UInt64, _ i: Int) -> UInt64 {
        (s << 32) &+ UInt64(i)
    }
}
