import MAMLCore

/// benchmark: the field's systems by name (`BenchmarkSystems` holds them).
extension Builtins {
    static let benchmarks: [BuiltinFunction] = [
        BuiltinFunction("benchmark", [.optional("name", "none: the list")],
                        help: """
                        a benchmark system of the literature as a struct of its matrices, its task (or task set) and the source to cite; benchmark() lists the names
                        \(BenchmarkSystems.names.map { "- \"\($0)\": \(BenchmarkSystems.summary($0))." }.joined(separator: "\n"))
                        Each is built from the parameters its published code states (cited in .source); the tests compare the
                        numbers with that code's. "cartpole" and "pendulum" are LQG systems (C, Qy, W, V; no task until the
                        language has LQG tasks); "suspension" carries its multiplicative noise (noiseA, varA, noiseB, varB)
                        beside the noiseless task.
                        """) { c in
            guard c.has("name") else { return .list(try ListValue(BenchmarkSystems.names.map { .string($0) })) }
            let name = try c.string("name")
            guard let system = try c.placed({ try BenchmarkSystems.system(name) }) else {
                let hint = Suggestions.hint(for: name, in: BenchmarkSystems.names)
                throw LangError("no benchmark \(quoted(name)); the benchmarks are \(BenchmarkSystems.names.joined(separator: ", "))\(hint)",
                                at: c.location(of: "name"))
            }
            var s = StructValue()
            for (field, value) in system.fields {
                switch value {
                case .matrix(let m): s[field] = Value(m)
                case .number(let x): s[field] = .number(x)
                case .text(let t): s[field] = .string(t)
                case .task(let t): s[field] = .task(t)
                case .tasks(let list): s[field] = .taskSet(try c.placed { try TaskSet(list) })
                case .matrices(let list): s[field] = .list(try ListValue(list.map { Value($0) }))
                }
            }
            return .structure(s)
        },
    ]
}
