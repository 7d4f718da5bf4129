import CCairo
import Foundation
import XCTest
import MAMLCore
@testable import MAMLLang
@testable import MAMLPlot
import TestSupport

/// The paper's ten tasks (Section V, coefficients from Tests/Fixtures) as
/// script text defining `T`, plus two short runs: `r1` from [1 −2], which
/// completes, and `r2` from [2.5 −1.5], whose second step is refused.
enum PaperScript {
    static func setup() throws -> String {
        let rows = try ReferenceVectors.paperAlphas().map { $0.map { String($0) }.joined(separator: " ") }
        return """
        A = [1.5 0; 0 -2]; B = [0.5; 0.5]; Q1 = [0.01 -0.5; -0.5 200]; Q2 = [200 1; 1 0.01];
        alphas = [\(rows.joined(separator: "; "))];
        L = {};
        for i in 1:10
          a = alphas[i, :];
          L = append(L, task(A, B, a[1] * Q1 + a[2] * Q2, 2 * a[3] + 0.1 * a[4]));
        end
        T = tasks(L);
        r1 = maml(T, [1 -2], eta=1e-5, beta=2e-6, iters=4);
        r2 = maml(T, [2.5 -1.5], eta=1e-5, beta=2e-6, iters=4);

        """
    }

    /// The same tasks as a MAMLCore task set.
    static func taskSet() throws -> TaskSet {
        try TaskSet(ReferenceVectors.paperAlphas().map(PaperSystem.task))
    }

    /// A 3-state, 2-input pair of tasks (W is 2×3) that W = 0 stabilizes.
    static let twoByThree = """
    A3 = [0.5 0.1 0; 0 0.4 0.2; 0.1 0 0.3]; B3 = [1 0; 0 1; 1 1];
    T3 = tasks(task(A3, B3, eye(3), eye(2)), task(A3, B3, 2 * eye(3), eye(2)));
    C = zeros(2, 3); D1 = [1 0 0; 0 0 0]; D2 = [0 0 0; 0 1 0];

    """
}

/// A fresh temporary folder, removed when the value goes away.
final class ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("mamlsh-fig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: file(name)))) }

    /// Every file below the folder, relative paths, sorted.
    func contents() -> [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
            .filter { !(file($0) as NSString).lastPathComponent.isEmpty }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: file($0), isDirectory: &d) && !d.boolValue }
            .sorted()
    }
}

/// Whether a sampled colour is within `tolerance` per channel of `expected`.
func matches(_ actual: (r: Int, g: Int, b: Int), _ expected: Color, tolerance: Int) -> Bool {
    let (r, g, b, _) = expected.rgba8
    return abs(actual.r - Int(r)) <= tolerance && abs(actual.g - Int(g)) <= tolerance && abs(actual.b - Int(b)) <= tolerance
}

/// The layout MAMLPlot draws the figure's (first) panel with (text measured by Cairo, as when rendering).
func cairoLayout(_ figure: Figure) throws -> AxesLayout {
    try XCTUnwrap(FigureLayout(figure, measurer: CairoTextMeasurer()).panels.first)
}

extension Interpreter {
    /// Variable `name` as an object of type `T`.
    func object<T>(_ name: String, as type: T.Type) -> T? {
        guard case .object(let o)? = value(of: name) else { return nil }
        return o as? T
    }
}
