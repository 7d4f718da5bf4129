/// The field's benchmark systems, each as its published code defines it,
/// with the source to cite: the paper's own task mixture, the modified
/// Boeing system of the MAML-LQR code, the FedLQR system, the
/// active-suspension model of the multiplicative-noise policy-gradient code,
/// and the cart-pole and pendulum of the multitask LQG code. The numbers are
/// re-derived here from the physical parameters and formulas the sources
/// state; the tests compare them with the sources' numbers.
public enum BenchmarkSystems {
    /// One entry of a benchmark's description.
    public enum Field: Sendable {
        /// A matrix (A, B, a gain, an initial state).
        case matrix(Matrix)
        /// A number (a time step, a physical parameter).
        case number(Double)
        /// Text (the source to cite).
        case text(String)
        /// The system's LQR task.
        case task(LQRTask)
        /// A set of tasks (the paper's mixture, FedLQR's clients).
        case tasks([LQRTask])
        /// A list of matrices (directions of multiplicative noise).
        case matrices([Matrix])
    }

    /// A benchmark: its name, a line saying what it is, and its fields in order.
    public struct System: Sendable {
        /// The name `benchmark` takes (`"boeing"`).
        public let name: String
        /// One line saying what it is and where it comes from.
        public let summary: String
        /// Its fields, in the order a struct shows them.
        public let fields: [(String, Field)]
    }

    /// The benchmarks' names, in the order `benchmark()` lists them.
    public static let names = ["paper", "boeing", "fedlqr", "suspension", "cartpole", "pendulum"]

    /// The benchmark named `name`, or nil.
    public static func system(_ name: String) throws -> System? {
        switch name {
        case "paper": return try paper()
        case "boeing": return try boeing()
        case "fedlqr": return try fedLQR()
        case "suspension": return try suspension()
        case "cartpole": return try cartPole()
        case "pendulum": return try pendulum()
        default: return nil
        }
    }

    /// The one-line summaries, by name.
    public static func summary(_ name: String) -> String {
        switch name {
        case "paper": return "the paper's system (n = 2, m = 1) and its ten tasks (Musavi & Dullerud; scripts/paper.maml)"
        case "boeing": return "the modified Boeing system (n = 4, m = 2) of Toso, Zhan, Anderson & Wang, L4DC 2024 (jd-anderson/MAML-LQR)"
        case "fedlqr": return "the 3×3 FedLQR system of Wang, Toso, Mitra & Anderson, TMLR 2023 (jd-anderson/FedLQR)"
        case "suspension": return "the active suspension (n = 4, m = 1) of Gravell, Mohajerin Esfahani & Summers, IEEE TAC 2021 (TSummersLab/polgrad-multinoise)"
        case "cartpole": return "the linearized cart-pole (4 states, 1 input, 2 outputs) of Toso, Fallah, Stamouli, Pappas & Anderson, 2026 (jd-anderson/multitask_LQG)"
        case "pendulum": return "the linearized inverted pendulum (2 states, 1 input, 1 output) of the same multitask LQG code"
        default: return ""
        }
    }

    private static func m(_ rows: [[Double]]) throws -> Matrix { try Matrix(rows) }

    // MARK: The systems

    /// The paper's system A = [1.5 0; 0 −2], B = [0.5; 0.5] and its ten tasks:
    /// Qᵢ = a₁Q̄₁ + a₂Q̄₂, Rᵢ = 2a₃ + 0.1a₄ with a uniform on (0, 10) from
    /// mamlsh's generator seeded 2023, Σ0 = 0.01 I — exactly what
    /// scripts/paper.maml builds.
    static func paper() throws -> System {
        let A = try m([[1.5, 0], [0, -2]]), B = try m([[0.5], [0.5]])
        let Q1 = try m([[0.01, -0.5], [-0.5, 200]]), Q2 = try m([[200, 1], [1, 0.01]])
        let sigma0 = 0.01 * Matrix.identity(2)
        var rng = Xoshiro256StarStar(seed: 2023)
        var tasks: [LQRTask] = []
        for i in 1...10 {
            var a: [Double] = []
            for _ in 0..<4 { a.append(10 * rng.uniform()) }
            tasks.append(try LQRTask(A: A, B: B, Q: a[0] * Q1 + a[1] * Q2, R: Matrix(scalar: 2 * a[2] + 0.1 * a[3]), Sigma0: sigma0, index: i))
        }
        return System(name: "paper", summary: summary("paper"), fields: [
            ("A", .matrix(A)), ("B", .matrix(B)), ("Q1", .matrix(Q1)), ("Q2", .matrix(Q2)), ("Sigma0", .matrix(sigma0)),
            ("tasks", .tasks(tasks)), ("seed", .number(2023)),
            ("source", .text("L. Musavi and G. E. Dullerud, Convergence of Gradient-based MAML in LQR; the system and task mixture of scripts/paper.maml")),
        ])
    }

