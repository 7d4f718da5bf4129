import Foundation
import MAMLCore
import XCTest
@testable import MAMLLang
@testable import MAMLFigures

/// A built-in's parameters are declared once: its signature, the lines of
/// its help, its entry in docs/builtins.md, the named arguments Tab offers
/// and the checks of its arguments all come from the declaration.
final class ParameterDeclarationTests: XCTestCase {
    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// How a declared parameter shows in a signature, from its declaration:
    /// the name, and `=` and the default as a value is written (`iters=50`,
    /// `method="exact"`, `step=auto`) or the text of an optional one.
    private func signatureText(_ p: Parameter) -> String {
        switch p.requirement {
        case .required: return p.name
        case .optional(let text): return "\(p.name)=\(text)"
        case .defaulted(let v):
            guard let literal = v.sourceLiteral else {
                XCTFail("\(p.name)'s default \(v.typeDescription) has no source text")
                return p.name
            }
            return "\(p.name)=\(literal)"
        }
    }

    func testEveryBuiltinsHelpDocsEntryAndCompletionComeFromItsDeclaration() throws {
        let docs = try String(contentsOf: repository.appendingPathComponent("docs/builtins.md"), encoding: .utf8)
        let (interp, _) = makeInterpreter()
        var withParameterHelp = 0
        for family in BuiltinLibrary.withFigures.families {
            for f in family.functions {
                let positional = f.parameters.filter { !$0.namedOnly }
                let named = f.parameters.filter(\.namedOnly)
                var parts = positional.map(signatureText)
                if f.variadic { parts.append("…") }
                parts += named.map(signatureText)
                let call = "\(f.name)(\(parts.joined(separator: ", ")))"
                let signature = f.forms.isEmpty
                    ? (f.outputNames.count > 1 ? "[\(f.outputNames.joined(separator: ", "))] = \(call)" : call)
                    : f.forms.joined(separator: " or ")
                XCTAssertEqual(f.signature, signature, f.name)

                // A line per parameter with help, in the signature's order, ending in a period.
                let lines = (positional + named).filter { !$0.help.isEmpty }.map { p -> String in
                    "- \(signatureText(p)): \(p.help)" + (p.type.text.map { " (\($0))" } ?? "") + "."
                }
                withParameterHelp += lines.isEmpty ? 0 : 1
                let help = ([f.help] + lines).joined(separator: "\n")
                XCTAssertEqual(interp.help(for: f.name), "\(signature) — \(help)", f.name)

                let usage = f.forms.isEmpty ? "`\(signature)`" : f.forms.map { "`\($0)`" }.joined(separator: " · ")
                XCTAssertTrue(docs.contains("\n### `\(f.name)`\n\n\(usage)\n\n\(help)\n"),
                              "docs/builtins.md's entry of \(f.name) is not its declaration's (regenerate it)")

                // Tab after `f(` offers every parameter by name; after one
                // positional argument, the others.
                XCTAssertEqual(interp.completions(for: "\(f.name)("), f.parameters.map { "\($0.name)=" }, f.name)
                if let first = positional.first {
                    XCTAssertEqual(interp.completions(for: "\(f.name)(1, "),
                                   f.parameters.filter { $0.name != first.name }.map { "\($0.name)=" }, f.name)
                }
            }
        }
        XCTAssertGreaterThan(withParameterHelp, 20, "the built-ins with settings describe them")
    }

