import Foundation

extension FilePaths {
    /// Most names one completion lists.
    static let maxCompletions = 1000

    /// The file and folder names that complete `partial` (the text of a
    /// string typed so far), sorted, each in the form it is typed
    /// (`results/ru` → `results/run1.csv`, `~/d` → `~/data/`); a folder ends
    /// in `/`. A relative name is looked for as `load` looks for it: in the
    /// output directory, then in the current one (names in both are listed
    /// once). Hidden names only when the typed part starts with `.`.
    public static func completions(of partial: String, outputDirectory: String?) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let typedFolder = slash.map { String(partial[...$0]) } ?? ""
        let namePrefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let folder = (typedFolder as NSString).expandingTildeInPath
        var bases: [String] = []
        if folder.hasPrefix("/") {
            bases = [folder]
        } else {
            if let dir = outputDirectory { bases.append((dir as NSString).appendingPathComponent(folder)) }
            bases.append((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(folder))
        }
        var seen = Set<String>()
        var found: [String] = []
        for base in bases {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { continue }
            for name in names where name.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !name.hasPrefix(".")) {
                var isFolder: ObjCBool = false
                let full = (base as NSString).appendingPathComponent(name)
                let exists = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
                let candidate = typedFolder + name + (exists && isFolder.boolValue ? "/" : "")
                if seen.insert(candidate).inserted { found.append(candidate) }
                if found.count >= maxCompletions { break }
            }
        }
        return found.sorted()
    }
}
