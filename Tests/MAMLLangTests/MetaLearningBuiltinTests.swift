import Foundation
import XCTest
import TestSupport
import MAMLCore
@testable import MAMLLang
@testable import MAMLFigures
@testable import MAMLPlot

/// taskdist, sample, perturb, heterogeneity, evaluate, adapt(…, steps=) and
/// plot of evaluations through the language: values against numbers
/// computed here from MAMLCore primitives (gradients, costs, the DARE,
/// spectral norms), the session's generator, located errors, JSON.
final class MetaLearningBuiltinTests: XCTestCase {
    /// Two tasks with different dynamics that W = [0.1 0.2] stabilizes.
    static let setup = """
    T = tasks(task([0.9 0.3; -0.2 0.7], [0; 1], eye(2), 1), task([0.8 0.4; -0.1 0.9], [0.2; 0.9], diag([2 1]), 0.5));
    W = [0.1 0.2];

    """

    private func run(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> Interpreter {
        let (interp, _) = makeInterpreter()
        let r = runScript(source, in: interp)
        XCTAssertNil(r.error, r.error?.rendered() ?? "", file: file, line: line)
        return interp
    }

    private func tasks(_ interp: Interpreter, _ name: String) throws -> TaskSet {
        guard case .taskSet(let s)? = interp.value(of: name) else { throw FixtureError.missing(name) }
        return s
    }

    // MARK: taskdist and sample

    func testSampleDrawsFromTheSessionGenerator() throws {
        let interp = try run("""
        A = [1.5 0; 0 -2]; B = [0.5; 0.5]; Q1 = [0.01 -0.5; -0.5 200]; Q2 = [200 1; 1 0.01];
        D = taskdist(@() task(A, B, uniform(0, 10) * Q1 + uniform(0, 10) * Q2, 1))
        seed(7); T = sample(D, 4);
        seed(7); a = uniform(0, 10, 1, 8);
        seed(7); U = sample(D, 4);
        V = sample(D, 2);
        """)
        let t = try tasks(interp, "T")
        XCTAssertEqual(t.count, 4)
        XCTAssertTrue(t.sharedDynamics)
        let a = try XCTUnwrap(interp.value(of: "a")?.asMatrix)
        // Draw k used the (2k − 1)-th and 2k-th numbers of the generator, in order.
        for k in 0..<4 {
            let q = a.storage[2 * k] * PaperSystem.Q1 + a.storage[2 * k + 1] * PaperSystem.Q2
            XCTAssertLessThanOrEqual(relativeError(t.tasks[k].Q, q.symmetrized), 1e-15)
        }
        XCTAssertEqual(try tasks(interp, "U").tasks, t.tasks)
        XCTAssertNotEqual(try tasks(interp, "V").tasks[0], t.tasks[0])
        guard case .object(let o)? = interp.value(of: "D"), let d = o as? TaskDistributionValue else { return XCTFail("D") }
        XCTAssertEqual(d.displayText, "task distribution drawn by @() task(A, B, uniform(0, 10) * Q1 + uniform(0, 10) * Q2, 1)")
        XCTAssertEqual(Value.object(d).typeDescription, "a task distribution")
        XCTAssertEqual(Value.object(d).inlineDescription(), "[task distribution]")
        if case .function(let f)? = d.field("f") { XCTAssertEqual(f.text, d.draw.text) } else { XCTFail(".f") }
        // A user function works as the draw too.
        let u = try run("""
        function t = draw()
          t = task(rand() + 0.1, 1, 1, 1);
        end
        D = taskdist(@draw); T = sample(D, 3)
        """)
        XCTAssertEqual(try tasks(u, "T").count, 3)
    }

    func testTaskdistAndSampleErrorsAreLocated() {
        assertError("D = taskdist(@(k) task(k, 1, 1, 1))", "f must take no arguments: @(k) task(k, 1, 1, 1) needs 1 argument; write @() …", 1, 14)
        assertError("D = taskdist(3)", "f must be a function (@(x) … or @name) (it is a number)", 1, 14)
        assertError("D = taskdist(@() 3);\nT = sample(D, 2)", "draw 1 of the distribution gave a number, not a task (@() 3 must return task(…))", 2, 12)
        let sizes = runScript("""
        function t = draw()
          k = 1 + (rand() > 0.5);
          t = task(0.5 * eye(k), ones(k, 1), eye(k), 1);
        end
        D = taskdist(@draw);
        seed(1); T = sample(D, 20)
        """)
        XCTAssertTrue(sizes.error?.message.hasPrefix("draw ") ?? false, sizes.error?.message ?? "no error")
        XCTAssertTrue(sizes.error?.message.hasSuffix("; a task set needs equal sizes") ?? false, sizes.error?.message ?? "no error")
        XCTAssertEqual(sizes.error?.location, SourceLocation(line: 6, column: 21))
        assertError("D = taskdist(@() task(1, 1, 1, 1));\nT = sample(D, 0)", "the number of draws k must be between 1 and 1000000 (it is 0)", 2, 15)
        assertError("T = sample(3, 2)", "D must be a task distribution (made by taskdist(f)) (it is a number)", 1, 12)
        // An error inside the draw is reported where it happened, with the call chain.
        let r = runScript("D = taskdist(@() task(undefined_thing, 1, 1, 1));\nT = sample(D, 1)")
        XCTAssertNotNil(r.error)
        XCTAssertTrue(r.error?.message.contains("undefined_thing") ?? false, r.error?.message ?? "")
    }

    func testADistributionIsNotSavedAsJSON() throws {
        let folder = try ScratchFolder()
        let r = runScript("D = taskdist(@() task(1, 1, 1, 1));\nsave(D, \"\(folder.file("d.json"))\")")
        XCTAssertEqual(r.error?.message, "a task distribution cannot be saved as JSON: it holds a function (@() task(1, 1, 1, 1)); save sample(D, k), a task set, instead")
        XCTAssertEqual(folder.contents(), [])
    }

    // MARK: perturb and heterogeneity

    func testPerturbMovesTheDynamicsWithinEpsilonFromTheGenerator() throws {
        let interp = try run(Self.setup + """
        seed(3); p = perturb(T[1], 0.2);
        seed(3); q = perturb(T[1], 0.2);
        r = perturb(T[1]);
        P = perturb(T, eps=0.05);
        dA = norm(p.A - T[1].A); dB = norm(p.B - T[1].B);
        """)
        guard case .task(let p)? = interp.value(of: "p"), case .task(let q)? = interp.value(of: "q"),
              case .task(let r)? = interp.value(of: "r") else { return XCTFail("tasks") }
        let t = try tasks(interp, "T")
        XCTAssertEqual(p, q, "seeded alike, drawn alike")
        // The same draw as MAMLCore's, from the same generator state.
        var rng = Xoshiro256StarStar(seed: 3)
        XCTAssertEqual(p, try t.tasks[0].perturbed(epsilon: 0.2, rng: &rng))
        XCTAssertLessThanOrEqual(try XCTUnwrap(interp.value(of: "dA")?.asScalar), 0.2 + 1e-12)
        XCTAssertLessThanOrEqual(try XCTUnwrap(interp.value(of: "dB")?.asScalar), 0.2 + 1e-12)
        XCTAssertGreaterThan(try XCTUnwrap(interp.value(of: "dA")?.asScalar), 0)
        XCTAssertLessThanOrEqual(try (r.A - t.tasks[0].A).spectralNorm(), 0.01 + 1e-12, "eps defaults to 0.01")
        XCTAssertEqual(p.Q, t.tasks[0].Q)
        XCTAssertEqual(p.R, t.tasks[0].R)
        let pSet = try tasks(interp, "P")
        XCTAssertEqual(pSet.count, 2)
        for (a, b) in zip(pSet.tasks, t.tasks) {
            XCTAssertLessThanOrEqual(try (a.A - b.A).spectralNorm(), 0.05 + 1e-12)
            XCTAssertLessThanOrEqual(try (a.B - b.B).spectralNorm(), 0.05 + 1e-12)
        }
        assertError("t = task(1, 1, 1, 1);\np = perturb(t, -1)", "eps must be ≥ 0 (it is -1)", 2, 16)
        assertError("p = perturb([1 2], 0.1)", "t must be a task or a task set (it is a 1×2 matrix)", 1, 13)
    }

    func testHeterogeneityGivesTheLargestPairwiseDistances() throws {
        let interp = try run(Self.setup + """
        seed(4); U = tasks(T[1], T[2], perturb(T[1], 0.3), perturb(T[2], 0.3));
        h = heterogeneity(U)
        h1 = heterogeneity(T[1]);
        """)
        let u = try tasks(interp, "U")
        guard case .structure(let h)? = interp.value(of: "h"), case .structure(let h1)? = interp.value(of: "h1") else { return XCTFail("h") }
        XCTAssertEqual(h.names, ["A", "B", "Q", "R", "Sigma0"])
        var checked = 0
        for (field, get) in [("A", \LQRTask.A), ("B", \LQRTask.B), ("Q", \LQRTask.Q), ("R", \LQRTask.R), ("Sigma0", \LQRTask.Sigma0)] {
            var brute = 0.0
            for a in u.tasks { for b in u.tasks { brute = max(brute, try (a[keyPath: get] - b[keyPath: get]).spectralNorm()) } }
            XCTAssertEqual(try XCTUnwrap(h[field]?.asScalar), brute, accuracy: 1e-14, field)
            XCTAssertEqual(h1[field]?.asScalar, 0, field)
            checked += 1
        }
        XCTAssertEqual(checked, 5)
        // Q differs by diag([1 0]): ‖·‖₂ = 1; R by 0.5.
        XCTAssertEqual(try XCTUnwrap(h["Q"]?.asScalar), 1, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(h["R"]?.asScalar), 0.5, accuracy: 1e-15)
        assertError("h = heterogeneity(1)", "T must be a task set (made by tasks(…)) or a task (it is a number)", 1, 19)
    }

    // MARK: adapt with steps

    func testAdaptTakesStepsGradientSteps() throws {
        let interp = try run(Self.setup + """
        eta = 0.03;
        V = W;
        for k in 1:4
          V = V - eta * grad(T[2], V);
        end
        a4 = adapt(T[2], W, eta=eta, steps=4);
        a0 = adapt(T[2], W, eta=eta, steps=0);
        a1 = adapt(T[2], W, eta=eta);
        L = adapt(T, W, eta=eta, steps=2);
        """)
        let t = try tasks(interp, "T")
        let w = try Matrix([[0.1, 0.2]])
        XCTAssertLessThanOrEqual(relativeError(try XCTUnwrap(interp.value(of: "a4")?.asMatrix), try XCTUnwrap(interp.value(of: "V")?.asMatrix)), 1e-15)
        XCTAssertEqual(interp.value(of: "a0")?.asMatrix, w)
        XCTAssertLessThanOrEqual(relativeError(try XCTUnwrap(interp.value(of: "a1")?.asMatrix), w - 0.03 * (try t.tasks[1].gradient(w))), 1e-15)
        guard case .list(let l)? = interp.value(of: "L") else { return XCTFail("L") }
        XCTAssertEqual(l.items.count, 2)
        for (i, task) in t.tasks.enumerated() {
            var v = w
            for _ in 0..<2 { v = v - 0.03 * (try task.gradient(v)) }
            XCTAssertLessThanOrEqual(relativeError(try XCTUnwrap(l.items[i].asMatrix), v), 1e-14)
        }
    }

    func testAdaptNamesTheStepThatLeavesTheStabilizingSet() throws {
        let r = runScript(Self.setup + "a = adapt(T[1], W, eta=5, steps=3)")
        let d = try XCTUnwrap(r.error)
        XCTAssertTrue(d.message.hasPrefix("adaptation step 1 of 3 (η = 5) leaves the stabilizing set: ρ(A − BW_1) = "), d.message)
        XCTAssertEqual(d.location, SourceLocation(line: 3, column: 5))
        let s = runScript(Self.setup + "a = adapt(T, W, eta=5, steps=3)")
        XCTAssertTrue(s.error?.message.hasPrefix("adaptation step 1 of 3 (η = 5) leaves the stabilizing set of task 1") ?? false, s.error?.message ?? "")
        assertError(Self.setup + "a = adapt(T[1], W, eta=0.1, steps=-1)", "steps must be between 0 and 100000 (it is -1)", 3, 29)
        assertError(Self.setup + "a = adapt(T[1], W, eta=0.1, steps=1.5)", "steps must be a whole number (it is 1.5)", 3, 29)
        let u = runScript(Self.setup + "a = adapt(T[1], [-5 -5], eta=0.1, steps=2)")
        XCTAssertTrue(u.error?.message.hasPrefix("W is not stabilizing: ρ(A − BW) = ") ?? false, u.error?.message ?? "")
    }

    // MARK: evaluate

    func testEvaluateGivesCostsAndGapsAfterEachNumberOfSteps() throws {
        let interp = try run(Self.setup + """
        ev = evaluate(T, W, eta=0.03, steps=[0 1 4], label="MAML")
        e5 = evaluate(T, W, eta=0.03);
        """)
        let t = try tasks(interp, "T")
        guard case .structure(let ev)? = interp.value(of: "ev"), case .structure(let e5)? = interp.value(of: "e5") else { return XCTFail("ev") }
        XCTAssertEqual(ev.names, ["label", "eta", "steps", "cost", "gap", "optimal"])
        if case .string(let s)? = ev["label"] { XCTAssertEqual(s, "MAML") } else { XCTFail("label") }
        XCTAssertEqual(ev["eta"]?.asScalar, 0.03)
        XCTAssertEqual(ev["steps"]?.asMatrix, try Matrix([[0, 1, 4]]))
        XCTAssertEqual(e5["steps"]?.asMatrix, try Matrix([[0, 1, 2, 3, 4, 5]]), "steps default to 0:5")
        if case .string(let s)? = e5["label"] { XCTAssertEqual(s, "") } else { XCTFail("label") }
        let cost = try XCTUnwrap(ev["cost"]?.asMatrix), gap = try XCTUnwrap(ev["gap"]?.asMatrix)
        let optimal = try XCTUnwrap(ev["optimal"]?.asMatrix)
        XCTAssertEqual(cost.rows, 2)
        XCTAssertEqual(cost.cols, 3)
        XCTAssertEqual(optimal.cols, 1)
        var checked = 0
        for (i, task) in t.tasks.enumerated() {
            // C* from MAMLCore's DARE solution, the gain's cost.
            let best = try task.cost(task.lqr().gain)
            XCTAssertEqual(optimal[i, 0], best, accuracy: 1e-12 * best)
            var v = try Matrix([[0.1, 0.2]])
            var k = 0
            for (j, s) in [0, 1, 4].enumerated() {
                while k < s { v = v - 0.03 * (try task.gradient(v)); k += 1 }
                let c = try task.cost(v)
                XCTAssertEqual(cost[i, j], c, accuracy: 1e-12 * c)
                XCTAssertEqual(gap[i, j], (c - best) / best, accuracy: 1e-10)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 6)
        let shown = runScript(Self.setup + "ev = evaluate(T, W, eta=0.03, steps=[0 1 4], label=\"MAML\")").output
        XCTAssertEqual(shown, """
        ev =
           label   = MAML
           eta     = 0.03
           steps   = [0 1 4]
           cost    = [5.731 5.31968 5.15404; 9.31806 5.83489 5.72442]
           gap     = [0.120242 0.0398418 0.00746434; 0.64141 0.0278375 0.0083765]
           optimal = [5.11586; 5.67686]

        """)
    }

    func testEvaluateGivesInfWhereAGainIsNotStabilizing() throws {
        let interp = try run(Self.setup + """
        ev = evaluate(T, W, eta=5, steps=0:2);
        eu = evaluate(T, [-0.5 -0.3], eta=0.01, steps=[0 1]);
        r1 = rho(T[1].A - T[1].B * [-0.5 -0.3]);
        """)
        guard case .structure(let ev)? = interp.value(of: "ev"), case .structure(let eu)? = interp.value(of: "eu") else { return XCTFail("ev") }
        let gap = try XCTUnwrap(ev["gap"]?.asMatrix)
        for i in 0..<2 {
            XCTAssertTrue(gap[i, 0].isFinite)
            XCTAssertEqual(gap[i, 1], .infinity)
            XCTAssertEqual(gap[i, 2], .infinity)
        }
        let rho = try XCTUnwrap(interp.value(of: "r1")?.asScalar)
        XCTAssertGreaterThanOrEqual(rho, 1)
        XCTAssertEqual(try XCTUnwrap(eu["cost"]?.asMatrix)[0, 0], .infinity)
    }

    func testEvaluateErrorsAreLocated() {
        assertError(Self.setup + "e = evaluate(T, W, eta=0.1, steps=[2 1])", "steps must be in increasing order (entry 2 is 1, after 2)", 3, 29)
        assertError(Self.setup + "e = evaluate(T, W, eta=0.1, steps=[0 -1])", "steps must be whole numbers from 0 to 100000 (entry 2 is -1)", 3, 29)
        assertError(Self.setup + "e = evaluate(T, W, eta=0.1, steps=[])", "steps is empty: give at least one number of steps, e.g. 0:5", 3, 29)
        assertError(Self.setup + "e = evaluate(T, W, eta=0.1, steps=\"x\")", "steps must be a vector of whole numbers ≥ 0, e.g. 0:5 (it is a string)", 3, 29)
        assertError(Self.setup + "e = evaluate(T, [1 2 3], eta=0.1)", "W must be 1×2 to act on this task (it is 1×3)", 3, 17)
        assertError(Self.setup + "e = evaluate(T, W, eta=-1)", "eta must be ≥ 0 (it is -1)", 3, 20)
        assertError(Self.setup + "e = evaluate(T, W)", "evaluate needs the argument 'eta': evaluate(T, W, eta, steps=0:5, label=\"\")", 3, 5)
    }

    func testAnEvaluationSavesAndLoadsAsJSON() throws {
        let folder = try ScratchFolder()
        let interp = try run(Self.setup + """
        ev = evaluate(T, W, eta=0.03, steps=0:2, label="MAML");
        save(ev, "\(folder.file("ev.json"))");
        back = load("\(folder.file("ev.json"))");
        same = isequal(ev, back);
        f = plot(back);
        """)
        if case .bool(let b)? = interp.value(of: "same") { XCTAssertTrue(b) } else { XCTFail("same") }
        XCTAssertNotNil(interp.object("f", as: FigureValue.self))
    }

    // MARK: plot of evaluations

    private func artists<T>(_ f: FigureValue, _ type: T.Type) -> [T] {
        (f.figure.axes.last?.artists ?? []).compactMap { $0 as? T }
    }

    func testPlotDrawsTheMeanGapWithAMinMaxBand() throws {
        let interp = try run(Self.setup + """
        e1 = evaluate(T, W, eta=0.03, label="first");
        e2 = evaluate(T, [0.2 0.3], eta=0.03);
        f = plot(e1, e2)
        g = plot(e1, e2, labels={"MAML", "average cost"}, y="cost", band="none", logy=false);
        h = plot(e1, band="std");
        q = plot(e1, e2, band="quartiles");
        """)
        let f = try XCTUnwrap(interp.object("f", as: FigureValue.self))
        guard case .structure(let e1)? = interp.value(of: "e1"), case .structure(let e2)? = interp.value(of: "e2") else { return XCTFail("e") }
        let lines = artists(f, Line.self), bands = artists(f, Band.self)
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(bands.count, 2)
        XCTAssertEqual(lines.map(\.label), ["first", "evaluation 2"])
        XCTAssertEqual(lines.map(\.color), [.cycle(0), .cycle(1)])
        XCTAssertEqual(lines.map(\.marker), [.circle, .square])
        var checked = 0
        for (k, e) in [e1, e2].enumerated() {
            let gap = try XCTUnwrap(e["gap"]?.asMatrix)
            XCTAssertEqual(lines[k].x, [0, 1, 2, 3, 4, 5])
            for j in 0..<6 {
                XCTAssertEqual(lines[k].y[j], (gap[0, j] + gap[1, j]) / 2, accuracy: 1e-15)
                XCTAssertEqual(bands[k].lower[j], min(gap[0, j], gap[1, j]))
                XCTAssertEqual(bands[k].upper[j], max(gap[0, j], gap[1, j]))
                checked += 1
            }
        }
        XCTAssertEqual(checked, 12)
        let axes = try XCTUnwrap(f.figure.axes.first)
        XCTAssertEqual(axes.xLabel, "adaptation steps $k$")
        XCTAssertEqual(axes.yLabel, "gap $(C_i(W_k) - C_i^*)/C_i^*$")
        XCTAssertEqual(axes.xTicks, [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(axes.yScale, .log, "the means span over 10×")
        XCTAssertEqual(artists(f, LegendKey.self).map(\.entry.label), ["shaded: min to max over tasks"])
        XCTAssertEqual(f.displayText, "figure: line plot, 2 curves (mean gap over 2 tasks, min to max, log y)")

        let g = try XCTUnwrap(interp.object("g", as: FigureValue.self))
        XCTAssertEqual(artists(g, Line.self).map(\.label), ["MAML", "average cost"])
        XCTAssertEqual(artists(g, Band.self).count, 0)
        XCTAssertEqual(g.figure.axes.first?.yScale, .linear)
        let cost = try XCTUnwrap(e1["cost"]?.asMatrix)
        XCTAssertEqual(artists(g, Line.self)[0].y[2], (cost[0, 2] + cost[1, 2]) / 2, accuracy: 1e-12)
        XCTAssertEqual(g.figure.axes.first?.yLabel, "cost $C_i(W_k)$")

        let h = try XCTUnwrap(interp.object("h", as: FigureValue.self))
        XCTAssertEqual(h.figure.axes.first?.yScale, .linear, "band=\"std\" keeps a linear axis")
        let gap = try XCTUnwrap(e1["gap"]?.asMatrix)
        let mean = (gap[0, 3] + gap[1, 3]) / 2
        let sd = (((gap[0, 3] - mean) * (gap[0, 3] - mean) + (gap[1, 3] - mean) * (gap[1, 3] - mean)) / 1).squareRoot()
        XCTAssertEqual(try XCTUnwrap(artists(h, Band.self).first).upper[3], mean + sd, accuracy: 1e-15)

        // Quartiles of two values: a quarter and three quarters of the way from the smaller to the larger.
        let q = try XCTUnwrap(interp.object("q", as: FigureValue.self))
        let qb = try XCTUnwrap(artists(q, Band.self).first)
        let (lo, hi) = (min(gap[0, 3], gap[1, 3]), max(gap[0, 3], gap[1, 3]))
        XCTAssertEqual(qb.lower[3], lo + 0.25 * (hi - lo), accuracy: 1e-15)
        XCTAssertEqual(qb.upper[3], lo + 0.75 * (hi - lo), accuracy: 1e-15)
        XCTAssertEqual(artists(q, LegendKey.self).map(\.entry.label), ["shaded: 25th to 75th percentile"])
        XCTAssertEqual(EvaluationPlot.Statistics.percentile([1, 2, 3, 4, 5], 0.25), 2)
        XCTAssertEqual(EvaluationPlot.Statistics.percentile([1, 2, 3, 4], 0.75), 3.25)
        XCTAssertEqual(EvaluationPlot.Statistics.percentile([7], 0.75), 7)
    }

    func testPlotLeavesOutUnstableTasksWithAWarning() throws {
        let (warnings, error) = warningsOf(Self.setup + """
        e = evaluate(T, W, eta=0.03, steps=0:2);
        e.gap[2, 3] = Inf;
        f = plot(e);
        """)
        XCTAssertNil(error)
        XCTAssertEqual(warnings, "warning: plot: evaluation 1: at one step up to 1 of 2 tasks have an adapted gain that is not stabilizing (Inf); the mean and band leave them out\n")
        let interp = try run(Self.setup + """
        e = evaluate(T, W, eta=0.03, steps=0:2);
        e.gap[2, 3] = Inf;
        f = plot(e);
        """)
        let f = try XCTUnwrap(interp.object("f", as: FigureValue.self))
        guard case .structure(let e)? = interp.value(of: "e") else { return XCTFail("e") }
        let gap = try XCTUnwrap(e["gap"]?.asMatrix)
        XCTAssertEqual(artists(f, Line.self).first?.y[2], gap[0, 2])
    }

    func testPlotOfEvaluationsErrorsAreLocated() {
        let setup = Self.setup + "e = evaluate(T, W, eta=0.03);\n"
        assertError(setup + "f = plot(e, band=\"std\", logy=true)",
                    "band=\"std\" (mean ± 1 std) can reach below 0, which a log y axis cannot show: use band=\"quartiles\" or \"minmax\", or logy=false", 4, 13)
        assertError(setup + "f = plot(e, y=\"gradnorm\")", "y must be \"gap\" or \"cost\" for an evaluation (it is \"gradnorm\")", 4, 13)
        assertError(setup + "f = plot(e, band=\"minmix\")", "band must be one of \"minmax\", \"quartiles\", \"std\", \"none\" for an evaluation (it is \"minmix\"); did you mean 'minmax'?", 4, 13)
        assertError(setup + "f = plot(e, labels={\"a\", \"b\"})", "labels has 2 items but there is 1 evaluation", 4, 13)
        assertError(setup + "f = plot(e, color=\"red\")", "color= does not apply to a plot of evaluations; their curves take the colour cycle and markers in order", 4, 13)
        assertError(setup + "f = plot(e, [1 2])", "argument 2 of plot is a 1×2 matrix, not an evaluation (made by evaluate(…)); evaluations are plotted alone", 4, 13)
        assertError(setup + "s = struct(steps=[0 1], gap=[1 2 3]);\nf = plot(s)",
                    "argument 1 of plot: .gap must be a matrix with a row per task and a column per step (2 columns, like .steps); it is a 1×3 matrix", 5, 10)
        assertError(setup + "s = struct(steps=[0 1], gap=[Inf Inf]);\nf = plot(s)",
                    "argument 1 of plot: .gap has no finite value to draw (every adapted gain is not stabilizing)", 5, 10)
    }

    /// The example at the head of "Task distributions and meta-testing" in docs/language.md runs as written.
    func testTheLanguageGuideExampleRuns() throws {
        let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/language.md")
        let text = try String(contentsOf: guide, encoding: .utf8)
        let section = try XCTUnwrap(text.range(of: "## Task distributions and meta-testing"))
        let open = try XCTUnwrap(text.range(of: "```\n", range: section.upperBound..<text.endIndex))
        let close = try XCTUnwrap(text.range(of: "```", range: open.upperBound..<text.endIndex))
        let folder = try ScratchFolder()
        let (interp, _) = makeInterpreter(outputDirectory: folder.path)
        try interp.execute(source: String(text[open.upperBound..<close.lowerBound]), fileName: "language.md")
        XCTAssertEqual(folder.contents(), ["meta-test.pdf"])
        guard case .structure(let ev)? = interp.value(of: "ev") else { return XCTFail("ev") }
        XCTAssertEqual(ev["gap"]?.asMatrix?.rows, 50)
    }

    func testAnEvaluationPlotAddsToAFigure() throws {
        let interp = try run(Self.setup + """
        e1 = evaluate(T, W, eta=0.03);
        f = plot(0:5, 0.1 * ones(1, 6), label="reference");
        g = plot(f, e1, labels={"MAML"});
        """)
        let g = try XCTUnwrap(interp.object("g", as: FigureValue.self))
        let lines = artists(g, Line.self)
        XCTAssertEqual(lines.map(\.label), ["reference", "MAML"])
        XCTAssertEqual(lines.last?.color, .cycle(1), "after the figure's own series")
    }
}