    func testMAMLsParametersComeFromMAMLCoresSettings() throws {
        let maml = try XCTUnwrap(BuiltinLibrary.withFigures["maml"])
        func parameter(_ name: String) throws -> Parameter { try XCTUnwrap(maml.parameters.first { $0.name == name }, name) }
        // Names, defaults and domains are MAMLCore's, written once there.
        let settings: [(String, Double, SettingDomain)] = [
            (MAMLRunOptions.iterations.name, Double(MAMLRunOptions.iterations.defaultValue), .whole(1...MAMLRunOptions.maxIterations)),
            (MAMLRunOptions.tolerance.name, MAMLRunOptions.tolerance.defaultValue, .nonNegative),
            (SafetyFactor.setting.name, SafetyFactor.setting.defaultValue, .unitInterval),
            (RolloutSettings.samples.name, Double(RolloutSettings.samples.defaultValue), .whole(1...1_000_000)),
            (RolloutSettings.radius.name, RolloutSettings.radius.defaultValue, .positive),
            (RolloutSettings.horizon.name, Double(RolloutSettings.horizon.defaultValue), .whole(1...1_000_000)),
            (RolloutSettings.noise.name, RolloutSettings.noise.defaultValue, .nonNegative),
        ]
        for (name, value, domain) in settings {
            let p = try parameter(name)
            guard case .defaulted(.number(let x)) = p.requirement else { return XCTFail("\(name) has no numeric default") }
            XCTAssertEqual(x, value, name)
            switch p.type {
            case .number(let d?), .count(let d?): XCTAssertEqual(d, domain, name)
            default: XCTFail("\(name) is not a number in a domain")
            }
        }
        XCTAssertEqual(try parameter("iters").signatureText, "iters=50")
        XCTAssertEqual(try parameter("method").signatureText, "method=\"exact\"")
        XCTAssertEqual(try parameter("eta").helpLine, "- eta: the inner (adaptation) step η (a number ≥ 0, ramp(a, b) or auto).")
        // maml's cap on iterations is its own, not policy optimization's.
        XCTAssertEqual(try parameter("iters").type.text, "a whole number from 1 to \(MAMLRunOptions.maxIterations)")
        let pg = try XCTUnwrap(BuiltinLibrary.withFigures["pg"])
        XCTAssertEqual(pg.parameters.first { $0.name == "step" }?.signatureText, "step=auto")
        XCTAssertEqual(pg.parameters.first { $0.name == "iters" }?.type.text,
                       "a whole number from 1 to \(PolicyOptimizationOptions.maxIterations)")
    }

    /// A setting MAMLCore refuses is reported at the argument of that name,
    /// for every setting of maml, with the message of its one check.
    func testSettingsRefusedByMAMLCoreArePlacedAtTheirArgument() {
        let setup = "t = task(1.2, 1, 1, 1); T = tasks(t)\n"
        let cases: [(String, String, Int)] = [
            ("r = maml(T, 0.5, eta=-1, beta=0.05)", "eta must be ≥ 0 (it is -1)", 18),
            ("r = maml(T, 0.5, eta=0.01, beta=Inf)", "beta must be a finite number (it is Inf)", 28),
            ("r = maml(T, 0.5, eta=0.01, beta=0.05, tol=-2)", "tol must be ≥ 0 (it is -2)", 39),
            ("r = maml(T, 0.5, eta=0.01, beta=0.05, iters=0)", "iters must be between 1 and 10000000 (it is 0)", 39),
            ("r = maml(T, 0.5, eta=0.01, beta=0.05, iters=1e30)", "iters must be between 1 and 10000000 (it is 1e+30)", 39),
            ("r = maml(T, 0.5, eta=0.01, beta=0.05, iters=2.5)", "iters must be a whole number (it is 2.5)", 39),
            ("r = maml(T, 0.5, eta=auto, beta=0.05, safety=0)", "safety must be in (0, 1] (it is 0)", 39),
            ("r = maml(T, 0.5, eta=0.01, beta=0.05, oracle=\"rollouts\", horizon=0)",
             "horizon must be between 1 and 1000000 (it is 0)", 58),
            ("r = maml(T, 0.5, eta=0.01, beta=0.05, oracle=\"rollouts\", noise=-1)", "noise must be ≥ 0 (it is -1)", 58),
            ("r = maml(T, 0.5, eta=0.01, beta=0.05, oracle=\"rollouts\", estimator=\"three\")",
             "estimator must be \"two-point\" or \"one-point\" (it is \"three\")", 58),
            ("r = maml(T, 0.5, eta=ramp(0.01, -1), beta=0.05)", "a ramp needs positive finite ends (to is -1)", 33),
            ("e = adapt(t, 0.5, eta=0.01, steps=100001)", "steps must be between 0 and 100000 (it is 100001)", 29),
            ("p = perturb(t, eps=-0.5)", "eps must be ≥ 0 (it is -0.5)", 16),
        ]
        for (source, message, column) in cases { assertError(setup + source, message, 2, column) }
    }
}
