import Foundation
import XCTest

/// A real single-node Slurm cluster for the sweep tests: `munged`,
/// `slurmctld` and `slurmd` from Debian's `munge` and `slurm-wlm` (which
/// scripts/test installs, scripts/setup.sh), started in the foreground as
/// children of the tests with a generated `slurm.conf` (proctrack/linuxproc,
/// task/none, no accounting, no systemd), its state, logs and munge key
/// under `.build/slurm-test/`, on two free ports. `stop()` cancels the jobs
/// the cluster still holds and ends exactly the three processes it started,
/// by their ids.
final class SlurmCluster: @unchecked Sendable {
    /// The cluster's folder (state, spool, logs, key, socket).
    let folder: URL
    /// The `slurm.conf`: give `SLURM_CONF` to every Slurm command and to mamlsh.
    let configuration: URL
    /// The environment Slurm's commands and mamlsh need to reach this cluster.
    var environment: [String: String] { ["SLURM_CONF": configuration.path] }

    private var processes: [(name: String, process: Process)] = []

    /// The daemons' programs, looked for on PATH and in /usr/sbin.
    static let daemons = ["munged", "slurmctld", "slurmd"]

    /// Starts a cluster; an error says what is missing or which daemon did not come up, with its log.
    init() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var base = repository.appendingPathComponent(".build/slurm-test/\(getpid())")
        // A Unix socket's path holds at most 107 bytes.
        if base.path.utf8.count > 80 { base = URL(fileURLWithPath: "/tmp/mamlsh-slurm-\(getpid())") }
        folder = base
        configuration = base.appendingPathComponent("slurm.conf")
        try? FileManager.default.removeItem(at: base)
        for sub in ["state", "spool"] {
            try FileManager.default.createDirectory(at: base.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        chmod(base.path, 0o755)
        var programs: [String: String] = [:]
        for name in SlurmCluster.daemons + ["sbatch", "squeue", "sinfo", "scancel", "scontrol"] {
            guard let path = SlurmCluster.find(name) else {
                throw SlurmCluster.Failure("\(name) is missing: the sweep tests need Debian's slurm-wlm and munge (scripts/test installs them through scripts/setup.sh)")
            }
            programs[name] = path
        }
        // The munge key: 1024 random bytes, readable by its owner only.
        let key = base.appendingPathComponent("munge.key")
        var bytes = [UInt8](repeating: 0, count: 1024)
        for k in bytes.indices { bytes[k] = UInt8.random(in: 0...255) }
        try Data(bytes).write(to: key)
        chmod(key.path, 0o600)
        let socket = base.appendingPathComponent("munge.sock").path
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        let ports = try SlurmCluster.freePorts(2)
        let conf = """
            ClusterName=mamlshtest
            SlurmctldHost=\(host)(127.0.0.1)
            SlurmUser=\(SlurmCluster.userName())
            SlurmctldPort=\(ports[0])
            SlurmdPort=\(ports[1])
            AuthType=auth/munge
            AuthInfo=socket=\(socket)
            CredType=cred/munge
            StateSaveLocation=\(base.path)/state
            SlurmdSpoolDir=\(base.path)/spool
            SlurmctldPidFile=\(base.path)/slurmctld.pid
            SlurmdPidFile=\(base.path)/slurmd.pid
            SlurmctldLogFile=\(base.path)/slurmctld.log
            SlurmdLogFile=\(base.path)/slurmd.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/none
            MpiDefault=none
            SchedulerType=sched/builtin
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            ReturnToService=2
            SlurmdParameters=config_overrides
            MinJobAge=300
            KillWait=5
            MailProg=/bin/true
            NodeName=\(host) NodeAddr=127.0.0.1 CPUs=4 RealMemory=1000 State=UNKNOWN
            PartitionName=debug Nodes=\(host) Default=YES MaxTime=INFINITE State=UP

            """
        try conf.write(to: configuration, atomically: true, encoding: .utf8)
        do {
            try start("munged", programs["munged"] ?? "", ["--foreground", "--force", "--key-file=\(key.path)", "--socket=\(socket)",
                                                             "--pid-file=\(base.path)/munged.pid", "--log-file=\(base.path)/munged.log",
                                                             "--seed-file=\(base.path)/munged.seed"])
            try waitFor("munged's socket", seconds: 10) { FileManager.default.fileExists(atPath: socket) }
            try start("slurmctld", programs["slurmctld"] ?? "", ["-D", "-i", "-f", configuration.path])
            try start("slurmd", programs["slurmd"] ?? "", ["-D", "-f", configuration.path])
            try waitFor("the node to be idle", seconds: 30) {
                let (status, out) = self.run("sinfo", ["-h", "-o", "%t"])
                return status == 0 && out.trimmingCharacters(in: .whitespacesAndNewlines) == "idle"
            }
        } catch {
            stop()
            throw error
        }
    }

    /// Why the cluster is not there.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Starts daemon `name` in the foreground, its output in `name.out`.
    private func start(_ name: String, _ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_CONF"] = configuration.path
        process.environment = environment
        let log = folder.appendingPathComponent("\(name).out")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw Failure("cannot create \(log.path)") }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        processes.append((name, process))
    }

