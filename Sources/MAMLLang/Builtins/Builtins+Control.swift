import MAMLCore

/// The control toolbox, with the names, argument orders and outputs of
/// Octave's control package and MATLAB (python-control's where they differ,
/// documented): Lyapunov and Sylvester equations, the algebraic Riccati
/// equations, LQR and Kalman gains, discretization, controllability and
/// observability, Gramians, pole placement and stability. The numerics are
/// MAMLCore's (`MatrixEquations`, `Control`); each help states the equation,
/// the method and its reference.
extension Builtins {
    static let control: [BuiltinFunction] = [
        BuiltinFunction("lyap", [.required("A"), .required("Q"), .optional("C", "none")], help: """
                        the solution X of the continuous Lyapunov equation A X + X Aᵀ + Q = 0; lyap(A, B, C) of the Sylvester equation A X + X B + C = 0
                        Method: Bartels–Stewart (R. H. Bartels and G. W. Stewart, "Solution of the matrix equation
                        AX + XB = C", Comm. ACM 15(9), 1972): the real Schur forms of A and B (LAPACK dgees), the
                        quasi-triangular equation by LAPACK dtrsyl, transformed back; a Lyapunov solution is
                        symmetrized. A unique solution exists when no λi(A) + λj(B) is 0 (for lyap(A, Q): no two
                        eigenvalues of A sum to 0); otherwise an error names them. Octave's lyap(A, B, C) argument
                        order and sign (its control package; MATLAB's lyap(A, B, C) solves the same equation).
                        """) { c in
            let a = try c.matrix("A")
            if c.has("C") {
                let b = try c.matrix("Q"), cm = try c.matrix("C")
                return Value(try located(c, ["B": "Q"]) { try MatrixEquations.continuousSylvester(A: a, B: b, C: cm) })
            }
            let q = try c.matrix("Q")
            return Value(try located(c) { try MatrixEquations.continuousLyapunov(A: a, Q: q) })
        }.documented(forms: ["lyap(A, Q)", "lyap(A, B, C)"]),
        BuiltinFunction("dlyap", [.required("A"), .required("Q"), .optional("C", "none")], help: """
                        the solution X of the Stein (discrete Lyapunov) equation A X Aᵀ − X + Q = 0; dlyap(A, B, C) of A X B − X + C = 0
                        dlyap(A, Q): X = A X Aᵀ + Q by the Schur method of SteinSolver (Kitagawa 1977, Bartels–Stewart
                        on the real Schur form; a Kronecker solve for n ≤ 3), unique when no λi λj = 1 (A stable: the
                        controllability Gramian of (A, √Q)). dlyap(A, B, C): the discrete Sylvester equation by the
                        real Schur forms of A and B and a recursion on their quasi-triangular blocks (Octave's and
                        MATLAB's dlyap(A, B, C)); unique when no λi(A)·λj(B) = 1.
                        """) { c in
            let a = try c.matrix("A")
            if c.has("C") {
                let b = try c.matrix("Q"), cm = try c.matrix("C")
                return Value(try located(c, ["B": "Q"]) { try MatrixEquations.discreteSylvester(A: a, B: b, C: cm) })
            }
            let q = try c.matrix("Q")
            if !a.isSquare { throw LangError("A must be square (it is \(a.shapeDescription))", at: c.location(of: "A")) }
            if q.rows != a.rows || q.cols != a.cols {
                throw LangError("Q must be \(a.rows)×\(a.rows) like A (it is \(q.shapeDescription))", at: c.location(of: "Q"))
            }
            if !a.isFinite { throw LangError("A has NaN or infinite entries", at: c.location(of: "A")) }
            if !q.isFinite { throw LangError("Q has NaN or infinite entries", at: c.location(of: "Q")) }
            try c.requireScratch(for: a, copies: 8)
            return Value(try SteinSolver(a).solve(q))
        }.documented(forms: ["dlyap(A, Q)", "dlyap(A, B, C)"]),
        BuiltinFunction("care", riccatiParameters, outputs: ["X", "L", "G"], help: """
                        the stabilizing solution X of the continuous algebraic Riccati equation; [X, L, G] = care(A, B, Q, R, S)
                        AᵀX + XA − (XB + S) R⁻¹ (BᵀX + Sᵀ) + Q = 0 with A − B G stable, G = R⁻¹(BᵀX + Sᵀ) (the gain is
                        the third output, as Octave and MATLAB), L = eig(A − B G) the closed-loop eigenvalues. S (n×m)
                        defaults to 0. It exists when (A, B) is stabilizable and the Hamiltonian has no eigenvalue on
                        the imaginary axis (for example (A, Q) detectable, Q ⪰ 0, R ≻ 0); otherwise an error says so.
                        Method: the ordered generalized Schur (QZ) method on the extended (2n+m) pencil, as SLICOT
                        sb02od and SciPy (W. F. Arnold and A. J. Laub, Proc. IEEE 72(12), 1984), then one Newton step
                        (Kleinman 1968); the relative residual is checked and an ill-conditioned problem is an error,
                        not a poor answer. R must be symmetric and nonsingular.
                        \(eigenvalueOutputHelp)
                        """) { c in
            try riccatiOutputs(c, try riccati(c, discrete: false))
        },
        BuiltinFunction("dare", riccatiParameters, outputs: ["X", "L", "G"], help: """
                        the stabilizing solution X of the discrete algebraic Riccati equation; [X, L, G] = dare(A, B, Q, R, S)
                        AᵀXA − X − (AᵀXB + S)(R + BᵀXB)⁻¹(BᵀXA + Sᵀ) + Q = 0 with ρ(A − B G) < 1,
                        G = (R + BᵀXB)⁻¹(BᵀXA + Sᵀ) (the third output, as Octave and MATLAB), L = eig(A − B G). One
                        output gives X, as before. It exists when (A, B) is stabilizable and the symplectic pencil has
                        no eigenvalue on the unit circle (for example (A, Q) detectable, Q ⪰ 0, R ≻ 0). Method: the
                        ordered QZ method on the extended symplectic pencil (SLICOT sb02od; Arnold & Laub 1984; Pappas,
                        Laub and Sandell, IEEE TAC 25(4), 1980), then one Newton step (Hewer 1971), with the residual
                        checked. R may be singular when R + BᵀXB is not. A Kalman filter's Riccati equation is
                        dare(A', C', G*Qn*G', Rn) (or dlqe).
                        \(eigenvalueOutputHelp)
                        """) { c in
            try riccatiOutputs(c, try riccati(c, discrete: true))
        },
        BuiltinFunction("dlqr", lqrParameters, outputs: ["K", "S", "e"], help: """
                        the discrete-time LQR gain: [K, S, e] = dlqr(A, B, Q, R, N) minimizes Σ xᵀQx + uᵀRu + 2xᵀNu for x⁺ = Ax + Bu
                        u = −K x with K = (R + BᵀSB)⁻¹(BᵀSA + Nᵀ), S the stabilizing solution of the DARE (dare(A, B, Q,
                        R, N)), e = eig(A − B K). N defaults to 0. Octave's and MATLAB's outputs. For a task t,
                        lqr(t) gives the same K and S.
                        \(eigenvalueOutputHelp)
                        """) { c in
            let (a, b, q, r, n) = try lqrArguments(c)
            let design = try located(c, ["S": "N"]) { try Control.dlqr(A: a, B: b, Q: q, R: r, N: n) }
            return try lqrOutputs(c, design)
        },
        BuiltinFunction("lqe", estimatorParameters, outputs: ["L", "P", "E"], help: """
                        the continuous-time Kalman (Kalman–Bucy) gain: [L, P, E] = lqe(A, G, C, Qn, Rn, Nn)
                        For ẋ = Ax + Bu + Gw, y = Cx + v with E[wwᵀ] = Qn, E[vvᵀ] = Rn, E[wvᵀ] = Nn: P solves the filter
                        Riccati equation care(Aᵀ, Cᵀ, G Qn Gᵀ, Rn, G Nn), L = (P Cᵀ + G Nn) Rn⁻¹ and E = eig(A − L C).
                        G = [] means the identity. Octave's outputs ([L, P, E]); Rn must be nonsingular.
                        \(eigenvalueOutputHelp)
                        """) { c in
            let (a, g, cm, qn, rn, nn) = try estimatorArguments(c)
            let design = try located(c, ["Q": "Qn", "R": "Rn", "S": "Nn", "B": "C"]) {
                try Control.lqe(A: a, G: g, C: cm, Qn: qn, Rn: rn, Nn: nn)
            }
            return try limited(c, [Value(design.L), Value(design.P), try eigenvalueValue(c, design.E)])
        },
        BuiltinFunction("dlqe", estimatorParameters, outputs: ["M", "P", "Z", "E"], help: """
                        the discrete-time Kalman filter: [M, P, Z, E] = dlqe(A, G, C, Qn, Rn, Nn), as Octave
                        For x⁺ = Ax + Bu + Gw, y = Cx + v with E[wwᵀ] = Qn, E[vvᵀ] = Rn, E[wvᵀ] = Nn: P is the a priori
                        (predicted) error covariance, the stabilizing solution of dare(Aᵀ, Cᵀ, G Qn Gᵀ, Rn, G Nn);
                        M = P Cᵀ (C P Cᵀ + Rn)⁻¹ the measurement-update gain (x̂ ← x̂ + M (y − C x̂)); Z = P − M C P the
                        a posteriori covariance; E = eig(A − A M C) the estimator poles. python-control's dlqe returns
                        the predictor gain A·M as its first output instead; Octave's convention is followed here.
                        G = [] means the identity.
                        \(eigenvalueOutputHelp)
                        """) { c in
            let (a, g, cm, qn, rn, nn) = try estimatorArguments(c)
            let design = try located(c, ["Q": "Qn", "R": "Rn", "S": "Nn", "B": "C"]) {
                try Control.dlqe(A: a, G: g, C: cm, Qn: qn, Rn: rn, Nn: nn)
            }
            return try limited(c, [Value(design.M), Value(design.P), Value(design.Z), try eigenvalueValue(c, design.E)])
        },
        BuiltinFunction("c2d", [.required("A"), .required("B"), .required("dt"),
                                Param<Value>.value("method", default: .string("zoh"),
                                                   help: "\"zoh\" (zero-order hold), \"tustin\" (bilinear) or \"euler\" (forward)")],
                        outputs: ["Ad", "Bd"], help: """
                        the discretization [Ad, Bd] = c2d(A, B, dt, method) of ẋ = Ax + Bu with the step dt
                        "zoh": Ad = e^{A dt}, Bd = ∫₀^dt e^{As} ds B, from one exponential of the block matrix
                        [A B; 0 0]·dt (C. Van Loan, IEEE TAC 23(3), 1978; scaling and squaring, Higham 2005).
                        "tustin": Ad = (I − A dt/2)⁻¹(I + A dt/2), Bd = (I − A dt/2)⁻¹ B dt, as SciPy's cont2discrete
                        ("bilinear") and python-control; Octave's SLICOT-based c2d instead scales B and C by √dt (a
                        balanced realization with the same transfer function) — this Bd is SciPy's. "euler": Ad = I + A dt,
                        Bd = B dt. Octave writes c2d(sys, T, method) on a system object; here the matrices are passed.
                        """) { c in
            let a = try c.matrix("A"), b = try c.matrix("B"), dt = try c.number("dt")
            let method: DiscretizationMethod = try c.choice("method", names: DiscretizationMethod.allCases.map(\.rawValue),
                                                            aliases: ["bilinear": .tustin, "forward": .euler])
            let (ad, bd) = try located(c) { try Control.c2d(A: a, B: b, dt: dt, method: method) }
            return try limited(c, [Value(ad), Value(bd)])
        },
        BuiltinFunction("d2c", [.required("Ad"), .required("Bd"), .required("dt")], outputs: ["A", "B"], help: """
                        the continuous-time system [A, B] = d2c(Ad, Bd, dt) whose zero-order hold with step dt is (Ad, Bd)
                        The inverse of c2d(A, B, dt, "zoh"): [A B; 0 0] = logm([Ad Bd; 0 I])/dt, the principal matrix
                        logarithm by inverse scaling and squaring on the Schur form (Higham, "Functions of Matrices",
                        2008, Algorithm 11.9). An error when it does not exist as a real matrix: Ad singular or with an
                        eigenvalue on the negative real axis (no continuous-time system has that zero-order hold).
                        """) { c in
            let ad = try c.matrix("Ad"), bd = try c.matrix("Bd"), dt = try c.number("dt")
            let (a, b) = try located(c) { try Control.d2c(Ad: ad, Bd: bd, dt: dt) }
            return try limited(c, [Value(a), Value(b)])
        },
        BuiltinFunction("ctrb", [.required("A"), .required("B")], help: """
                        the controllability matrix [B, AB, A²B, …, Aⁿ⁻¹B] (n × nm)
                        (A, B) is controllable when its rank is n; rank(ctrb(A, B)) is a poor test for large n or badly
                        scaled A — place and care use a staircase (orthogonal) test instead.
                        """) { c in
            let a = try c.matrix("A"), b = try c.matrix("B")
            return Value(try located(c) { try Control.ctrb(A: a, B: b) })
        },
        BuiltinFunction("obsv", [.required("A"), .required("C")], help: """
                        the observability matrix [C; CA; CA²; …; CAⁿ⁻¹] (np × n)
                        (A, C) is observable when its rank is n (the dual of ctrb: obsv(A, C) = ctrb(A', C')').
                        """) { c in
            let a = try c.matrix("A"), cm = try c.matrix("C")
            return Value(try located(c) { try Control.obsv(A: a, C: cm) })
        },
        BuiltinFunction("gram", [.required("A"), .required("B"),
                                 Param<Value>.value("type", default: .string("c"), help: "\"c\" (controllability) or \"o\" (observability)"),
                                 Param<Bool>.boolean("discrete", default: false, help: "the discrete-time Gramians").named],
                        help: """
                        the controllability Gramian of (A, B), or gram(A, C, "o") the observability Gramian of (A, C)
                        Continuous time: Wc solves A Wc + Wc Aᵀ + B Bᵀ = 0 and Wo solves Aᵀ Wo + Wo A + Cᵀ C = 0 (lyap);
                        discrete=true: A Wc Aᵀ − Wc + B Bᵀ = 0 and Aᵀ Wo A − Wo + Cᵀ C = 0 (dlyap). A must be stable
                        (Re λ < 0, or |λ| < 1 in discrete time); otherwise an error names the eigenvalue. Octave's
                        gram(sys, "c"|"o") on a system object, here on matrices.
                        """) { c in
            let a = try c.matrix("A"), b = try c.matrix("B")
            let kind: GramianKind = try c.choice("type", names: ["c", "o"], aliases: ["controllability": .controllability,
                                                                                       "observability": .observability])
            let discrete = try c.boolean("discrete")
            return Value(try located(c) { try Control.gram(A: a, b, kind: kind, discrete: discrete) })
        },
        BuiltinFunction("place", [.required("A"), .required("B"), .required("p")], help: """
                        a gain K with eig(A − B K) = p (pole placement, multi-input, robust)
                        Method: Kautsky, Nichols and Van Dooren, "Robust pole assignment in linear state feedback", Int. J.
                        Control 41(5), 1985, method 0 (SciPy's place_poles method "KNV0"): the closed-loop eigenvectors
                        are chosen to make them as well conditioned as the method finds, so the placed poles are
                        insensitive to perturbations. K is not unique for m > 1; SciPy's default (Tits–Yang) or
                        Octave's place (SLICOT sb01bd) may give another K placing the same poles. p has n entries; a
                        pole may be repeated at most rank(B) times. An uncontrollable pair is refused with the modes no
                        input reaches; an achieved pole off by more than 1e-6 relatively is an error.
                        \(complexPolesHelp)
                        """) { c in
            let a = try c.matrix("A"), b = try c.matrix("B")
            let poles = try poleList(c, "p")
            let result = try located(c) { try Control.place(A: a, B: b, poles: poles) }
            return Value(result.K)
        },
        BuiltinFunction("isstable", [.required("A"), Param<Bool>.boolean("discrete", default: false,
                                                                          help: "|λ| < 1 instead of Re λ < 0").named],
                        help: """
                        whether the square matrix A is stable: every eigenvalue has Re λ < 0 (discrete=true: |λ| < 1)
                        The eigenvalues of the real Schur form (LAPACK dgees); an eigenvalue on the boundary (Re λ = 0,
                        |λ| = 1) is not stable, as Octave's isstable.
                        """) { c in
            let a = try c.matrix("A"), discrete = try c.boolean("discrete")
            return .bool(try located(c) { try Control.isStable(A: a, discrete: discrete) })
        },
    ]

