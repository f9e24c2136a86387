import Foundation
import PropertyBased
import Testing
@testable import TryoutCore

@Suite("Ledger rules")
struct LedgerRulesTests {
    let org = UUID()
    let project = UUID()

    @Test("an entry whose postings do not sum to zero in every currency is refused")
    func unbalanced() throws {
        let balance = LedgerAccount.balance(of: org, "USD")
        let escrow = LedgerAccount.escrow(of: project, "USD")
        #expect(throws: LedgerError.unbalanced(currency: "USD", sum: 1)) {
            try JournalEntry(.escrowHold, [Posting(balance, -100), Posting(escrow, 101)], memo: "")
        }
        // Balanced in total but not per currency: euros cannot pay for dollars.
        #expect(throws: LedgerError.unbalanced(currency: "EUR", sum: 100)) {
            try JournalEntry(.escrowHold, [Posting(balance, -100), Posting(.escrow(of: project, "EUR"), 100)], memo: "")
        }
        #expect(throws: LedgerError.tooFewPostings) { try JournalEntry(.funding, [Posting(balance, 0)], memo: "") }
        #expect(throws: LedgerError.zeroPosting) { try JournalEntry(.funding, [Posting(balance, 0), Posting(escrow, 0)], memo: "") }
        #expect(throws: LedgerError.overflow) {
            try JournalEntry(.funding, [Posting(balance, .max), Posting(escrow, 1), Posting(.platform(.externalFunding, "USD"), -1)], memo: "")
        }
        let entry = try JournalEntry.transfer(.escrowHold, 100, from: balance, to: escrow, memo: "hold")
        #expect(entry.postings.map(\.amountMinor) == [-100, 100])
    }

    @Test("a reversal undoes every posting and names what it corrects")
    func reversal() throws {
        let entry = try JournalEntry.transfer(.release, 2_500, from: .escrow(of: project, "USD"), to: .payable(of: UUID(), "USD"), memo: "x")
        let id = UUID()
        let reversal = try entry.reversal(memo: "wrong deliverable", uniqueKey: "reversal:\(id)", reversing: id)
        #expect(reversal.kind == .reversal)
        #expect(reversal.references.reverses == id)
        #expect(zip(entry.postings, reversal.postings).allSatisfy { $0.account == $1.account && $0.amountMinor == -$1.amountMinor })
    }

    @Test("platform accounts have no owner; only external funding may be negative, and a balance down to its credit")
    func accounts() {
        #expect(LedgerAccount(.platformFees, owner: org, currency: "usd") == .platform(.platformFees, "USD"))
        #expect(LedgerAccountKind.externalFunding.floor == .none)
        #expect(LedgerAccountKind.organizationBalance.floor == .creditLimit)
        #expect(LedgerAccountKind.allCases.filter { $0.floor == .zero }.count == LedgerAccountKind.allCases.count - 2)
    }

    @Test("ISO 4217 exponents: JPY 0, USD 2, BHD 3", arguments: [("JPY", 0, "JPY 1,234"), ("USD", 2, "USD 12.34"), ("BHD", 3, "BHD 1.234"), ("kwd", 3, "KWD 1.234")])
    func exponents(currency: String, digits: Int, text: String) {
        #expect(CurrencyExponent.of(currency) == digits)
        #expect(Money(amountMinor: 1_234, currency: currency).formatted == text)
    }

    @Test("pay splits by weight into shares that always add up to the whole")
    func sharesAddUp() async {
        await propertyCheck(count: 2000, input: Gen.int64(in: 0...10_000_000), Gen.int(in: 0...100).array(of: 1...8)) { amount, weights in
            let shares = PayShares.split(amount, weights: weights)
            #expect(shares.reduce(0, +) == amount)
            #expect(shares.allSatisfy { $0 >= 0 })
            if weights.contains(where: { $0 > 0 }) {
                // A deliverable of weight zero earns nothing; the rest by weight to within a minor unit.
                let total = Double(weights.reduce(0, +))
                for (share, weight) in zip(shares, weights) {
                    #expect(abs(Double(share) - Double(amount) * Double(weight) / total) < 1.0 + 1e-9)
                }
            }
        }
        #expect(PayShares.split(100, weights: [1, 1, 1]) == [34, 33, 33])
        #expect(PayShares.split(100, weights: [0, 0]) == [50, 50])
        #expect(PayShares.split(100, weights: []) == [])
    }

    @Test("escrow holds each place's pay and the fee, and says what is missing beyond the credit")
    func escrowTerms() {
        let terms = EscrowTerms(pay: Money(amountMinor: 60_000, currency: "USD"), feeBasisPoints: 1_000, places: 3)
        #expect(terms.feePerPlace == 6_000)
        #expect(terms.total == Money(amountMinor: 198_000, currency: "USD"))
        let shares = terms.shares(weights: [25, 75])
        #expect(shares.map(\.pay) == [15_000, 45_000])
        #expect(shares.map(\.fee) == [1_500, 4_500])
        #expect(EscrowTerms.shortfall(required: 198_000, balance: 100_000, creditLimit: 0) == 98_000)
        #expect(EscrowTerms.shortfall(required: 198_000, balance: 100_000, creditLimit: 98_000) == nil)
        #expect(EscrowTerms.shortfall(required: 198_000, balance: -5_000, creditLimit: 200_000) == 3_000)
        #expect(!EscrowTerms(pay: Money(amountMinor: 0, currency: "USD"), feeBasisPoints: 0, places: 2).isPaid)
        #expect(PlatformFee.basisPoints(nil) == 0)
        #expect(PlatformFee.basisPoints("250") == 250)
        #expect(PlatformFee.basisPoints("2.5%") == nil)
        #expect(PlatformFee.basisPoints("9000") == nil)
    }
}

@Suite("Tax reporting thresholds")
struct ReportingThresholdTests {
    @Test("1099-NEC: USD 600 for payments before 2026, USD 2,000 from 2026; reaching it counts; other currencies have none",
          arguments: [(2025, 60_000, true), (2025, 59_999, false), (2026, 60_000, false), (2026, 199_999, false), (2026, 200_000, true), (2031, 250_000, true)])
    func thresholds(year: Int, total: Int64, reportable: Bool) {
        #expect((ReportingThresholds.crosses(Money(amountMinor: total, currency: "USD"), year: year) != nil) == reportable)
    }

    @Test("the table's dates decide, and a currency without a line is never flagged")
    func table() {
        #expect(ReportingThresholds.threshold(forYear: 2026, currency: "USD")?.amount.formatted == "USD 2,000.00")
        #expect(ReportingThresholds.threshold(forYear: 2019, currency: "USD")?.amount.formatted == "USD 600.00")
        #expect(ReportingThresholds.crosses(Money(amountMinor: 10_000_000, currency: "EUR"), year: 2026) == nil)
    }
}
