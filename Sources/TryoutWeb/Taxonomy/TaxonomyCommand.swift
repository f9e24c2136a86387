import ConsoleKit
import Foundation
import TryoutCore
import TryoutStore
import Vapor

/// `tryout taxonomy import PATH`: loads the official ESCO CSV download. PATH is one of
/// skills_en.csv, occupations_en.csv and occupationSkillRelations_en.csv, or a folder holding
/// them, which are then read in that order (relations need their skills and occupations).
struct TaxonomyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "import")
        var action: String

        @Argument(name: "path", help: "An ESCO CSV file, or a folder with skills_en.csv, occupations_en.csv and occupationSkillRelations_en.csv.")
        var path: String
    }

    static let folderFiles = ["skills_en.csv", "occupations_en.csv", "occupationSkillRelations_en.csv"]
    /// Far above the full ESCO download (the relations file is about 20 MB), far below trouble.
    static let maxFileSize = 200_000_000

    var help: String { "tryout taxonomy import PATH: imports the official ESCO CSV files; importing the same files again changes nothing." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "import" else { throw CommandError.invalidArgumentType("action", type: String.self) }
        let files = try Self.files(at: signature.path)
        try await context.application.prepareDatabase()
        for url in files {
            let file: ESCOFile
            do {
                file = try ESCOFile(csv: try Self.read(url))
            } catch let error as ESCOFile.ReadError {
                context.console.error("\(url.lastPathComponent): \(error)")
                throw error
            }
            let bar = context.console.progressBar(title: "\(url.lastPathComponent): \(file.count) \(file.kind.rawValue)")
            bar.start()
            let outcome = try await TaxonomyImport.run(file, on: context.application.db) { done in
                bar.activity.currentProgress = min(done, 1)
            }
            bar.succeed()
            var summary = "\(outcome.added) added, \(outcome.updated) updated, \(outcome.unchanged) unchanged"
            if outcome.unmatched > 0 { summary += ", \(outcome.unmatched) left out (unknown skill or occupation)" }
            if !file.problems.isEmpty { summary += ", \(file.problems.count) refused" }
            context.console.print("\(url.lastPathComponent): \(summary).")
            for problem in file.problems.prefix(10) { context.console.warning("  \(problem)") }
            if file.problems.count > 10 { context.console.warning("  … and \(file.problems.count - 10) more.") }
        }
    }

    static func files(at path: String) throws -> [URL] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw Abort(.notFound, reason: "\(path) does not exist.")
        }
        let url = URL(fileURLWithPath: path)
        guard isFolder.boolValue else { return [url] }
        let found = folderFiles.map { url.appendingPathComponent($0) }.filter { FileManager.default.fileExists(atPath: $0.path) }
        guard !found.isEmpty else { throw Abort(.notFound, reason: "\(path) holds none of \(folderFiles.joined(separator: ", ")).") }
        return found
    }

    private static func read(_ url: URL) throws -> String {
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        guard size <= maxFileSize else { throw Abort(.payloadTooLarge, reason: "\(url.lastPathComponent) is larger than 200 MB.") }
        guard let text = String(data: try Data(contentsOf: url), encoding: .utf8) else {
            throw Abort(.unprocessableEntity, reason: "\(url.lastPathComponent) is not UTF-8 text.")
        }
        return text
    }
}
