import ConsoleKit
import Foundation
import TryoutApp
import TryoutCore
import Vapor

/// `tryout taxonomy import PATH`: loads the official ESCO CSV download. PATH is one of
/// skills_en.csv, occupations_en.csv and occupationSkillRelations_en.csv, or a folder holding
/// them (see `TaxonomyService`); this command only reports progress and outcomes.
struct TaxonomyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "import")
        var action: String

        @Argument(name: "path", help: "An ESCO CSV file, or a folder with skills_en.csv, occupations_en.csv and occupationSkillRelations_en.csv.")
        var path: String
    }

    var help: String { "tryout taxonomy import PATH: imports the official ESCO CSV files; importing the same files again changes nothing." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "import" else { throw CommandError.invalidArgumentType("action", type: String.self) }
        let files = try TaxonomyService.files(at: signature.path)
        try await context.application.prepareDatabase()
        for url in files {
            let file: ESCOFile
            do {
                file = try TaxonomyService.read(url)
            } catch let error as ESCOFile.ReadError {
                context.console.error("\(url.lastPathComponent): \(error)")
                throw error
            }
            let bar = context.console.progressBar(title: "\(url.lastPathComponent): \(file.count) \(file.kind.rawValue)")
            bar.start()
            let outcome = try await TaxonomyService.load(file, context.application.commandContext) { done in
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
}