    /// care/dare's parameters.
    private static let riccatiParameters: [any ParameterDeclaring] = [
        .required("A"), .required("B"), .required("Q"), .required("R"), .optional("S", "zeros(n, m)"),
    ]

    /// dlqr's parameters.
    private static let lqrParameters: [any ParameterDeclaring] = [
        .required("A"), .required("B"), .required("Q"), .required("R"), .optional("N", "zeros(n, m)"),
    ]

    /// lqe's and dlqe's parameters.
    private static let estimatorParameters: [any ParameterDeclaring] = [
        .required("A"), .required("G"), .required("C"), .required("Qn"), .required("Rn"), .optional("Nn", "zeros"),
    ]

    /// care or dare of the call's A, B, Q, R and S.
    private static func riccati(_ c: Call, discrete: Bool) throws -> RiccatiResult {
        let a = try c.matrix("A"), b = try c.matrix("B"), q = try c.matrix("Q"), r = try c.matrix("R")
        let s = c.has("S") ? try c.matrix("S") : nil
        return try located(c) {
            discrete ? try Control.dare(A: a, B: b, Q: q, R: r, S: s) : try Control.care(A: a, B: b, Q: q, R: r, S: s)
        }
    }

    /// [X, L, G], as many as asked for.
    private static func riccatiOutputs(_ c: Call, _ s: RiccatiResult) throws -> [Value] {
        if c.outputCount < 2 { return [Value(s.X)] }
        return try limited(c, [Value(s.X), try eigenvalueValue(c, s.L), Value(s.G)])
    }

