import Foundation
import Testing
import TryoutCore

@Suite("Project search parameters")
struct ProjectSearchInputTests {
    @Test("blank parameters search everything, newest first, a default page")
    func blank() throws {
        let search = try ValidatedProjectSearch(ProjectSearchInput())
        #expect(search.query == ProjectSearchQuery() && search.skillLabel == nil && search.organizationSlug == nil)
    }

    @Test("words rank by relevance unless a sort is asked for; filters and paging carry over")
    func filters() throws {
        let search = try ValidatedProjectSearch(ProjectSearchInput(q: "data cleaning", skill: " SQL ", minPay: "500", currency: "eur",
                                                                   minHours: "10", maxHours: "40", maxWeeks: "6", mode: "remote",
                                                                   deadlineAfter: "2026-03-01", organization: "acme", limit: "5", cursor: "abc"))
        #expect(search.query.sort == .relevance && search.query.terms == ["data", "cleaning"])
        #expect(search.query.minimumPay == Money.parse("500", currency: "EUR"))
        #expect(search.query.minimumHours == 10 && search.query.maximumHours == 40 && search.query.maximumWeeks == 6)
        #expect(search.query.locationModes == [.remote] && search.query.deadlineAfter == BriefInput.parseDay("2026-03-01"))
        #expect(search.query.limit == 5 && search.query.cursor == "abc")
        #expect(search.skillLabel == "SQL" && search.organizationSlug == "acme")
        #expect(try ValidatedProjectSearch(ProjectSearchInput(q: "data", sort: "pay")).query.sort == .pay)
    }

    @Test("every malformed parameter is a field error, in the form's order")
    func malformed() {
        let input = ProjectSearchInput(skill: "SQL\u{0}", minPay: "lots", currency: "USD", minHours: "-1", maxHours: "1001", maxWeeks: "x",
                                       mode: "moon", deadlineAfter: "soon", organization: "Not A Slug", sort: "random", limit: "101")
        #expect(throws: ValidationFailure.self) { try ValidatedProjectSearch(input) }
        do {
            _ = try ValidatedProjectSearch(input)
        } catch {
            #expect(error.errors.map(\.field) == ["skill", "minPay", "minHours", "maxHours", "maxWeeks", "mode", "deadlineAfter",
                                                  "organization", "sort", "limit"])
        }
        #expect(throws: ValidationFailure([FieldError("currency", "Choose a supported currency.")])) {
            try ValidatedProjectSearch(ProjectSearchInput(minPay: "lots", currency: "XYZ"))
        }
    }
}
