import MAMLCore

/// A built-in function: its name, parameters, help and body.
///
/// A body returns the function's outputs, as many as the call asks for
/// (`Call.outputCount`) or fewer; none for a function that gives no value
/// (`printf`). Most functions have one output; `[m, k] = max(v)` asks `max`
/// for two.
package struct BuiltinFunction: Sendable {
    package let name: String
    package let parameters: [Parameter]
    /// Extra positional arguments are collected (`tasks(t1, t2, …)`, `printf(fmt, …)`).
    package let variadic: Bool
    /// What it does: the first line is the summary `:help` lists; more lines
    /// (Octave differences, examples) follow in `:help name` and docs/builtins.md.
    package private(set) var help: String
    /// The most outputs it gives (`[a, b] = f(…)` asks for two).
    package let outputs: Int
    /// Names of the outputs, for the help (`["m", "k"]` for `[m, k] = max(v)`).
    package let outputNames: [String]
    /// Named arguments that match no parameter are collected
    /// (`Call.extraNamed`) instead of refused: `struct(a=1, b=2)`.
    package var collectsNamed = false
    /// Call forms shown instead of the one made from the parameters, for a
    /// built-in whose positional arguments take several shapes
    /// (`plot(y)`, `plot(x, y)`, `plot(f, x, y)`, `plot(r1, r2, …)`).
    package var forms: [String] = []
    /// Named arguments it knows but does not take, each with the message
    /// saying why and where they apply (a figure option that does not apply
    /// to this kind of plot: `linestyle=` on `heatmap`).
    package var refusals: [String: String] = [:]
    package private(set) var body: @Sendable (Call) throws -> [Value]

    /// A function with one output (or none: `body` returns nil).
    package init(_ name: String, _ parameters: [any ParameterDeclaring], variadic: Bool = false, help: String,
         body: @escaping @Sendable (Call) throws -> Value?) {
        self.init(name, parameters, variadic: variadic, outputs: [], help: help) { c in try body(c).map { [$0] } ?? [] }
    }

    /// A function with several outputs, named `outputs` (`["m", "k"]`; none
    /// for a function of one output). A setting that MAMLCore refuses in the
    /// body (`MAMLError.invalidSetting`) is reported at the argument of that
    /// name.
    package init(_ name: String, _ parameters: [any ParameterDeclaring], variadic: Bool = false, outputs: [String], help: String,
         body: @escaping @Sendable (Call) throws -> [Value]) {
        self.name = name
        self.parameters = parameters.map(\.declaration)
        self.variadic = variadic
        self.help = help
        self.outputs = max(1, outputs.count)
        self.outputNames = outputs
        self.body = { c in try c.placed { try body(c) } }
    }

    /// The same function, refusing these named arguments with these messages.
    package func refusing(_ messages: [String: String]) -> BuiltinFunction {
        var f = self
        f.refusals = messages
        return f
    }

    /// The same function, taking a complex `p` part by part: the body runs
    /// on the real parts and on the imaginary parts, and the results are
    /// put together as real + imaginary·i. Right for functions linear in `p`
    /// that only move, sum or scale its entries (`sum`, `mean`, `reshape`,
    /// `diag`, …); the help says so.
    package func takingComplexPartByPart(_ p: String) -> BuiltinFunction {
        var f = self
        let original = body
        f.body = { c in
            guard case .complex(let z)? = c.bound[p]?.value else { return try original(c) }
            let re = try original(c.replacing(p, with: Value(z.matrix.real)))
            let im = try original(c.replacing(p, with: Value(z.matrix.imaginary)))
            return try zip(re, im).map { a, b in
                guard let x = a.asMatrix, let y = b.asMatrix else { return a }
                return Value(complex: try ComplexMatrix(real: x, imaginary: y))
            }
        }
        f.help = help + "\nA complex \(p) is taken part by part: the result's real part is that of real(\(p)), its imaginary part that of imag(\(p))."
        return f
    }

    /// The same function with `complexBody` for a complex `p`: it gets the
    /// call, the complex matrix and the function's own body (to run on real
    /// values it makes); `note`, unless empty, is added to the help.
    package func withComplexForm(_ p: String, note: String,
                                 _ complexBody: @escaping @Sendable (Call, ComplexMatrix, (Call) throws -> [Value]) throws -> [Value]) -> BuiltinFunction {
        var f = self
        let original = body
        f.body = { c in
            guard case .complex(let z)? = c.bound[p]?.value else { return try original(c) }
            return try complexBody(c, z.matrix, original)
        }
        if !note.isEmpty { f.help = help + "\n" + note }
        return f
    }

    /// The same function, documented by these call forms.
    package func documented(forms: [String]) -> BuiltinFunction {
        var f = self
        f.forms = forms
        return f
    }

    /// `maml(T, W0, eta=…, beta=…, iters=50, …)`; a variadic function shows
    /// `…` after its positional parameters (`tasks(t1, …)`); a function with
    /// call forms lists them (`plot(y) or plot(x, y) or …`).
    package var signature: String {
        if !forms.isEmpty { return forms.joined(separator: " or ") }
        var parts = parameters.filter { !$0.namedOnly }.map(\.signatureText)
        if variadic { parts.append("…") }
        parts += parameters.filter(\.namedOnly).map(\.signatureText)
        let call = "\(name)(\(parts.joined(separator: ", ")))"
        return outputNames.count > 1 ? "[\(outputNames.joined(separator: ", "))] = \(call)" : call
    }

    /// The first line of the help.
    package var summary: String { String(help.split(separator: "\n", omittingEmptySubsequences: false).first ?? "") }

    /// The help with a line for each parameter that has help, in the
    /// order of the signature, as `:help name` and docs/builtins.md show it.
    package var fullHelp: String {
        let ordered = parameters.filter { !$0.namedOnly } + parameters.filter(\.namedOnly)
        return ([help] + ordered.compactMap(\.helpLine)).joined(separator: "\n")
    }
}

