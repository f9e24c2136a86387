import Foundation
import TryoutCore

extension SiteURL {
    /// An organization's money (balance, escrow, invoices, monthly statements, payroll and
    /// 1099-NEC reports), a candidate's earnings, and the platform admins' payments desk
    /// (receipts, credit terms).
    enum Billing: RoutePath {
        case billing(Parameter<String>, month: String? = nil)
        case statementCSV(Parameter<String>, month: String? = nil)
        case invoices(Parameter<String>)
        case invoice(Parameter<String>, Parameter<InvoiceID>)
        case desk
        case receipts
        case credit
        case earnings(year: Int? = nil)
        case earningsCSV(year: Int? = nil)
        case payroll(Parameter<String>, month: String? = nil)
        case payrollCSV(Parameter<String>, month: String? = nil)
        case payrollPaid(Parameter<String>)
        case form1099(Parameter<String>, year: Int? = nil)
        case api(API)

        enum API: Sendable {
            case billing(Parameter<String>)
            case statement(Parameter<String>)
            case invoices(Parameter<String>)
            case invoice(Parameter<String>, Parameter<InvoiceID>)
            case receipts
            case credit
            case earnings
            case payroll(Parameter<String>)
            case payrollPaid(Parameter<String>)
            case form1099(Parameter<String>)
        }

        var segments: [PathSegment] {
            switch self {
            case .billing(let slug, _): Self.billing(slug)
            case .statementCSV(let slug, _): Self.billing(slug) + [.constant("statement.csv")]
            case .invoices(let slug): Self.billing(slug) + [.constant("invoices")]
            case .invoice(let slug, let id): Self.billing(slug) + [.constant("invoices"), .parameter("invoiceID", id)]
            case .desk: [.constant("admin"), .constant("payments")]
            case .receipts: [.constant("admin"), .constant("payments"), .constant("receipts")]
            case .credit: [.constant("admin"), .constant("payments"), .constant("credit")]
            case .earnings: [.constant("earnings")]
            case .earningsCSV: [.constant("earnings"), .constant("statement.csv")]
            case .payroll(let slug, _): Self.billing(slug) + [.constant("payroll")]
            case .payrollCSV(let slug, _): Self.billing(slug) + [.constant("payroll.csv")]
            case .payrollPaid(let slug): Self.billing(slug) + [.constant("payroll"), .constant("paid")]
            case .form1099(let slug, _): Self.billing(slug) + [.constant("form-1099-nec.csv")]
            case .api(.payroll(let slug)): Self.apiBilling(slug) + [.constant("payroll")]
            case .api(.payrollPaid(let slug)): Self.apiBilling(slug) + [.constant("payroll"), .constant("paid")]
            case .api(.form1099(let slug)): Self.apiBilling(slug) + [.constant("form-1099-nec")]
            case .api(.earnings): SiteURL.apiPrefix + [.constant("me"), .constant("earnings")]
            case .api(.billing(let slug)): Self.apiBilling(slug)
            case .api(.statement(let slug)): Self.apiBilling(slug) + [.constant("statement")]
            case .api(.invoices(let slug)): Self.apiBilling(slug) + [.constant("invoices")]
            case .api(.invoice(let slug, let id)): Self.apiBilling(slug) + [.constant("invoices"), .parameter("invoiceID", id)]
            case .api(.receipts): SiteURL.apiPrefix + [.constant("admin"), .constant("payments"), .constant("receipts")]
            case .api(.credit): SiteURL.apiPrefix + [.constant("admin"), .constant("payments"), .constant("credit")]
            }
        }

        var query: [URLQueryItem] {
            switch self {
            case .billing(_, let month?), .statementCSV(_, let month?), .payroll(_, let month?), .payrollCSV(_, let month?):
                [URLQueryItem(name: "month", value: month)]
            case .earnings(let year?), .earningsCSV(let year?), .form1099(_, let year?): [URLQueryItem(name: "year", value: String(year))]
            default: []
            }
        }

        private static func billing(_ slug: Parameter<String>) -> [PathSegment] {
            [.constant("orgs"), .parameter("slug", slug), .constant("billing")]
        }

        private static func apiBilling(_ slug: Parameter<String>) -> [PathSegment] {
            SiteURL.apiPrefix + [.constant("organizations"), .parameter("slug", slug), .constant("billing")]
        }

        static var templates: [Self] {
            [.billing(.key), .statementCSV(.key), .invoices(.key), .invoice(.key, .key), .desk, .receipts, .credit, .earnings(), .earningsCSV(),
             .payroll(.key), .payrollCSV(.key), .payrollPaid(.key), .form1099(.key),
             .api(.billing(.key)), .api(.statement(.key)), .api(.invoices(.key)), .api(.invoice(.key, .key)), .api(.receipts), .api(.credit), .api(.earnings),
             .api(.payroll(.key)), .api(.payrollPaid(.key)), .api(.form1099(.key))]
        }
    }
}

extension SiteMailLinks {
    var earnings: String { SiteURL.billing(.earnings()).path }
    func billing(organizationSlug: String) -> String { SiteURL.billing(.billing(.value(organizationSlug))).path }
}