    /// dlqr's (or lqr's, whose A is the parameter `a`) A, B, Q, R and N (nil when not given).
    static func lqrArguments(_ c: Call, a: String = "A") throws -> (Matrix, Matrix, Matrix, Matrix, Matrix?) {
        for p in ["Q", "R"] where !c.has(p) {
            throw LangError("\(c.name)(A, B, Q, R) needs \(p)", at: c.location)
        }
        let am = try c.matrix(a), b = try c.matrix("B"), q = try c.matrix("Q"), r = try c.matrix("R")
        return (am, b, q, r, c.has("N") ? try c.matrix("N") : nil)
    }

    /// `[K, S, e] = lqr(A, B, Q, R, N)`, A given as lqr's first parameter `t`.
    static func continuousLQR(_ c: Call) throws -> [Value] {
        let (a, b, q, r, n) = try lqrArguments(c, a: "t")
        let design = try located(c, ["S": "N", "A": "t"]) { try Control.lqr(A: a, B: b, Q: q, R: r, N: n) }
        return try lqrOutputs(c, design)
    }

    /// [K, S, e], as many as asked for.
    static func lqrOutputs(_ c: Call, _ design: LQRDesign) throws -> [Value] {
        if c.outputCount < 2 { return [Value(design.K)] }
        return try limited(c, [Value(design.K), Value(design.S), try eigenvalueValue(c, design.e)])
    }

