import Foundation
import JupyterKernel
import MAMLLang

/// `mamlsh --install-kernel` and `mamlsh --jupyter CONNECTION_FILE`.
enum JupyterCommands {
    /// Installs the kernel spec; the exit status.
    static func install(user: Bool, prefix: String?) -> Int32 {
        let location: KernelSpec.Location = prefix.map { .prefix($0) } ?? (user ? .user : .system)
        do {
            let folder = try KernelSpec.install(location, executable: executablePath)
            StandardStreams.writeOutput("installed the Jupyter kernel 'mamlsh' in \(folder)\n")
            return 0
        } catch {
            Headless.fail("cannot install the kernel spec: \(error)")
            return 1
        }
    }

    /// Runs the kernel until Jupyter shuts it down (status 0) or a signal
    /// asks it to end (SIGTERM: 143, SIGHUP: 129); the exit status. A kernel
    /// whose client is gone (killed without shutting the kernel down) says so
    /// and ends with status 1, as ipykernel's. A kernel that cannot start (a
    /// connection file it cannot read, a port it cannot listen on) or whose
    /// transport fails says why and ends with status 1. Every way out closes
    /// the kernel's sockets first (`Kernel.run`); what is said comes after,
    /// since standard error may be a pipe to the client that is gone.
    static func serve(connectionFile: String, outputDirectory: String?) -> Int32 {
        Signals.install()
        let options = InterpreterOptions(outputDirectory: outputDirectory.map { ($0 as NSString).expandingTildeInPath })
        let ending: Kernel.Ending
        do {
            let kernel = try Kernel(connectionFile: connectionFile,
                                    identity: Kernel.Identity(version: mamlshVersion, banner: "mamlsh \(mamlshVersion) — meta-learning LQR"),
                                    options: options)
            ending = try kernel.run(wakingOn: Signals.wakeRead)
        } catch {
            StandardStreams.writeError("mamlsh kernel: \(error)\n")
            return 1
        }
        switch ending {
        case .shutdown, .signal:
            return Signals.terminationStatus ?? 0
        case .clientGone(let farewell):
            StandardStreams.writeError(farewell)
            return 1
        }
    }

    /// The absolute path of this program (what kernel.json starts).
    static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
