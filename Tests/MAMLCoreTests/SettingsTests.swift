import TestSupport
import XCTest
@testable import MAMLCore

/// The settings of the option types: each checked once, by its domain, in a
/// typed error that names it; and a run's series, one enum.
final class SettingsTests: XCTestCase {
    private func refusal(_ body: () throws -> Any) -> MAMLError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? MAMLError
        }
    }

    func testEachDomainSaysWhatTheSettingMustBeAndNamesIt() {
        let cases: [(SettingDomain, Double, String)] = [
            (.nonNegative, -1, "x must be ≥ 0 (it is -1)"),
            (.nonNegative, .infinity, "x must be a finite number (it is Inf)"),
            (.positive, 0, "x must be a positive finite number (it is 0)"),
            (.positive, .nan, "x must be a positive finite number (it is NaN)"),
            (.unitInterval, 1.5, "x must be in (0, 1] (it is 1.5)"),
            (.whole(1...10), 2.5, "x must be a whole number (it is 2.5)"),
            (.whole(1...10), 20_000_000, "x must be between 1 and 10 (it is 20000000)"),
            (.whole(1...Int.max), 0, "x must be ≥ 1 (it is 0)"),
            (.whole(1...Int.max), 0x1p63, "x must be below 2^63 (it is 9.22337e+18)"),
        ]
        for (domain, x, message) in cases {
            XCTAssertEqual(refusal { try domain.check(x, setting: "x") }, .invalidSetting(name: "x", message: message), message)
        }
        XCTAssertEqual(try SettingDomain.unitInterval.check(1, setting: "x"), 1)
        XCTAssertEqual(try SettingDomain.nonNegative.check(0, setting: "x"), 0)
        XCTAssertEqual(refusal { try SettingDomain.positive.check(-2, setting: "step", alternative: "auto") },
                       .invalidSetting(name: "step", message: "step must be a positive finite number or auto (it is -2)"))
        XCTAssertEqual(refusal { try SettingDomain.whole(1...5).check(0, setting: "k", subject: "the number of draws k") },
                       .invalidSetting(name: "k", message: "the number of draws k must be between 1 and 5 (it is 0)"))
        XCTAssertEqual(["\(SettingDomain.nonNegative)", "\(SettingDomain.positive)", "\(SettingDomain.unitInterval)",
                        "\(SettingDomain.whole(1...50))", "\(SettingDomain.whole(0...Int.max))"],
                       ["≥ 0", "> 0", "in (0, 1]", "from 1 to 50", "≥ 0"])
    }

    func testOptionTypesAreValidFromBirth() throws {
        XCTAssertEqual(refusal { try RolloutSettings(horizon: 0) },
                       .invalidSetting(name: "horizon", message: "horizon must be between 1 and 1000000 (it is 0)"))
        XCTAssertEqual(refusal { try SafetyFactor(0) }, .invalidSetting(name: "safety", message: "safety must be in (0, 1] (it is 0)"))
        XCTAssertEqual(refusal { try StepSchedule.ramp(from: 1e-3, to: .infinity) },
                       .invalidSetting(name: "to", message: "a ramp needs positive finite ends (to is Inf)"))
        XCTAssertEqual(refusal { try LQRTask(A: Matrix([[1]]), B: Matrix([[1]]), Q: Matrix([[1]]), R: Matrix([[1]]))
                            .adapted(Matrix([[0.5]]), eta: 0.1, steps: -1) },
                       .invalidSetting(name: "steps", message: "steps must be between 0 and 100000 (it is -1)"))
        // The defaults are the settings' own.
        let settings = try RolloutSettings()
        XCTAssertEqual([Double(settings.samples), settings.radius, Double(settings.horizon), settings.noise], [100, 0.05, 100, 0])
        let options = try MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .auto(safety: 0.5))
        XCTAssertEqual(options.iterations, 50)
        XCTAssertEqual(options.tolerance, 0)
        XCTAssertEqual(options.beta.kind, .auto(safety: 0.5))
        XCTAssertEqual(MAMLRunOptions.iterations.domain, .whole(1...MAMLRunOptions.maxIterations))
    }

    func testARunsSeriesAreOneEnumReadByKeyPath() throws {
        let set = try TaskSet(ReferenceVectors.paperAlphas().map(PaperSystem.task))
        let run = try runMAML(tasks: set, from: Matrix([[1, -2]]),
                              options: MAMLRunOptions(eta: .constant(1e-5, MAMLPoint.eta), beta: .constant(1e-6, MAMLRunOptions.beta),
                                                      iterations: 3))
        XCTAssertEqual(RunSeries.allCases.map(\.rawValue), ["F", "gradnorm", "eta", "beta", "margin", "cosine", "gradnorm_est"])
        let arrays = [run.objective, run.gradNorm, run.eta, run.beta, run.margin, run.cosine, run.gradNormEstimate]
        for (series, array) in zip(RunSeries.allCases, arrays) {
            XCTAssertEqual(series.values(of: run).count, 4, series.rawValue)
            XCTAssertTrue(zip(series.values(of: run), array).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, series.rawValue)
        }
        XCTAssertEqual(RunSeries.eta.values(of: run), [1e-5, 1e-5, 1e-5, 1e-5])
        // Read back by name, a series left out is NaN; one of the wrong length is refused.
        var series = Dictionary(uniqueKeysWithValues: RunSeries.allCases.map { ($0, $0.values(of: run)) })
        series[.cosine] = nil
        let back = try MAMLRun(iterates: run.iterates, series: series, status: run.status, time: 0, options: run.options)
        XCTAssertEqual(back.objective, run.objective)
        XCTAssertTrue(back.cosine.allSatisfy(\.isNaN))
        series[.margin] = [1]
        XCTAssertEqual(refusal { try MAMLRun(iterates: run.iterates, series: series, status: run.status, time: 0, options: run.options) },
                       .shape("a run's margin must have one entry per iterate (4); it has 1"))
        // How each is drawn: norms on a log axis, ratios never.
        XCTAssertTrue(RunSeries.gradnorm.defaultLogScale([[1, 1]]))
        XCTAssertFalse(RunSeries.margin.defaultLogScale([[1e-3, 1]]))
        XCTAssertTrue(RunSeries.beta.defaultLogScale([[1e-6, 1e-3, .nan]]))
        XCTAssertEqual(RunSeries.beta.label(singleTask: true), "η")
        XCTAssertEqual(RunSeries.F.label(singleTask: false), "F(W)")
    }
}
