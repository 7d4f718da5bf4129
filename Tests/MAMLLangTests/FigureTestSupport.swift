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

/// The width and height in a PNG's IHDR chunk (nil when the bytes are not a PNG).
func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
    func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (be32(16), be32(20))
}

/// A PNG decoded with Cairo, for reading pixels back.
struct DecodedImage {
    let width: Int
    let height: Int
    let pixels: [UInt32]

    init(path: String) throws {
        guard let surface = cairo_image_surface_create_from_png(path) else { throw PlotError.renderingFailed("no surface") }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw PlotError.renderingFailed("cannot decode \(path)") }
        cairo_surface_flush(surface)
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw PlotError.renderingFailed("no data") }
        var pixels = [UInt32](repeating: 0, count: width * height)
        for row in 0..<height {
            let source = UnsafeRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for col in 0..<width { pixels[row * width + col] = source[col] }
        }
        self.pixels = pixels
    }

    /// The colour at a page point of a figure rendered at 2× density.
    func color(at point: PlotPoint) -> (r: Int, g: Int, b: Int) {
        let x = min(max(Int(point.x * 2), 0), width - 1), y = min(max(Int(point.y * 2), 0), height - 1)
        let p = pixels[y * width + x]
        return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
    }
}

/// Whether a sampled colour is within `tolerance` per channel of `expected`.
func matches(_ actual: (r: Int, g: Int, b: Int), _ expected: Color, tolerance: Int) -> Bool {
    let (r, g, b, _) = expected.rgba8
    return abs(actual.r - Int(r)) <= tolerance && abs(actual.g - Int(g)) <= tolerance && abs(actual.b - Int(b)) <= tolerance
}

/// The layout MAMLPlot draws `figure` with (text measured by Cairo, as when rendering).
func cairoLayout(_ figure: Figure) throws -> FigureLayout {
    try FigureLayout(figure, measurer: CairoTextMeasurer())
}

extension Interpreter {
    /// Variable `name` as an object of type `T`.
    func object<T>(_ name: String, as type: T.Type) -> T? {
        guard case .object(let o)? = value(of: name) else { return nil }
        return o as? T
    }
}