    /// lqe's and dlqe's A, G (nil for []), C, Qn, Rn, Nn.
    private static func estimatorArguments(_ c: Call) throws -> (Matrix, Matrix?, Matrix, Matrix, Matrix, Matrix?) {
        let a = try c.matrix("A"), g = try c.matrix("G"), cm = try c.matrix("C")
        let qn = try c.matrix("Qn"), rn = try c.matrix("Rn")
        return (a, g.count == 0 ? nil : g, cm, qn, rn, c.has("Nn") ? try c.matrix("Nn") : nil)
    }

    /// The first `c.outputCount` of `values`.
    static func limited(_ c: Call, _ values: [Value]) throws -> [Value] {
        Array(values.prefix(max(1, c.outputCount)))
    }

    /// Runs a MAMLCore call, placing an error that names an argument
    /// (`MAMLError.argument`, `.notFinite`) at that argument of the call;
    /// `renamed` maps MAMLCore's name to the parameter's where they differ
    /// (lyap(A, B, C)'s B is the parameter Q).
    static func located<R>(_ c: Call, _ renamed: [String: String] = [:], _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch MAMLError.argument(let name, let message) {
            throw LangError(message, at: c.location(of: renamed[name] ?? name))
        } catch MAMLError.notFinite(let name) {
            let p = renamed[name] ?? name
            throw LangError("\(p) has NaN or infinite entries", at: c.location(of: p))
        }
    }
}

