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
///
/// The daemons are started with posix_spawn, not Foundation's Process: a
/// daemon closes the descriptors it inherits, which Foundation on Linux takes
/// for its end and then waits for it without end.
final class SlurmCluster: @unchecked Sendable {
    /// The cluster's folder (state, spool, logs, key, socket).
    let folder: URL
    /// The `slurm.conf`: give `SLURM_CONF` to every Slurm command and to mamlsh.
    let configuration: URL
    /// The environment Slurm's commands and mamlsh need to reach this cluster.
    var environment: [String: String] { ["SLURM_CONF": configuration.path] }

    /// A daemon started: its name and process id, and whether it was reaped.
    private struct Daemon {
        let name: String
        let pid: pid_t
        var status: Int32?
    }

    private var processes: [Daemon] = []

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
        // Earlier runs' folders (kept for their logs) whose test process is gone.
        let parent = base.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
            if let pid = pid_t(name), pid != getpid(), kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
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
        let log = folder.appendingPathComponent("\(name).out").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_CONF"] = configuration.path
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard status == 0 else { throw Failure("cannot start \(path): \(String(cString: strerror(status)))") }
        processes.append(Daemon(name: name, pid: pid))
    }

    /// Whether daemon `k` still runs (reaping it when it ended).
    private func isRunning(_ k: Int) -> Bool {
        guard processes[k].status == nil else { return false }
        var status: Int32 = 0
        let reaped = waitpid(processes[k].pid, &status, WNOHANG)
        if reaped == processes[k].pid || reaped < 0 {
            processes[k].status = status
            return false
        }
        return true
    }

    /// Waits until `condition` holds, failing with the daemons' logs after `seconds`.
    private func waitFor(_ what: String, seconds: Double, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return }
            if let dead = processes.indices.first(where: { !isRunning($0) }) {
                throw Failure("\(processes[dead].name) ended (wait status \(processes[dead].status ?? 0)) while waiting for \(what):\n\(logs())")
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
        if let k = processes.firstIndex(where: { $0.name == "slurmctld" }), isRunning(k) {
            let (_, jobs) = run("squeue", ["-h", "-o", "%A"])
            let ids = jobs.split(separator: "\n").map(String.init)
            if !ids.isEmpty {
                run("scancel", ids)
                let deadline = Date().addingTimeInterval(10)
                while Date() < deadline, !run("squeue", ["-h"]).1.isEmpty { usleep(200_000) }
            }
        }
        // slurmd's step daemons (slurmstepd) end shortly after their jobs: let slurmd reap them first.
        if let slurmd = processes.first(where: { $0.name == "slurmd" }) {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline && !SlurmCluster.children(of: slurmd.pid).isEmpty { usleep(100_000) }
        }
        for k in processes.indices.reversed() where isRunning(k) {
            kill(processes[k].pid, SIGTERM)
        }
        for k in processes.indices.reversed() {
            let deadline = Date().addingTimeInterval(5)
            while isRunning(k) && Date() < deadline { usleep(50_000) }
            if isRunning(k) {
                kill(processes[k].pid, SIGKILL)
                var status: Int32 = 0
                waitpid(processes[k].pid, &status, 0)
            }
        }
        processes = []
    }

    /// The processes whose parent is `pid` (from /proc/N/stat).
    static func children(of pid: pid_t) -> [pid_t] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> pid_t? in
            guard let child = pid_t(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // After "(comm)": the state, then the parent's id.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = pid_t(fields[1]) else { return nil }
            return parent == pid ? child : nil
        }
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
