import AtomicFiles
import Foundation
import MAMLLang
import MAMLPlot

/// Installing the kernel spec Jupyter finds mamlsh by (`mamlsh
/// --install-kernel [--user | --prefix DIR]`): a folder `kernels/mamlsh`
/// with `kernel.json` (how to start the kernel: this binary's absolute path,
/// `--jupyter {connection_file}`, interrupts by signal) and the logo drawn
/// by MAMLPlot: 32×32 and 64×64 PNGs, transparent around the rounded square,
/// and `logo-svg.svg`, which JupyterLab's launcher prefers.
public enum KernelSpec {
    /// Where to install.
    public enum Location: Sendable {
        /// For this user: `$JUPYTER_DATA_DIR/kernels`, else `~/.local/share/jupyter/kernels`.
        case user
        /// Under a prefix: `PREFIX/share/jupyter/kernels` (a virtual environment, a conda env).
        case prefix(String)
        /// For everyone: `/usr/local/share/jupyter/kernels`.
        case system
    }

    /// The kernels folder of `location`.
    public static func kernelsFolder(_ location: Location) -> String {
        switch location {
        case .user:
            if let data = ProcessInfo.processInfo.environment["JUPYTER_DATA_DIR"], !data.isEmpty {
                return (data as NSString).appendingPathComponent("kernels")
            }
            return (NSHomeDirectory() as NSString).appendingPathComponent(".local/share/jupyter/kernels")
        case .prefix(let p):
            return (((p as NSString).expandingTildeInPath) as NSString).appendingPathComponent("share/jupyter/kernels")
        case .system:
            return "/usr/local/share/jupyter/kernels"
        }
    }

    /// Writes the kernel spec for the binary at `executable`; the folder written.
    public static func install(_ location: Location, executable: String) throws -> String {
        let folder = (kernelsFolder(location) as NSString).appendingPathComponent("mamlsh")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let spec: [String: Any] = [
            "argv": [executable, "--jupyter", "{connection_file}"],
            "display_name": "mamlsh",
            "language": "mamlsh",
            "interrupt_mode": "signal",
            "metadata": ["debugger": false],
        ]
        let data = try JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try AtomicFile.write(Array(data) + [0x0A], to: (folder as NSString).appendingPathComponent("kernel.json"))
        for size in [32, 64] {
            try AtomicFile.write(try logo(pixels: size), to: (folder as NSString).appendingPathComponent("logo-\(size)x\(size).png"))
        }
        try AtomicFile.write(try renderSVG(logoScene), to: (folder as NSString).appendingPathComponent("logo-svg.svg"))
        return folder
    }

    /// The logo as a `pixels`×`pixels` PNG, transparent outside the rounded square.
    public static func logo(pixels: Int) throws -> [UInt8] {
        let side = logoScene.size.width
        return try renderPNG(logoScene, width: side / 72, height: side / 72, dpi: Double(pixels) / side * 72, transparent: true)
    }

    /// The logo: a landscape of F in viridis, with a trajectory of Algorithm 1
    /// descending to its minimum, on a rounded square 64 points wide.
    static var logoScene: Scene {
        let side = 64.0   // points
        var commands: [DrawCommand] = []
        let frame = PlotRect(x: 0, y: 0, width: side, height: side)
        commands.append(.fill(.roundedRect(frame, radius: 12), Color(red: 0.12, green: 0.12, blue: 0.16)))
        // F(w) = a bowl tilted along one axis, as the paper's landscape is.
        let n = 16
        let inset = 6.0, cell = (side - 2 * inset) / Double(n)
        var cells: [(PlotRect, Color)] = []
        for j in 0..<n {
            for i in 0..<n {
                let x = (Double(i) + 0.5) / Double(n) * 2 - 1, y = (Double(j) + 0.5) / Double(n) * 2 - 1
                let f = 0.55 * (x + 0.2) * (x + 0.2) + 1.6 * (y - 0.1 * x) * (y - 0.1 * x)
                let t = min(1, max(0, log1p(4 * f) / log1p(4 * 2.4)))
                cells.append((PlotRect(x: inset + Double(i) * cell, y: inset + Double(j) * cell, width: cell, height: cell),
                              ColorMap.viridis.color(at: t)))
            }
        }
        commands.append(.clip(PlotRect(x: inset, y: inset, width: side - 2 * inset, height: side - 2 * inset), [.cells(cells)]))
        let path = [PlotPoint(x: 12, y: 12), PlotPoint(x: 20, y: 22), PlotPoint(x: 25, y: 29), PlotPoint(x: 28, y: 32), PlotPoint(x: 29.5, y: 33)]
        commands.append(.stroke(.polyline(path), LineStyle(color: .white, width: 3), round: true))
        commands.append(.fill(.circle(PlotPoint(x: 29.5, y: 33), radius: 3.6), .white))
        commands.append(.fill(.circle(PlotPoint(x: 12, y: 12), radius: 2.4), Color(red: 0.95, green: 0.45, blue: 0.2)))
        return Scene(size: PlotSize(width: side, height: side), title: "mamlsh", commands: commands)
    }
}
