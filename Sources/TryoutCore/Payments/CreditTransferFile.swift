import Foundation

/// A payout batch as the bank takes it: an ISO 20022 customer credit transfer initiation,
/// `pain.001.001.09`, with one payment instruction (the batch's currency) and one transfer per
/// candidate. IBANs travel as IBANs; US accounts as "other" accounts at their ABA routing number.
public struct CreditTransferFile: Sendable {
    public static let namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"

    public var messageID: String
    public var createdAt: Date
    public var executionDate: Date
    public var debtor: PayoutDebtor
    public var currency: String
    public var transfers: [PayoutTransfer]

    public init(messageID: String, createdAt: Date, executionDate: Date, debtor: PayoutDebtor, currency: String, transfers: [PayoutTransfer]) {
        self.messageID = messageID
        self.createdAt = createdAt
        self.executionDate = executionDate
        self.debtor = debtor
        self.currency = currency
        self.transfers = transfers
    }

    /// SEPA's rules apply when every transfer is in euros to an IBAN: the banks then share the charges.
    var isSEPA: Bool {
        currency == "EUR" && transfers.allSatisfy { if case .iban = $0.details.account { true } else { false } }
    }

    var controlSum: String {
        Money(amountMinor: transfers.reduce(0) { $0 + $1.amount.amountMinor }, currency: currency).plainSigned
    }

    public var xml: String {
        var x = XMLText()
        x.open("Document", attributes: ["xmlns": Self.namespace])
        x.open("CstmrCdtTrfInitn")
        x.open("GrpHdr")
        x.leaf("MsgId", messageID)
        x.leaf("CreDtTm", createdAt.formatted(.iso8601))
        x.leaf("NbOfTxs", "\(transfers.count)")
        x.leaf("CtrlSum", controlSum)
        x.open("InitgPty"); x.leaf("Nm", debtor.name); x.close("InitgPty")
        x.close("GrpHdr")
        x.open("PmtInf")
        x.leaf("PmtInfId", messageID)
        x.leaf("PmtMtd", "TRF")
        x.leaf("NbOfTxs", "\(transfers.count)")
        x.leaf("CtrlSum", controlSum)
        if isSEPA {
            x.open("PmtTpInf"); x.open("SvcLvl"); x.leaf("Cd", "SEPA"); x.close("SvcLvl"); x.close("PmtTpInf")
        }
        x.open("ReqdExctnDt"); x.leaf("Dt", executionDate.formatted(.iso8601.year().month().day())); x.close("ReqdExctnDt")
        x.open("Dbtr"); x.leaf("Nm", debtor.name); x.close("Dbtr")
        x.open("DbtrAcct"); x.open("Id"); x.leaf("IBAN", debtor.iban); x.close("Id"); x.close("DbtrAcct")
        x.agent("DbtrAgt", bic: debtor.bic)
        x.leaf("ChrgBr", isSEPA ? "SLEV" : "SHAR")
        for transfer in transfers { write(transfer, to: &x) }
        x.close("PmtInf")
        x.close("CstmrCdtTrfInitn")
        x.close("Document")
        return #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + x.text
    }

    private func write(_ transfer: PayoutTransfer, to x: inout XMLText) {
        x.open("CdtTrfTxInf")
        x.open("PmtId"); x.leaf("EndToEndId", transfer.endToEndID); x.close("PmtId")
        x.open("Amt"); x.leaf("InstdAmt", transfer.amount.plainSigned, attributes: ["Ccy": transfer.amount.currency]); x.close("Amt")
        switch transfer.details.account {
        case .iban(let iban, let bic):
            if let bic { x.agent("CdtrAgt", bic: bic) }
            x.open("Cdtr"); x.leaf("Nm", transfer.details.holder); x.close("Cdtr")
            x.open("CdtrAcct"); x.open("Id"); x.leaf("IBAN", iban); x.close("Id"); x.close("CdtrAcct")
        case .us(let routing, let account):
            x.open("CdtrAgt"); x.open("FinInstnId"); x.open("ClrSysMmbId")
            x.open("ClrSysId"); x.leaf("Cd", "USABA"); x.close("ClrSysId")
            x.leaf("MmbId", routing)
            x.close("ClrSysMmbId"); x.close("FinInstnId"); x.close("CdtrAgt")
            x.open("Cdtr"); x.leaf("Nm", transfer.details.holder); x.close("Cdtr")
            x.open("CdtrAcct"); x.open("Id"); x.open("Othr"); x.leaf("Id", account); x.close("Othr"); x.close("Id"); x.close("CdtrAcct")
        }
        x.open("RmtInf"); x.leaf("Ustrd", String(transfer.remittance.prefix(140))); x.close("RmtInf")
        x.close("CdtTrfTxInf")
    }

    /// The transfers as a spreadsheet, for banks that take CSV uploads and for the books.
    public static func csv(_ transfers: [PayoutTransfer]) -> String {
        CSV.document(header: ["end_to_end_id", "holder", "iban", "bic", "routing_number", "account_number", "currency", "amount", "remittance"],
                     rows: transfers.map { transfer in
            let (iban, bic, routing, account): (String, String, String, String) = switch transfer.details.account {
            case .iban(let iban, let bic): (iban, bic ?? "", "", "")
            case .us(let routing, let account): ("", "", routing, account)
            }
            return [transfer.endToEndID, transfer.details.holder, iban, bic, routing, account, transfer.amount.currency,
                    transfer.amount.plainSigned, transfer.remittance]
        })
    }
}

/// Indented XML with every text and attribute escaped.
struct XMLText {
    private(set) var text = ""
    private var depth = 0

    mutating func open(_ name: String, attributes: [String: String] = [:]) {
        text += indent + "<\(name)\(Self.attributes(attributes))>\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += indent + "</\(name)>\n"
    }

    mutating func leaf(_ name: String, _ value: String, attributes: [String: String] = [:]) {
        text += indent + "<\(name)\(Self.attributes(attributes))>\(Self.escape(value))</\(name)>\n"
    }

    /// A bank identified by its BIC, or the "not provided" that ISO 20022 asks for without one.
    mutating func agent(_ name: String, bic: String?) {
        open(name); open("FinInstnId")
        if let bic { leaf("BICFI", bic) } else { open("Othr"); leaf("Id", "NOTPROVIDED"); close("Othr") }
        close("FinInstnId"); close(name)
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    private static func attributes(_ attributes: [String: String]) -> String {
        attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\(escape($0.value))\"" }.joined()
    }

    static func escape(_ value: String) -> String {
        var out = ""
        for char in value {
            switch char {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(char)
            }
        }
        return out
    }
}