/// The public description of a built-in (for `:help` and completion).
public struct BuiltinInfo: Sendable, Equatable {
    /// The name, e.g. "maml".
    public let name: String
    /// The call form, e.g. `maml(T, W0, eta=…, beta=…, iters=50, tol=0, method="exact", safety=0.9)`.
    public let signature: String
    /// What it does: its summary line, details, and a line for each
    /// parameter that has help (`:help name`).
    public let help: String
}

/// MAMLLang's own built-in functions and constants (a file per family,
/// `Builtins+LinearAlgebra.swift`, …); other modules declare families of
/// their own (MAMLFigures' `FigureBuiltins`).
package enum Builtins {
    /// MAMLLang's families in the order the reference lists them, with their
    /// titles (`BuiltinLibrary.language`). A family installed from another
    /// module says where it goes among them (`BuiltinFamily.listedAfter`).
    static let families: [BuiltinFamily] = [
        BuiltinFamily("Matrices and linear algebra", linearAlgebra),
        BuiltinFamily("Factorizations and matrix functions", factorizations),
        BuiltinFamily("Building and reshaping", construction),
        BuiltinFamily("Sizes and stacking (Octave habits)", octaveHabits),
        BuiltinFamily("Element by element", elementwise),
        BuiltinFamily("Complex numbers", complexNumbers),
        BuiltinFamily("Reductions", reductions),
        BuiltinFamily("Statistics and fits", statistics),
        BuiltinFamily("Differences, integrals and products", calculus),
        BuiltinFamily("Finding and sorting", search),
        BuiltinFamily("Lists and values", values),
        BuiltinFamily("Text", text + strings + stringEditing),
        BuiltinFamily("Random numbers", random),
        BuiltinFamily("LQR tasks", lqr),
        BuiltinFamily("Control: equations, design, estimation, discretization", control),
        BuiltinFamily("MAML", maml),
        BuiltinFamily("Policy optimization", policyOptimization),
        BuiltinFamily("Task distributions and meta-testing", metaLearning),
        BuiltinFamily("Benchmark systems", benchmarks),
        BuiltinFamily("Files", io),
        BuiltinFamily("Sweeps", sweeps),
        BuiltinFamily("Errors", errors),
        BuiltinFamily("Display", display),
        BuiltinFamily("Scripts", scripts),
        BuiltinFamily("Functions as values", functional),
        BuiltinFamily("Structs", structs),
        BuiltinFamily("Time", time),
    ]

    /// The functions linear in one argument that take a complex one part by
    /// part (`BuiltinFunction.takingComplexPartByPart`), with that argument.
    static let complexPartByPart: [String: String] = [
        "sum": "x", "mean": "x", "cumsum": "x", "diag": "v", "reshape": "x", "repmat": "x",
        "fliplr": "x", "flipud": "x", "diff": "x",
    ]

    /// The functions that read only whether entries are nonzero, with the
    /// argument they take: a complex one is read through its moduli.
    static let complexByModulus: [String: String] = ["any": "x", "all": "x", "find": "x"]

    /// `family` with the complex forms of its functions: those of
    /// `complexPartByPart` part by part, those of `complexByModulus` on the
    /// moduli, `prod` and `cumprod` by complex products (applied where the
    /// library is made, `BuiltinLibrary.language`).
    static func partByPart(_ family: BuiltinFamily) -> BuiltinFamily {
        family.mapFunctions { f in
            if let p = complexPartByPart[f.name] {
                let split = f.takingComplexPartByPart(p)
                guard f.name == "sum" || f.name == "mean" else { return split }
                // "omitnan" leaves out whole entries: one is NaN when either part is, so both parts go.
                return split.withComplexForm(p, note: "") { c, z, partByPart in
                    guard let (omit, _) = try nanFlag(c, dimension: "dim", flag: "nanflag"), omit else { return try partByPart(c) }
                    let nan = Complex(.nan, .nan)
                    let marked = ComplexMatrix(rows: z.rows, cols: z.cols, entries: z.entries.map { $0.isNaN ? nan : $0 })
                    return try partByPart(c.replacing(p, with: Value(keepingComplex: marked)))
                }
            }
            if let p = complexByModulus[f.name] {
                return f.withComplexForm(p, note: "A complex \(p) counts by its moduli: an entry is nonzero when either part is.") { c, z, original in
                    try original(c.replacing(p, with: Value(z.entriesMap { $0.magnitude })))
                }
            }
            if f.name == "prod" || f.name == "cumprod" {
                let cumulative = f.name == "cumprod"
                return f.withComplexForm("x", note: "A complex x gives complex \(cumulative ? "running products" : "products").") { c, z, _ in
                    let shape = Matrix(rows: z.rows, cols: z.cols)
                    let dim = try c.dimension() ?? Lanes.defaultDimension(shape)
                    return [Value(complex: ComplexLanes.products(z, dim: dim, cumulative: cumulative))]
                }
            }
            return f
        }
    }

    /// Named constants: identifiers that mean a value unless a variable has the name.
    static let constants: [String: (value: Value, help: String)] = [
        "auto": (.auto,
                 "auto: the choice left to mamlsh. As eta= or beta= of maml, the largest step Lemma 1 / Lemma 3 certify at each iterate, times safety= (a certificate of stability, not of descent: beta=auto may raise F and oscillate); as step= of pg, the step the theory certifies for its method; as logx= or logy= of a figure, the scale chosen from the data"),
        "pi": (.number(Double.pi), "pi: 3.14159…"),
        "Inf": (.number(Double.infinity), "Inf: positive infinity"),
        "NaN": (.number(Double.nan), "NaN: not a number"),
        "i": (Value(complex: Complex.i), "i: the imaginary unit √−1, unless a variable is named i (a loop `for i in 1:n` shadows it, as in Octave); `2i` and `1i` always mean it"),
        "j": (Value(complex: Complex.i), "j: the imaginary unit, as i (unless a variable is named j)"),
    ]
}
