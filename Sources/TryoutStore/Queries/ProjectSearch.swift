import FluentKit
import Foundation
import SQLKit
import TryoutCore

/// Who is searching, for the visibility rules: the organizations they belong to, the partner
/// organizations they study with, and their e-mail address.
public struct SearchViewer: Sendable {
    public var organizationIDs: [UUID]
    public var schoolIDs: [UUID]
    public var email: String?

    public init(organizationIDs: [UUID] = [], schoolIDs: [UUID] = [], email: String? = nil) {
        self.organizationIDs = organizationIDs
        self.schoolIDs = schoolIDs
        self.email = email
    }
}

/// One page of marketplace results. Counting stops past `ProjectSearchQuery.countLimit`.
public struct ProjectSearchPage: Sendable {
    public var projectIDs: [UUID]
    /// How many projects match, up to the count limit.
    public var total: Int
    /// More projects match than `total` says.
    public var totalCapped: Bool
    public var nextCursor: String?
}

/// The marketplace query in SQL with bound values only: FTS5 on SQLite, `tsvector` on
/// PostgreSQL, the visibility rules, the filters, and keyset pagination on (sort key, id).
///
/// With search words, every sort orders the newest matches only, up to the count limit, so that a
/// common word costs the same as a rare one: the newest-first walk stops early, where scoring or
/// sorting every match of "data" in 100,000 projects would not. The same walk counts them.
public enum ProjectSearch {
    /// The statements behind one search: a page ordered by (sort key, id), and how to count.
    public struct Statements {
        /// Rows of `id`, `sort_key` and, when searching by words, `total`; no cursor, no limit.
        public var rows: SQLQueryString
        /// How many match, at most the count limit + 1.
        public var count: SQLQueryString
        public var descending: Bool
        /// `rows` carries the count in its `total` column.
        public var counted: Bool
        /// For sorts whose key orders like a stored column: the key's expression and the column.
        /// The page is then ordered by the column inside `rows`, so an index walks it in order and
        /// stops at the limit, instead of sorting every match by the computed key.
        public var ordered: (key: SQLQueryString, column: SQLQueryString)? = nil

        /// A page of `rows` from a cursor on, with one extra row that says whether more follow.
        public func page(after cursor: String?, limit: Int) -> SQLQueryString {
            let op = descending ? "<" : ">"
            let direction = descending ? "DESC" : "ASC"
            let after = cursor.flatMap(Cursor.init(encoded:))
            if let (key, column) = ordered {
                var page = rows
                if let after {
                    page += " AND (" + key + " \(unsafeRaw: op) \(bind: after.key) OR (" + key + " = \(bind: after.key) AND p.id \(unsafeRaw: op) \(bind: after.id)))"
                }
                return page + " ORDER BY " + column + " \(unsafeRaw: direction), p.id \(unsafeRaw: direction) LIMIT \(literal: limit + 1)"
            }
            var page: SQLQueryString = "SELECT * FROM (" + rows + ") AS matches"
            if let after {
                page += " WHERE (sort_key \(unsafeRaw: op) \(bind: after.key) OR (sort_key = \(bind: after.key) AND id \(unsafeRaw: op) \(bind: after.id)))"
            }
            return page + " ORDER BY sort_key \(unsafeRaw: direction), id \(unsafeRaw: direction) LIMIT \(literal: limit + 1)"
        }
    }

    public static func search(_ query: ProjectSearchQuery, viewer: SearchViewer, on db: any Database) async throws -> ProjectSearchPage {
        guard let sql = db as? any SQLDatabase else {
            return ProjectSearchPage(projectIDs: [], total: 0, totalCapped: false, nextCursor: nil)
        }
        let statements = self.statements(query, viewer: viewer, postgres: sql.dialect.name == "postgresql")
        let limit = min(max(query.limit, 1), ProjectSearchQuery.maxLimit)
        let rows = try await sql.raw(statements.page(after: query.cursor, limit: limit)).all()
        var ids: [UUID] = []
        var last: Cursor?
        for row in rows.prefix(limit) {
            let id = try row.decode(column: "id", as: UUID.self)
            ids.append(id)
            last = Cursor(key: try row.decode(column: "sort_key", as: Double.self), id: id)
        }
        let matching: Int
        if statements.counted, let first = rows.first {
            matching = try first.decode(column: "total", as: Int.self)
        } else {
            matching = try await sql.raw(statements.count).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return ProjectSearchPage(projectIDs: ids, total: min(matching, ProjectSearchQuery.countLimit),
                                 totalCapped: matching > ProjectSearchQuery.countLimit,
                                 nextCursor: rows.count > limit ? last?.encoded : nil)
    }

    public static func statements(_ query: ProjectSearchQuery, viewer: SearchViewer, postgres: Bool) -> Statements {
        let terms = query.terms
        var from: SQLQueryString = "projects p"
        var conditions: [SQLQueryString] = ["p.state = 'published'"]
        var rank: SQLQueryString = "0"
        var newest: SQLQueryString = "p.published_at DESC"
        if !terms.isEmpty {
            if postgres {
                let tsquery = terms.map { "\($0):*" }.joined(separator: " & ")
                // The narrow search table, named `p`, has the filter columns under the names they have in `projects`.
                from = "project_search p"
                conditions.append("p.document @@ to_tsquery('simple', \(bind: tsquery))")
                // Scored outside the newest-first subquery (see below), where only `document` is in scope.
                rank = "-ts_rank(document, to_tsquery('simple', \(bind: tsquery)))::float8"
            } else {
                let match = terms.map { "\"\($0)\"*" }.joined(separator: " ")
                // Likewise the facets table, which shares its rowid with the full-text table.
                from = "project_search JOIN project_search_facets p ON p.rowid = project_search.rowid"
                conditions.append("project_search MATCH \(bind: match)")
                // Weights of title, summary, brief and skills.
                rank = "bm25(project_search, 10.0, 4.0, 1.0, 6.0)"
                // Rowids follow publication order: walking them backwards needs no sort.
                newest = "project_search.rowid DESC"
            }
        }
        conditions.append(visibility(viewer))
        if !query.skillURIs.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM project_skills ps WHERE ps.project_id = p.id AND ps.skill_uri IN (\(binds: query.skillURIs)))")
        }
        if let pay = query.minimumPay {
            conditions.append("p.currency = \(bind: pay.currency) AND p.pay_minor >= \(bind: pay.amountMinor)")
        }
        if let hours = query.minimumHours { conditions.append("p.estimated_hours >= \(bind: hours)") }
        if let hours = query.maximumHours { conditions.append("p.estimated_hours <= \(bind: hours)") }
        if let weeks = query.maximumWeeks { conditions.append("p.duration_weeks <= \(bind: weeks)") }
        if !query.locationModes.isEmpty {
            conditions.append("p.location_mode IN (\(binds: query.locationModes.map(\.rawValue)))")
        }
        if let after = query.deadlineAfter { conditions.append("p.application_deadline > \(bind: after)") }
        if let org = query.organizationID { conditions.append("p.organization_id = \(bind: org)") }

