import Foundation
import Testing
@testable import TryoutCore

@Suite("Payout rules")
struct PayoutRulesTests {
    @Test("IBANs are checked by country length and mod 97; a changed digit is refused")
    func ibans() {
        #expect(IBAN.normalized("de89 3704 0044 0532 0130 00") == "DE89370400440532013000")
        #expect(IBAN.normalized("GB82-WEST-1234-5698-7654-32") == "GB82WEST12345698765432")
        #expect(IBAN.normalized("DE89 3704 0044 0532 0130 01") == nil)
        #expect(IBAN.normalized("DE89 3704 0044 0532 0130 0") == nil)
        #expect(IBAN.normalized("89DE 3704 0044 0532 0130 00") == nil)
        #expect(IBAN.normalized("DE89 3704 0044 0532 0130 0Ä") == nil)
        #expect(IBAN.normalized("") == nil)
    }

    @Test("routing numbers must pass the ABA checksum; accounts are 4 to 17 digits")
    func usAccounts() {
        #expect(USBankAccount.routing("011000015") == "011000015")
        #expect(USBankAccount.routing("011000016") == nil)
        #expect(USBankAccount.routing("01100001") == nil)
        #expect(USBankAccount.account("1234-5678") == "12345678")
        #expect(USBankAccount.account("123") == nil)
        #expect(USBankAccount.account("12345678901234567890") == nil)
        #expect(BIC.normalized("cobadeffxxx") == "COBADEFFXXX")
        #expect(BIC.normalized("COBA1EFF") == nil)
    }

    @Test("the details form names every wrong field, and the stored form is masked on pages")
    func detailsInput() throws {
        let failure = #expect(throws: ValidationFailure.self) {
            try PayoutDetailsInput(holder: " ", method: "us", routingNumber: "011000016", accountNumber: "12", taxID: "!").validated()
        }
        #expect(failure?.errors.map(\.field) == ["holder", "routingNumber", "accountNumber", "taxID"])
        #expect(throws: ValidationFailure([FieldError("method", "Choose an IBAN or a US bank account.")])) {
            try PayoutDetailsInput(holder: "Ada", method: "cash").validated()
        }
        let details = try PayoutDetailsInput(holder: "Ada Lovelace", method: "iban", iban: "DE89370400440532013000", bic: "",
                                             taxID: "123-45-6789").validated()
        #expect(details == PayoutDetails(holder: "Ada Lovelace", account: .iban("DE89370400440532013000", bic: nil), taxID: "123456789"))
        #expect(details.account.masked == "DE89 •••• 3000")
        #expect(details.maskedTaxID == "•••• 6789")
        #expect(BankAccount.us(routing: "011000015", account: "12345678").masked == "US account ••••5678")
    }

    @Test("a batch above the threshold in its currency's major unit needs a second admin")
    func approval() {
        let policy = PayoutApprovalPolicy(thresholdMajor: 1_000)
        #expect(!policy.needsSecondApproval(Money(amountMinor: 100_000, currency: "USD")))
        #expect(policy.needsSecondApproval(Money(amountMinor: 100_001, currency: "USD")))
        #expect(!policy.needsSecondApproval(Money(amountMinor: 1_000, currency: "JPY")))
        #expect(PayoutApprovalPolicy.parse(nil) == PayoutApprovalPolicy())
        #expect(PayoutApprovalPolicy.parse("-1") == nil)
        #expect(PayoutApprovalPolicy.parse("ten") == nil)
        #expect(PayoutApprovalPolicy(thresholdMajor: .max).threshold(in: "USD").amountMinor == .max)
        let creator = UUID(), other = UUID()
        #expect(PayoutApprovalPolicy.mayApprove(.awaitingApproval, createdBy: creator, approver: other))
        #expect(!PayoutApprovalPolicy.mayApprove(.awaitingApproval, createdBy: creator, approver: creator))
        #expect(!PayoutApprovalPolicy.mayApprove(.approved, createdBy: creator, approver: other))
        #expect(!PayoutApprovalPolicy.mayApprove(.awaitingApproval, createdBy: creator, approver: nil))
    }

    @Test("the platform's account is read from Name|IBAN|BIC and refused when any part is wrong")
    func debtor() {
        #expect(PayoutDebtor.parse("Tryout Payments | DE89370400440532013000 | COBADEFFXXX")
                == PayoutDebtor(name: "Tryout Payments", iban: "DE89370400440532013000", bic: "COBADEFFXXX"))
        #expect(PayoutDebtor.parse("Tryout|DE89370400440532013000")?.bic == nil)
        #expect(PayoutDebtor.parse("Tryout|DE89370400440532013001") == nil)
        #expect(PayoutDebtor.parse("Tryout|DE89370400440532013000|nope") == nil)
        #expect(PayoutDebtor.parse(nil) == nil)
    }

    @Test("the bank file lists every transfer with its sum, escaped, and SEPA only for euros to IBANs")
    func creditTransferFile() {
        let debtor = PayoutDebtor(name: "Tryout & Co", iban: "DE89370400440532013000", bic: nil)
        let ada = PayoutTransfer(endToEndID: "E2E-1", amount: Money(amountMinor: 12_345, currency: "EUR"),
                                 details: PayoutDetails(holder: "Ada <Lovelace>", account: .iban("GB82WEST12345698765432", bic: "COBADEFFXXX"), taxID: nil),
                                 remittance: "Tryout payout PO-1")
        let date = Date(timeIntervalSince1970: 1_796_000_000)
        var file = CreditTransferFile(messageID: "PO-1", createdAt: date, executionDate: date, debtor: debtor, currency: "EUR", transfers: [ada, ada])
        let xml = file.xml
        #expect(xml.contains("<NbOfTxs>2</NbOfTxs>"))
        #expect(xml.contains("<CtrlSum>246.90</CtrlSum>"))
        #expect(xml.contains(#"<InstdAmt Ccy="EUR">123.45</InstdAmt>"#))
        #expect(xml.contains("<Nm>Ada &lt;Lovelace&gt;</Nm>") && xml.contains("<Nm>Tryout &amp; Co</Nm>"))
        #expect(xml.contains("<Cd>SEPA</Cd>") && xml.contains("<Id>NOTPROVIDED</Id>"))
        file.transfers.append(PayoutTransfer(endToEndID: "E2E-2", amount: Money(amountMinor: 5, currency: "EUR"),
                                             details: PayoutDetails(holder: "Grace", account: .us(routing: "011000015", account: "12345678"), taxID: nil),
                                             remittance: "r"))
        #expect(!file.xml.contains("SEPA") && file.xml.contains("<MmbId>011000015</MmbId>") && file.xml.contains("<ChrgBr>SHAR</ChrgBr>"))
        let csv = CreditTransferFile.csv(file.transfers).split(separator: "\r\n")
        #expect(csv.count == 4)
        #expect(csv[3] == "E2E-2,Grace,,,011000015,12345678,EUR,0.05,r")
    }
}
