import Foundation
import TryoutCore
import TryoutStore

/// Why an ESCO download could not be read; worded for the operator running the import.
public enum TaxonomyFileProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case noESCOFiles(folder: String)
    case tooLarge(name: String)
    case notText(name: String)

    public var description: String {
        switch self {
        case .missing(let path): "\(path) does not exist."
        case .noESCOFiles(let folder): "\(folder) holds none of \(TaxonomyService.folderFiles.joined(separator: ", "))."
        case .tooLarge(let name): "\(name) is larger than 200 MB."
        case .notText(let name): "\(name) is not UTF-8 text."
        }
    }
}

/// The ESCO skills taxonomy: finding skills as people type, and loading the official download.
public enum TaxonomyService {
    /// The files a download folder holds, in the order they must be read: relations need their
    /// skills and occupations.
    public static let folderFiles = ["skills_en.csv", "occupations_en.csv", "occupationSkillRelations_en.csv"]
    /// Far above the full ESCO download (the relations file is about 20 MB), far below trouble.
    public static let maxFileSize = 200_000_000

    /// Skills whose label or alternative label holds the text, best first. The taxonomy is
    /// public: anyone may ask.
    public static func search(_ query: SkillQuery, _ ctx: ActionContext) async throws -> [SkillSearch.Match] {
        try await Taxonomy.search(query.text, limit: query.limit, on: ctx.db)
    }

    /// For each skill field refused as unknown, the skills nearest to what was typed (at most
    /// three), by field name: the form offers each as a one-click choice.
    public static func choices(for errors: [FieldError], in fields: [String: String], _ ctx: ActionContext) async throws -> [String: [String]] {
        var choices: [String: [String]] = [:]
        for error in errors where error.field.hasPrefix("skill.") && error.field.hasSuffix(".label") {
            guard let typed = fields[error.field], !typed.isEmpty else { continue }
            let near = try await Taxonomy.suggestions(for: typed, on: ctx.db)
            if !near.isEmpty { choices[error.field] = near }
        }
        return choices
    }

    /// The files `path` names: one ESCO CSV file, or those of `folderFiles` a folder holds.
    public static func files(at path: String) throws(TaxonomyFileProblem) -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .missing(path: path) }
        let url = URL(fileURLWithPath: path)
        guard isFolder.boolValue else { return [url] }
        let found = folderFiles.map { url.appendingPathComponent($0) }.filter { FileManager.default.fileExists(atPath: $0.path) }
        guard !found.isEmpty else { throw .noESCOFiles(folder: path) }
        return found
    }

    /// Reads one file; its rows are checked (`ESCOFile.ReadError` when it is not an ESCO file).
    public static func read(_ url: URL) throws -> ESCOFile {
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        guard size <= maxFileSize else { throw TaxonomyFileProblem.tooLarge(name: url.lastPathComponent) }
        guard let text = String(data: try Data(contentsOf: url), encoding: .utf8) else {
            throw TaxonomyFileProblem.notText(name: url.lastPathComponent)
        }
        return try ESCOFile(csv: text)
    }

    /// Loads a file, all of it or nothing; loading the same file again changes nothing. Only the
    /// operator runs it, from the command line, so there is no one to check permission for.
    public static func load(_ file: ESCOFile, _ ctx: ActionContext,
                            progress: @escaping @Sendable (Double) -> Void = { _ in }) async throws -> TaxonomyImport.Outcome {
        try await ctx.act(locking: .none) { ctx in try await TaxonomyImport.run(file, on: ctx.db, progress: progress) }
    }
}
