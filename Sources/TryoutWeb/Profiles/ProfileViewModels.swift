import TryoutApp
import TryoutCore
import TryoutStore

/// One recommended project as its card shows it.
struct RecommendedProject {
    var id: ProjectID
    var title: String
    var organizationName: String
    var score: MatchScore
    /// Pay, hours and place in one line.
    var facts: String
}

/// What `/profile/recommended` shows.
struct RecommendationsView {
    var projects: [RecommendedProject]
    var hasSkills: Bool
    /// How many of the newest projects asking for the candidate's skills were scored.
    var considered: Int
}

extension RecommendationsView {
    init(_ found: Recommended) throws {
        projects = try found.projects.map { project, score in
            RecommendedProject(id: ProjectID(try project.requireID()), title: project.title, organizationName: project.organization.name,
                               score: score, facts: ProjectFacts.line(ProjectListing(project)))
        }
        hasSkills = found.hasSkills
        considered = Recommendations.considered
    }
}