    /// The modified Boeing system of the MAML-LQR code ("MAML - LQR-
    /// Convergence" notebook): A, B as printed there, Q = I₄, R = I₂, the
    /// initial gain K0 and initial state x0 of that notebook (Σ0 = x0 x0ᵀ).
    static func boeing() throws -> System {
        let A = try m([[1.22, 0.03, -0.02, -0.32], [0.01, 4.7, 0, 0], [0.02, -0.06, 0.4, 0], [0.01, -0.04, 0.72, 1.55]])
        let B = try m([[0.01, 0.99], [-3.44, 1.66], [-0.83, 0.44], [-0.47, 0.25]])
        let K0 = try m([[0.61343269, -1.53543838, 0.30279836, 0.39631415], [0.88802018, 0.60382034, -0.14729954, -0.58220629]])
        let x0 = Matrix(column: [0.25, 0.55, 0.35, 0.45])
        let sigma0 = x0 * x0.transposed
        let t = try LQRTask(A: A, B: B, Q: .identity(4), R: .identity(2), Sigma0: sigma0)
        return System(name: "boeing", summary: summary("boeing"), fields: [
            ("A", .matrix(A)), ("B", .matrix(B)), ("Q", .matrix(.identity(4))), ("R", .matrix(.identity(2))),
            ("K0", .matrix(K0)), ("x0", .matrix(x0)), ("Sigma0", .matrix(sigma0)), ("task", .task(t)),
            ("source", .text("L. F. Toso, D. Zhan, J. Anderson, H. Wang, Meta-Learning Linear Quadratic Regulators: A Policy Gradient MAML Approach for Model-free LQR, L4DC 2024; github.com/jd-anderson/MAML-LQR, notebook \"MAML - LQR- Convergence\"")),
        ])
    }

    /// FedLQR's system (main.m of jd-anderson/FedLQR): A₀ as printed, B = I₃,
    /// Q = 2I, R = 0.5I, K0 = 1.62 I; its initial states are x0 ~ N(1, 10⁻⁶)
    /// per entry, so Σ0 = x0 x0ᵀ with x0 = (1, 1, 1). Client i's system is
    /// A₀ + ε i I, B₀ + ε i I (i ≥ 2) with ε = 0.01 (sysgen.m); `tasks`
    /// holds the first ten clients.
    static func fedLQR() throws -> System {
        let A0 = try m([[1.2, 0.5, 0.4], [0.01, 0.75, 0.3], [0.1, 0.02, 1.5]])
        let I = Matrix.identity(3)
        let x0 = Matrix(column: [1, 1, 1])
        let sigma0 = x0 * x0.transposed
        let eps = 0.01
        var tasks: [LQRTask] = []
        for i in 1...10 {
            let shift = i == 1 ? 0 : eps * Double(i)
            tasks.append(try LQRTask(A: A0 + shift * I, B: I + shift * I, Q: 2 * I, R: 0.5 * I, Sigma0: sigma0, index: i))
        }
        return System(name: "fedlqr", summary: summary("fedlqr"), fields: [
            ("A", .matrix(A0)), ("B", .matrix(I)), ("Q", .matrix(2 * I)), ("R", .matrix(0.5 * I)), ("K0", .matrix(1.62 * I)),
            ("x0", .matrix(x0)), ("Sigma0", .matrix(sigma0)), ("eps", .number(eps)), ("task", .task(tasks[0])), ("tasks", .tasks(tasks)),
            ("source", .text("H. Wang, L. F. Toso, A. Mitra, J. Anderson, Model-free Learning with Heterogeneous Dynamical Systems: A Federated LQR Approach, TMLR 2023; github.com/jd-anderson/FedLQR (main.m, sysgen.m)")),
        ])
    }

