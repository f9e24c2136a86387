import Foundation
import Testing
@testable import TryoutCore

@Suite("Agreement text")
struct AgreementTextTests {
    static let terms = AgreementTerms(
        organization: "Northwind", candidate: "Ada Lovelace", candidateEmail: "ada_l@example.com", project: "Churn memo",
        deliverables: [Deliverable(title: "Memo", description: "", dueOffsetDays: 7, weight: 60),
                       Deliverable(title: "Slides", description: "", dueOffsetDays: 14, weight: 40)],
        pay: Money(amountMinor: 60_000, currency: "USD"), hours: 20, start: BriefInput.parseDay("2026-03-02")!,
        end: BriefInput.parseDay("2026-03-16")!, classification: .contractor, issued: BriefInput.parseDay("2026-02-20")!)

    /// Values that would turn into markup, or into more of the agreement, if they were inserted as typed.
    static let hostile = [
        "Bruno Silva\n\n## Clause 9\n\nThe Company pays USD 1,000,000 on signing.",
        "# Heading", "- item", "+ item", "1. Clause", "2. **Fee.** Nothing", "> quote", "---", "***", "```", "    indented code",
        "**bold** _em_ `code` x*y*z", "[click](https://evil.example)", "<b>x</b> & \"q\" 'a' &amp;", "\\*", "ends with \\",
        "{{project.pay}}", "Line\u{2028}separator\ttab\r\nbreak", "_", "*",
    ]

    /// The text fields an agreement takes from what people typed, with a way to set each.
    static let typed: [(AgreementField, @Sendable (inout AgreementTerms, String) -> Void)] = [
        (.organization, { $0.organization = $1 }),
        (.candidate, { $0.candidate = $1 }),
        (.candidateEmail, { $0.candidateEmail = $1 }),
        (.project, { $0.project = $1 }),
        (.deliverables, { $0.deliverables[0].title = $1 }),
    ]

    /// The stored text as its reader sees it: backslash escapes and `**` are markup; spaces collapse.
    static func readable(_ markdown: String) -> String {
        var out = ""
        var rest = Substring(markdown)
        while let c = rest.first {
            if c == "\\", let next = rest.dropFirst().first, MarkdownInline.isEscapable(next) {
                out.append(next)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("**") {
                rest = rest.dropFirst(2)
            } else {
                out.append(c)
                rest = rest.dropFirst()
            }
        }
        return HTMLFragment.collapsed(out)
    }

    /// The tags of the rendered page, in order: its structure without its words.
    static func tags(_ page: HTMLFragment) -> [HTMLFragment.Node] {
        page.nodes.filter { if case .text = $0 { false } else { true } }
    }

    @Test("the page shows exactly the signed text, clause numbers included, for every standard agreement")
    func pageReadsAsTheText() {
        for kind in AgreementKind.allCases {
            let text = AgreementTemplate.standard(kind).render(Self.terms)
            let page = HTMLFragment(SafeMarkdown.html(text))
            #expect(page.problems.isEmpty, "\(kind): \(page.problems)")
            #expect(page.readableText == Self.readable(text), "\(kind)")
        }
        let contract = HTMLFragment(SafeMarkdown.html(AgreementTemplate.standard(.contractorAgreement).render(Self.terms))).readableText
        let clauses = ["1. Services.", "- Memo (due 7 days after the start)", "- Slides", "2. Fee.", "3. Relationship.", "4. Feedback.", "5. Ending early."]
        let positions = clauses.compactMap { contract.range(of: $0)?.lowerBound }
        #expect(positions.count == clauses.count && positions == positions.sorted(), "\(contract)")
        #expect(!contract.contains("(Independent contractor)"))
    }

    @Test("the standard agreements say that work begins on the start date")
    func workBeginsOnTheStartDate() {
        for kind in [AgreementKind.contractorAgreement, .internshipAgreement] {
            let text = Self.readable(AgreementTemplate.standard(kind).render(Self.terms))
            #expect(text.contains("begins on March 2, 2026, the first day work can be handed in through Tryout, and ends on March 16, 2026"), "\(kind)")
        }
    }

    @Test("every placeholder takes a hostile value as literal text, wherever it stands on a line", arguments: hostile)
    func hostileValues(value: String) {
        let shown = HTMLFragment.collapsed(value)
        for (field, set) in Self.typed {
            let template = AgreementTemplate(kind: .nda, body: "{{\(field.rawValue)}}\n\nBefore {{\(field.rawValue)}} after.\n\n1. **Terms.** {{\(field.rawValue)}}")
            var plain = Self.terms
            set(&plain, "Plain")
            var odd = Self.terms
            set(&odd, value)
            let text = template.render(odd)
            let page = HTMLFragment(SafeMarkdown.html(text))
            #expect(page.problems.isEmpty, "\(field): \(page.problems)")
            // The same headings, paragraphs, clauses and emphasis as with a plain value, and the value as typed.
            #expect(Self.tags(page) == Self.tags(HTMLFragment(SafeMarkdown.html(template.render(plain)))), "\(field): \(text)")
            #expect(page.readableText == Self.readable(text), "\(field)")
            #expect(page.readableText.components(separatedBy: shown).count == 4, "\(field): \(page.readableText)")
        }
        // Every field at once in every standard agreement: the signed text still reads as itself.
        var odd = Self.terms
        for (_, set) in Self.typed { set(&odd, value) }
        for kind in AgreementKind.allCases {
            let text = AgreementTemplate.standard(kind).render(odd)
            let page = HTMLFragment(SafeMarkdown.html(text))
            #expect(Self.tags(page) == Self.tags(HTMLFragment(SafeMarkdown.html(AgreementTemplate.standard(kind).render(Self.terms)))), "\(kind)")
            #expect(page.readableText == Self.readable(text), "\(kind)")
        }
    }
}

@Suite("Names")
struct NameRulesTests {
    @Test("a name is one line of at most 100 characters, at sign-up, in the profile and in a signature", arguments: [
        "Bruno Silva\n\n## Clause 9", "Tab\tName", "Carriage\rReturn", "Line\u{2028}Separator", "Bell\u{07}", String(repeating: "a", count: 101), " ",
    ])
    func oneLine(name: String) {
        #expect(throws: ValidationFailure.self) {
            try SignUp.validate(name: name, email: "bruno@example.com", password: "plum harbor violet 42", kind: "candidate", organizationName: nil)
        }
        #expect(throws: ValidationFailure.self) { try SignatureInput(fullName: name, consent: true) }
        var v = Validator()
        _ = v.name(name, "name", label: "Your name")
        #expect(v.errors.map(\.field) == ["name"])
    }

    @Test("organization names are one line too; good names pass trimmed")
    func organizationsAndGoodNames() throws {
        do {
            _ = try SignUp.validate(name: "Bruno Silva", email: "bruno@example.com", password: "plum harbor violet 42", kind: "employer",
                                    organizationName: "Acme\n# Clause")
            Issue.record("a two-line organization name was taken")
        } catch {
            #expect(error.errors.map(\.field) == ["organization"])
            #expect(error.message(for: "organization") == "Organization name must be one line, without tabs or line breaks.")
        }
        let signUp = try SignUp.validate(name: "  Zoë O'Brien-Núñez ", email: "zoe@example.com", password: "plum harbor violet 42",
                                         kind: "candidate", organizationName: nil)
        #expect(signUp.name == "Zoë O'Brien-Núñez")
        #expect(try SignatureInput(fullName: String(repeating: "a", count: 100), consent: true).fullName.count == 100)
    }
}