    /// Waits until `condition` holds, failing with the daemons' logs after `seconds`.
    private func waitFor(_ what: String, seconds: Double, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return }
            if let dead = processes.first(where: { !$0.process.isRunning }) {
                throw Failure("\(dead.name) ended (status \(dead.process.terminationStatus)) while waiting for \(what):\n\(logs())")
            }
            usleep(100_000)
        }
        throw Failure("\(what) did not happen within \(Int(seconds)) s:\n\(logs())")
    }

    /// The ends of the daemons' logs.
    func logs() -> String {
        ["munged.out", "slurmctld.out", "slurmd.out", "slurmctld.log", "slurmd.log"].map { name in
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return "--- \(name)\n" + text.split(separator: "\n").suffix(15).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Runs Slurm command `name` against this cluster; its status and standard output.
    @discardableResult
    func run(_ name: String, _ arguments: [String]) -> (Int32, String) {
        guard let path = SlurmCluster.find(name) else { return (127, "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_CONF"] = configuration.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The array tasks of `job` Slurm holds, as (index, state) — `PD`, `R`, `CG`.
    func tasks(of job: String) -> [(index: Int, state: String)] {
        let (_, out) = run("squeue", ["-h", "-r", "-j", job, "-o", "%i %t"])
        return out.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.count == 2, let id = f.first, let u = id.firstIndex(of: "_"),
                  let index = Int(id[id.index(after: u)...]), let state = f.last else { return nil }
            return (index, String(state))
        }
    }

    /// Cancels every job the cluster holds, then ends the processes it started (SIGTERM, then SIGKILL after 5 s).
    func stop() {
        if processes.contains(where: { $0.name == "slurmctld" && $0.process.isRunning }) {
            let (_, jobs) = run("squeue", ["-h", "-o", "%A"])
            let ids = jobs.split(separator: "\n").map(String.init)
            if !ids.isEmpty {
                run("scancel", ids)
                let deadline = Date().addingTimeInterval(10)
                while Date() < deadline, !run("squeue", ["-h"]).1.isEmpty { usleep(200_000) }
            }
        }
        for (_, process) in processes.reversed() where process.isRunning {
            kill(process.processIdentifier, SIGTERM)
        }
        for (_, process) in processes.reversed() {
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        processes = []
    }

    /// The program `name` on PATH or in /usr/sbin, /sbin.
    static func find(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/sbin:/usr/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The name of the user running the tests (Slurm's daemons run as it).
    static func userName() -> String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "root" }
        return String(cString: name)
    }

    /// `count` TCP ports that are free now (bound to port 0 and released).
    static func freePorts(_ count: Int) throws -> [Int] {
        var sockets: [Int32] = []
        defer { for s in sockets { close(s) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard s >= 0 else { throw Failure("no socket for a free port") }
            sockets.append(s)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { throw Failure("cannot bind a socket to find a free port") }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) }
            }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }
}