/// Eigenvalues, poles and matrix-function results that may be complex:
/// complex values (a real column or matrix when every imaginary part is 0).
extension Builtins {
    /// The help line of an output that lists closed-loop eigenvalues.
    static let eigenvalueOutputHelp = """
        Eigenvalue outputs are a column, complex when some are (a real column when all are real).
        """

    /// The help line of place's p.
    static let complexPolesHelp = """
        p is a vector of n poles, real or complex; complex poles come in conjugate pairs (a ± bi both given).
        """

    /// The help line of a matrix function whose result may be complex.
    static let complexResultHelp = """
        A real A with an eigenvalue on the negative real axis gives a complex result, as Octave.
        """

    /// The eigenvalues as a column: complex, or real when all are.
    static func eigenvalueValue(_ c: Call, _ values: [Complex]) throws -> Value {
        Value(complexColumn: values)
    }

    /// A matrix function's result: complex, or real when every imaginary part is 0.
    static func complexMatrixValue(_ c: Call, _ m: ComplexMatrix, _ what: String) throws -> Value {
        Value(complex: m)
    }

    /// Poles: a vector, real or complex.
    static func poleList(_ c: Call, _ name: String) throws -> [Complex] {
        let v = try c.value(name)
        guard let p = v.asComplexMatrix else {
            throw LangError("\(name) must be a vector of poles, real or complex (it is \(v.typeDescription))", at: c.location(of: name))
        }
        if p.rows == 1 || p.cols == 1 || p.count == 0 { return p.entries }
        throw LangError("\(name) must be a vector of poles (it is \(p.shapeDescription))", at: c.location(of: name))
    }
}
