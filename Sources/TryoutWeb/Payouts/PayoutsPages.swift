import Foundation
import Plot
import TryoutApp
import TryoutCore
import TryoutStore

/// `/admin/payouts`: what candidates are owed per currency, a form to batch one currency, and
/// the batches so far.
struct PayoutsPage: Component {
    var desk: PayoutDesk
    var csrf: String
    var form: [String: String] = [:]
    var errors: [FieldError] = []

    var body: Component {
        ComponentGroup {
            Tag.text("h1", "Payouts")
            ErrorSummary(errors: errors)
            Tag("section", ["class": "panel", "aria-labelledby": "owed-title"]) {
                Tag.text("h2", "Owed to candidates", ["id": "owed-title"])
                if desk.owed.isEmpty {
                    Tag.text("p", "Nobody is owed anything now.")
                } else {
                    Tag("ul", [:]) {
                        for (total, candidates) in desk.owed { Tag.text("li", "\(total.formatted) to \(candidates) candidate\(candidates == 1 ? "" : "s")") }
                    }
                }
                Tag.text("p", "A batch pays everyone owed in its currency who has added payout details. Above "
                         + "\(desk.approval.thresholdMajor) in the currency's unit, a second admin approves it.", ["class": "meta"])
                PostForm(action: SiteURL.payouts(.list).path, csrf: csrf) {
                    IdempotencyField()
                    SelectField(name: "currency", label: "Currency", options: BriefInput.currencies.map { ($0, $0) },
                                selected: form["currency"] ?? desk.owed.first?.total.currency ?? "USD", error: errors.message("currency"))
                    Submit("Create a payout batch")
                }
            }
            Tag("section", ["class": "panel", "aria-labelledby": "batches-title"]) {
                Tag.text("h2", "Batches", ["id": "batches-title"])
                if desk.batches.isEmpty {
                    Tag.text("p", "None yet.")
                } else {
                    ScrollRegion(label: "Payout batches") {
                        Tag("table", [:]) {
                            Tag("thead", [:]) {
                                Tag("tr", [:]) { for heading in ["Batch", "Total", "Candidates", "State", "Created"] { Tag.text("th", heading, ["scope": "col"]) } }
                            }
                            Tag("tbody", [:]) {
                                for batch in desk.batches {
                                    Tag("tr", [:]) {
                                        Tag("td", [:]) { Tag.link(batch.reference, to: SiteURL.payouts(.batch(.value(PayoutID(batch.id!)))).path) }
                                        Tag.text("td", batch.total.formatted, ["data-label": "Total"])
                                        Tag.text("td", String(batch.transfers), ["data-label": "Candidates"])
                                        Tag.text("td", batch.state.label, ["data-label": "State"])
                                        Tag.text("td", DateText.day(batch.createdAt), ["data-label": "Created"])
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `/admin/payouts/ID`: one batch, its transfers, and the next step: approve, download the
/// bank file and mark paid, or cancel.
struct PayoutBatchPage: Component {
    var view: PayoutBatchView
    var csrf: String
    var form: [String: String] = [:]
    var errors: [FieldError] = []

    private var id: PayoutID { PayoutID(view.batch.id!) }

    var body: Component {
        let batch = view.batch
        return ComponentGroup {
            Tag.text("h1", "Payout \(batch.reference)")
            ErrorSummary(errors: errors)
            Tag("section", ["class": "panel", "aria-labelledby": "state-title"]) {
                Tag.text("h2", batch.state.label, ["id": "state-title"])
                Tag("dl", [:]) {
                    Tag.text("dt", "Total")
                    Tag.text("dd", "\(batch.total.formatted) to \(batch.transfers) candidate\(batch.transfers == 1 ? "" : "s")")
                    Tag.text("dt", "Created")
                    Tag.text("dd", "\(DateText.day(batch.createdAt)) by \(batch.createdBy?.displayName ?? "a former admin")")
                    if let approvedAt = batch.approvedAt {
                        Tag.text("dt", "Approved")
                        Tag.text("dd", "\(DateText.day(approvedAt)) by \(batch.approvedBy?.displayName ?? "a former admin")")
                    }
                    if let closedAt = batch.closedAt {
                        Tag.text("dt", batch.state == .paid ? "Paid" : "Cancelled")
                        Tag.text("dd", "\(DateText.day(closedAt)) by \(batch.closedBy?.displayName ?? "a former admin")"
                                 + (batch.bankReference.map { ", bank reference \($0)" } ?? ""))
                    }
                }
                steps
            }
            Tag("section", ["class": "panel", "aria-labelledby": "lines-title"]) {
                Tag.text("h2", "Transfers", ["id": "lines-title"])
                ScrollRegion(label: "Transfers in \(batch.reference)") {
                    Tag("table", [:]) {
                        Tag("thead", [:]) {
                            Tag("tr", [:]) { for heading in ["Candidate", "Account", "Amount", "For work at"] { Tag.text("th", heading, ["scope": "col"]) } }
                        }
                        Tag("tbody", [:]) {
                            for line in view.lines {
                                Tag("tr", [:]) {
                                    Tag("td", [:]) { Text(line.candidate); Tag.text("span", " " + line.email, ["class": "meta"]) }
                                    Tag.text("td", line.account, ["data-label": "Account"])
                                    Tag.text("td", line.amount.formatted, ["data-label": "Amount"])
                                    Tag.text("td", line.organizations.joined(separator: ", "), ["data-label": "For work at"])
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private var steps: Component {
        let batch = view.batch
        return ComponentGroup {
            if batch.state == .awaitingApproval {
                if view.mayApprove {
                    PostForm(action: SiteURL.payouts(.step(.value(id), .approve)).path, csrf: csrf) {
                        IdempotencyField()
                        Submit("Approve \(batch.total.formatted)")
                    }
                } else {
                    Tag.text("p", "Another platform admin approves this batch: you created it.", ["class": "notice"])
                }
            }
            if batch.state.canExport {
                Tag("p", [:]) {
                    Tag.link("Download the transfers (CSV)", to: SiteURL.payouts(.bankFile(.value(id), .csv)).path)
                    if view.bankFileReady {
                        Text(" · ")
                        Tag.link("Download the bank file (ISO 20022 pain.001)", to: SiteURL.payouts(.bankFile(.value(id), .pain001)).path)
                    }
                }
            }
            if batch.state == .approved {
                PostForm(action: SiteURL.payouts(.step(.value(id), .paid)).path, csrf: csrf, label: "Mark paid") {
                    IdempotencyField()
                    Field(name: "bankReference", label: "The bank's reference for the transfers", value: form["bankReference"] ?? "",
                          error: errors.message("bankReference"), hint: "Once the bank confirms them.")
                    Submit("Mark paid")
                }
            }
            if batch.state.canCancel {
                PostForm(action: SiteURL.payouts(.step(.value(id), .cancel)).path, csrf: csrf, label: "Cancel the batch") {
                    IdempotencyField()
                    Tag.text("p", "Cancelling gives every amount back to the candidates' balances for a later batch.", ["class": "meta"])
                    Submit("Cancel this batch", style: "secondary")
                }
            }
        }
    }
}