    /// The active suspension (gen_system_example_suspension of
    /// TSummersLab/polgrad-multinoise): masses m₁ = 500, m₂ = 100, springs
    /// k₁ = 5000, k₂ = 20000, dampers b₁ = 200, b₂ = 4000, the continuous
    /// model in the states of that code, B scaled by 1000, discretized by the
    /// bilinear (Tustin) rule at dt = 0.5: A = (I − dt/2 Ac)⁻¹(I + dt/2 Ac),
    /// B = (I − dt/2 Ac)⁻¹ dt Bc. Q = I₄, R = 1, Σ0 = I₄. Multiplicative
    /// noise: variance 0.1 on each of four directions of A (direction i is
    /// a column of ones in column i) and 0.2 on one of B; the code lowers
    /// both by factors of 0.95 until the noisy system is mean-square
    /// stabilizable — the values here are where it starts.
    static func suspension() throws -> System {
        let (m1, m2, k1, k2, b1, b2) = (500.0, 100.0, 5000.0, 20000.0, 200.0, 4000.0)
        let Ac = try m([
            [0, 1, 0, 0],
            [-(b1 * b2) / (m1 * m2), 0, (b1 / m1) * (b1 / m1 + b1 / m2 + b2 / m2) - k1 / m1, -(b1 / m1)],
            [b2 / m2, 0, -(b1 / m1 + b1 / m2 + b2 / m2), 1],
            [k2 / m2, 0, -(k1 / m1 + k1 / m2 + k2 / m2), 0],
        ])
        let Bc = 1000 * Matrix(column: [0, 1 / m1, 0, 1 / m1 + 1 / m2])
        let dt = 0.5
        let I = Matrix.identity(4)
        let left = I - (dt / 2) * Ac
        let A = try left.solve(I + (dt / 2) * Ac, name: "I − dt/2 Ac")
        let B = try left.solve(dt * Bc, name: "I − dt/2 Ac")
        var noiseA: [Matrix] = []
        for i in 0..<4 {
            var d = Matrix(rows: 4, cols: 4)
            for r in 0..<4 { d[r, i] = 1 }
            noiseA.append(d)
        }
        var noiseB = Matrix(rows: 4, cols: 1)
        for r in 0..<4 { noiseB[r, 0] = 1 }
        let t = try LQRTask(A: A, B: B, Q: I, R: .identity(1), Sigma0: I)
        return System(name: "suspension", summary: summary("suspension"), fields: [
            ("A", .matrix(A)), ("B", .matrix(B)), ("Q", .matrix(I)), ("R", .number(1)), ("Sigma0", .matrix(I)),
            ("Ac", .matrix(Ac)), ("Bc", .matrix(Bc)), ("dt", .number(dt)),
            ("noiseA", .matrices(noiseA)), ("varA", .matrix(Matrix(row: [0.1, 0.1, 0.1, 0.1]))),
            ("noiseB", .matrices([noiseB])), ("varB", .number(0.2)), ("task", .task(t)),
            ("source", .text("B. Gravell, P. Mohajerin Esfahani, T. Summers, Learning Optimal Controllers for Linear Systems with Multiplicative Noise via Policy Gradient, IEEE TAC 2021; github.com/TSummersLab/polgrad-multinoise (ltimultgen.py, gen_system_example_suspension)")),
        ])
    }

    /// The cart-pole linearized about the upright pole (build_cartpole_system
    /// of jd-anderson/multitask_LQG): pole mass 0.1, cart mass 1, length
    /// 0.5, g = 9.81, forward Euler at dt = 0.05; C measures the cart
    /// position and the sum of the two velocities; Qy = 0.1 I₂, R = 0.1,
    /// W = 0.12 I₄, V = 0.15 I₂ (make_demo_tasks).
    static func cartPole() throws -> System {
        let (mp, mc, ell, g, dt) = (0.1, 1.0, 0.5, 9.81, 0.05)
        let Ac = try m([[0, 1, 0, 0], [0, 0, (mp / mc) * g, 0], [0, 0, 0, 1], [0, 0, ((mp + mc) / (ell * mc)) * g, 0]])
        let Bc = Matrix(column: [0, 1 / mc, 0, 1 / (ell * mc)])
        let C = try m([[1, 0, 0, 0], [0, 1, 0, 1]])
        return lqg("cartpole", A: .identity(4) + dt * Ac, B: dt * Bc, C: C, Qy: 0.1 * Matrix.identity(2), R: 0.1,
                   W: 0.12 * Matrix.identity(4), V: 0.15 * Matrix.identity(2), dt: dt,
                   parameters: [("m_pole", mp), ("m_cart", mc), ("length", ell), ("g", g)])
    }

    /// The inverted pendulum linearized about upright (build_inverted_pendulum
    /// of jd-anderson/multitask_LQG): mass 0.5, length 0.3, g = 9.81,
    /// forward Euler at dt = 0.05, the angle measured; Qy = 0.1, R = 0.1,
    /// W = 0.02 I₂, V = 0.05 (make_pendulum_tasks).
    static func pendulum() throws -> System {
        let (mass, l, g, dt) = (0.5, 0.3, 9.81, 0.05)
        let Ac = try m([[0, 1], [g / l, 0]])
        let Bc = Matrix(column: [0, 1 / (mass * l * l)])
        return lqg("pendulum", A: .identity(2) + dt * Ac, B: dt * Bc, C: try m([[1, 0]]), Qy: Matrix(scalar: 0.1), R: 0.1,
                   W: 0.02 * Matrix.identity(2), V: Matrix(scalar: 0.05), dt: dt,
                   parameters: [("mass", mass), ("length", l), ("g", g)])
    }

    private static func lqg(_ name: String, A: Matrix, B: Matrix, C: Matrix, Qy: Matrix, R: Double, W: Matrix, V: Matrix,
                            dt: Double, parameters: [(String, Double)]) -> System {
        System(name: name, summary: summary(name), fields: [
            ("A", .matrix(A)), ("B", .matrix(B)), ("C", .matrix(C)), ("Qy", .matrix(Qy)), ("R", .number(R)),
            ("W", .matrix(W)), ("V", .matrix(V)), ("dt", .number(dt)),
        ] + parameters.map { ($0.0, .number($0.1)) } + [
            ("source", .text("L. F. Toso, K. Fallah, A. Stamouli, G. J. Pappas, J. Anderson, multitask LQG policy gradient (2026); github.com/jd-anderson/multitask_LQG, codes/pg_lqg_multitask_model_based.py")),
        ])
    }
}
