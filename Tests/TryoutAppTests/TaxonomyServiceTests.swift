import Foundation
import Testing
import TryoutApp
import TryoutCore
@testable import TryoutStore
import TryoutTestSupport

@Suite("Taxonomy service")
struct TaxonomyServiceTests {
    @Test("skills are found by label or alternative label, best first; blank text finds nothing")
    func search() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let found = try await TaxonomyService.search(try SkillQuery.validate(q: "javascr", limit: "3"), t.context())
            #expect(found.count <= 3 && found.first?.skill.label == "JavaScript")
            #expect(try await TaxonomyService.search(try SkillQuery.validate(q: nil, limit: nil), t.context()).isEmpty)
        }
    }

    @Test("bad search parameters name each field")
    func badParameters() throws {
        let failure = #expect(throws: ValidationFailure.self) {
            try SkillQuery.validate(q: String(repeating: "a", count: 101), limit: "0")
        }
        #expect(failure?.errors.map(\.field) == ["q", "limit"])
        #expect(throws: ValidationFailure.self) { try SkillQuery.validate(q: "a\u{7}b", limit: nil) }
        #expect(throws: ValidationFailure.self) { try SkillQuery.validate(q: "sql", limit: "") }
    }

    @Test("the ESCO download imports from a folder, in order, without a request; again, it changes nothing")
    func importFolder() async throws {
        try await withTestApp { t in
            try await Taxonomy.loadBundledIfEmpty(on: t.db)
            let files = try TaxonomyService.files(at: Fixtures.folder.appendingPathComponent("esco").path)
            #expect(files.map(\.lastPathComponent) == TaxonomyService.folderFiles)
            var first: [TaxonomyImport.Outcome] = []
            for url in files { first.append(try await TaxonomyService.load(try TaxonomyService.read(url), t.context())) }
            #expect(first == [.init(added: 1, updated: 1), .init(added: 1), .init(added: 2, unmatched: 1)])
            let again = try await TaxonomyService.load(try TaxonomyService.read(files[0]), t.context())
            #expect(again == TaxonomyImport.Outcome(unchanged: 2))
        }
    }

    @Test("a path that does not exist, or a file that is not from ESCO, is refused")
    func refusedFiles() throws {
        #expect(throws: TaxonomyFileProblem.missing(path: "/nowhere/skills_en.csv")) {
            try TaxonomyService.files(at: "/nowhere/skills_en.csv")
        }
        #expect(throws: TaxonomyFileProblem.noESCOFiles(folder: Fixtures.folder.path)) { try TaxonomyService.files(at: Fixtures.folder.path) }
        #expect(throws: ESCOFile.ReadError.self) { try TaxonomyService.read(URL(fileURLWithPath: #filePath)) }
    }
}
