import Foundation
import Testing
@testable import TryoutCore

@Suite("CSV")
struct CSVTests {
    @Test("quoted fields keep commas, doubled quotes and line breaks; rows know their first line")
    func quoting() {
        let rows = CSV.rows("\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"one\ntwo\"\n\nlast,,\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "one\ntwo"], ["last", "", ""]])
        #expect(rows.map(\.line) == [1, 2, 5])
    }

    @Test("a file without a final line break still ends its last row")
    func noFinalNewline() {
        #expect(CSV.rows("a,b\nc,d").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(CSV.rows("").isEmpty)
    }
}

@Suite("ESCO files")
struct ESCOFileTests {
    static let skillsHeader = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description\n"
    static let uri = "http://data.europa.eu/esco/skill/0001"

    @Test("skills: columns found by name, alternative labels split, trimmed and without repeats")
    func skills() throws {
        let file = try ESCOFile(csv: Self.skillsHeader + "KSC,\(Self.uri),knowledge,x,SQL,\"structured query language\n SQL \nsequel\n\",,released,,,,,Queries.\n")
        #expect(file.kind == .skills)
        #expect(file.skills == [Skill(uri: Self.uri, label: "SQL", kind: .knowledge, altLabels: ["structured query language", "sequel"],
                                      description: "Queries.")])
        #expect(file.problems.isEmpty)
    }

    @Test("a row without a concept URI or label, or with control characters, is refused with its line")
    func problems() throws {
        let text = Self.skillsHeader
            + "KSC,ftp://elsewhere/1,skill/competence,x,one,,,released,,,,,\n"
            + "KSC,\(Self.uri),skill/competence,x,,,,released,,,,,\n"
            + "KSC,\(Self.uri)2,skill/competence,x,bell\u{07},,,released,,,,,\n"
            + "KSC,\(Self.uri)3,,x,write Hungarian,,,released,,,,,\n"
        let file = try ESCOFile(csv: text)
        #expect(file.problems.map(\.line) == [2, 3, 4])
        #expect(file.problems[0].message.contains("conceptUri"))
        #expect(file.skills.map(\.label) == ["write Hungarian"])
        #expect(file.skills.first?.kind == .skill, "a blank skillType is a skill")
    }

    @Test("occupations and relations are told apart by their headers")
    func otherKinds() throws {
        let occupations = try ESCOFile(csv: "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description\n"
            + "Occupation,http://data.europa.eu/esco/occupation/1,2511,data analyst,\"analyst\",Analyses data.\n")
        #expect(occupations.kind == .occupations && occupations.occupations.first?.altLabels == ["analyst"])
        let relations = try ESCOFile(csv: "occupationUri,relationType,skillType,skillUri\n"
            + "http://data.europa.eu/esco/occupation/1,essential,knowledge,\(Self.uri)\n"
            + "http://data.europa.eu/esco/occupation/1,optional,knowledge,\(Self.uri)9\n")
        #expect(relations.kind == .relations && relations.relations.map(\.essential) == [true, false])
    }

    @Test("a file that is not from the ESCO download is refused whole")
    func unknownHeader() {
        #expect(throws: ESCOFile.ReadError.self) { try ESCOFile(csv: "name,email\nAda,ada@example.com\n") }
        #expect(throws: ESCOFile.ReadError.self) { try ESCOFile(csv: "") }
    }
}

@Suite("Skill search")
struct SkillSearchTests {
    static let skills = [
        Skill(uri: "u1", label: "MySQL", kind: .knowledge),
        Skill(uri: "u2", label: "SQL", kind: .knowledge, altLabels: ["structured query language"]),
        Skill(uri: "u3", label: "SQL Server", kind: .knowledge),
        Skill(uri: "u4", label: "manage databases", kind: .skill, altLabels: ["run SQL databases"]),
        Skill(uri: "u5", label: "NoSQL", kind: .knowledge),
    ]

    @Test("whole label, then prefix, then a later word, then inside a word; alternative labels after preferred ones")
    func order() {
        let found = SkillSearch.rank(Self.skills, for: "  sql ", limit: 10)
        #expect(found.map(\.skill.uri) == ["u2", "u3", "u4", "u1", "u5"])
        #expect(found.first { $0.skill.uri == "u4" }?.matchedAltLabel == "run SQL databases")
        #expect(found.first?.matchedAltLabel == nil)
    }

    @Test("alternative labels are searched; blank text and limits are respected")
    func altLabelsAndLimits() {
        #expect(SkillSearch.rank(Self.skills, for: "query lang").map(\.skill.uri) == ["u2"])
        #expect(SkillSearch.rank(Self.skills, for: "   ").isEmpty)
        #expect(SkillSearch.rank(Self.skills, for: "sql", limit: 2).count == 2)
        #expect(SkillSearch.rank(Self.skills, for: "sql", limit: 500).count == 5)
    }

    @Test("a misspelt name finds skills a letter or two away, in the label or an alternative one, fewest edits first")
    func misspelt() {
        let skills = Self.skills + [
            Skill(uri: "s1", label: "use spreadsheets software", kind: .skill, altLabels: ["work with Excel"]),
            Skill(uri: "s2", label: "Python (computer programming)", kind: .knowledge),
        ]
        #expect(SkillSearch.rankNear(skills, for: "spredsheet").map(\.skill.uri) == ["s1"])
        #expect(SkillSearch.rankNear(skills, for: "pyhton").map(\.skill.uri) == ["s2"], "two letters swapped are one edit")
        let excel = SkillSearch.rankNear(skills, for: "Excle")
        #expect(excel.map(\.skill.uri) == ["s1"])
        #expect(excel.first?.matchedAltLabel == "work with Excel")
        #expect(SkillSearch.rankNear(skills, for: "manage databses").map(\.skill.uri) == ["u4"], "every word must be near")
        #expect(SkillSearch.rankNear(skills, for: "manage zebras").isEmpty)
        #expect(SkillSearch.rankNear(skills, for: "sqk").isEmpty, "short words must be spelt right")
        #expect(SkillSearch.rankNear(skills, for: "sprdsht").isEmpty, "three edits in seven letters are too many")
    }

    @Test("the pieces a misspelt name is looked up by: both ends of each longer word")
    func fragments() {
        #expect(SkillSearch.fragments(of: " Spredsheet  sql data") == ["dat", "ata", "eet", "spr"].sorted())
        #expect(SkillSearch.fragments(of: "sql") == [])
        #expect(SkillSearch.distance("excel", "excle") == 1)
        #expect(SkillSearch.distance("", "abc") == 3)
        #expect(SkillSearch.distance("kitten", "sitting") == 3)
    }
}
