/// Where a project sits in its life; the brief is fixed from `published` on.
public enum ProjectState: String, Codable, Sendable, CaseIterable {
    case draft, published, closed, completed, cancelled
}

/// How the person doing the work is engaged, which decides the agreements and pay rules.
public enum WorkerClassification: String, Codable, Sendable, CaseIterable {
    case contractor, intern, employee

    public var label: String {
        switch self {
        case .contractor: "Independent contractor"
        case .intern: "Intern"
        case .employee: "Employee"
        }
    }
}

public enum LocationMode: String, Codable, Sendable, CaseIterable {
    case remote, hybrid
    case onSite = "on_site"

    public var label: String {
        switch self {
        case .remote: "Remote"
        case .hybrid: "Hybrid"
        case .onSite: "On-site"
        }
    }
}

/// Who can find a published project.
public enum ProjectVisibility: String, Codable, Sendable, CaseIterable {
    case `public`
    case partners
    case inviteOnly = "invite_only"
}
