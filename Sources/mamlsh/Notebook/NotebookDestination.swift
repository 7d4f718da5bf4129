import Foundation
import MAMLLang

/// Where `--notebook` writes, checked before the script runs: a long run
/// must not find out at its end that its notebook cannot be written. The
/// notebook itself is still written atomically at the end (`ScriptFile.write`).
enum NotebookDestination {
    /// Checks that a notebook can be written at `path`: its folder exists,
    /// is a folder, and a file can be made in it (access(2) first; then a
    /// file is made and removed, since root passes access(2) where no file
    /// can be made, as in /proc); the path is not a folder itself.
    ///
    /// - Throws: `ProgramError` "cannot write the notebook 'PATH': REASON".
    static func check(_ path: String) throws(ProgramError) {
        func refuse(_ reason: String) -> ProgramError {
            ProgramError("cannot write the notebook '\(path)': \(reason)")
        }
        let expanded = (path as NSString).expandingTildeInPath
        let parent = (expanded as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        var info = stat()
        guard stat(folder, &info) == 0 else {
            if errno == ENOENT { throw refuse("the folder '\(folder)' does not exist") }
            throw refuse("'\(folder)': \(reason(errno))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw refuse("'\(folder)' is a file, not a folder") }
        guard access(folder, W_OK | X_OK) == 0 else { throw refuse("'\(folder)' cannot be written: \(reason(errno))") }
        if stat(expanded, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR { throw refuse("it is a folder") }
        let name = (expanded as NSString).lastPathComponent
        let probe = (folder as NSString).appendingPathComponent(".\(name).probe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw refuse("cannot create a file in '\(folder)': \(reason(errno))") }
        close(fd)
        unlink(probe)
    }

    /// The system's explanation of `code`.
    private static func reason(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