        let (key, descending): (SQLQueryString, Bool) = switch query.effectiveSort {
        case .relevance: (rank, false)
        case .newest: (postgres ? "extract(epoch FROM p.published_at)::float8" : "CAST(p.published_at AS REAL)", true)
        case .pay: ("CAST(p.pay_minor AS \(unsafeRaw: postgres ? "float8" : "REAL"))", true)
        case .deadline: (postgres ? "coalesce(extract(epoch FROM p.application_deadline), 1e12)::float8"
                                  : "coalesce(CAST(p.application_deadline AS REAL), 1e12)", false)
        }
        let filtered: SQLQueryString = " FROM " + from + " WHERE " + conditions.map { "(" + $0 + ")" }.joined(separator: " AND ")
        let beyond = ProjectSearchQuery.countLimit + 1
        let count: SQLQueryString = "SELECT count(*) AS n FROM (SELECT 1" + filtered + " LIMIT \(literal: beyond)) AS capped"
        let matches: SQLQueryString = "SELECT p.id AS id, " + key + " AS sort_key" + filtered
        guard query.ordersNewestMatchesOnly else {
            // Publication time and pay order like their stored columns; a deadline's key puts
            // projects without one last, which the column does not.
            let column: SQLQueryString? = switch query.effectiveSort {
            case .newest: "p.published_at"
            case .pay: "p.pay_minor"
            case .deadline, .relevance: nil
            }
            return Statements(rows: matches, count: count, descending: descending, counted: false, ordered: column.map { (key, $0) })
        }
        // PostgreSQL computes a subquery's columns before it sorts, so it would score every match;
        // SQLite's bm25() only works inside the full-text query, and there it runs after the limit.
        let window: SQLQueryString = postgres && query.effectiveSort == .relevance
            ? "SELECT id, " + rank + " AS sort_key, count(*) OVER () AS total FROM (SELECT p.id AS id, p.document AS document"
                + filtered + " ORDER BY " + newest + " LIMIT \(literal: beyond)) AS newest"
            : "SELECT id, sort_key, count(*) OVER () AS total FROM (" + matches + " ORDER BY " + newest + " LIMIT \(literal: beyond)) AS newest"
        return Statements(rows: window, count: count, descending: descending, counted: true)
    }

    /// Published projects this viewer may see: public ones, their own organizations', partner
    /// projects shared with one of their organizations or schools, and invite-only ones sent to them.
    private static func visibility(_ viewer: SearchViewer) -> SQLQueryString {
        var allowed: [SQLQueryString] = ["p.visibility = 'public'"]
        if !viewer.organizationIDs.isEmpty {
            allowed.append("p.organization_id IN (\(binds: viewer.organizationIDs))")
        }
        let audiences = viewer.organizationIDs + viewer.schoolIDs
        if !audiences.isEmpty {
            allowed.append("(p.visibility = 'partners' AND EXISTS (SELECT 1 FROM project_partners pp WHERE pp.project_id = p.id AND pp.organization_id IN (\(binds: audiences))))")
        }
        if let email = viewer.email {
            allowed.append("(p.visibility = 'invite_only' AND EXISTS (SELECT 1 FROM project_invitations pi WHERE pi.project_id = p.id AND pi.email = \(bind: email)))")
        }
        return allowed.joined(separator: " OR ")
    }

    /// Where the next page starts: the last row's sort key and id, opaque to clients.
    struct Cursor {
        var key: Double
        var id: UUID

        init(key: Double, id: UUID) {
            self.key = key
            self.id = id
        }

        init?(encoded: String) {
            var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while base64.count % 4 != 0 { base64 += "=" }
            guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
            let parts = text.split(separator: "|")
            guard parts.count == 2, let key = Double(parts[0]), key.isFinite, let id = UUID(uuidString: String(parts[1])) else { return nil }
            self.init(key: key, id: id)
        }

        var encoded: String {
            Data("\(key)|\(id.uuidString)".utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
    }
}
