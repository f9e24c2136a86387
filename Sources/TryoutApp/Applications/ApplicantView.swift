import Foundation
import TryoutCore

/// One applicant as employer users see them. Until the application is revealed on a blind
/// project, `identity` is nil: no name, e-mail, headline, school, links, location or time zone
/// name, only a stable handle, the offset from UTC and the overlap with the project's hours,
/// skills, answers and the match.
public struct ApplicantView: Sendable {
    /// Who applied; the API sends it as it is.
    public struct Identity: Codable, Sendable {
        public var name: String
        public var email: String
        public var headline: String
        public var location: String
        public var education: String
        public var links: [String]
        public var portfolio: [String]
        /// The zone's name ("Asia/Singapore"), which says where the person is.
        public var timeZone: String
    }

    public var id: ApplicationID
    public var handle: String
    public var state: ApplicationState
    public var appliedAt: Date
    public var stateChangedAt: Date
    public var offerExpiresAt: Date?
    public var message: String
    public var score: MatchScore
    public var skills: [(label: String, level: Int)]
    public var missing: [String]
    /// "UTC+8 · 1 h overlap …": the candidate's offset from UTC now and the hours their working day
    /// shares with the project's; nil for a zone Tryout does not know.
    public var workingHours: WorkingHoursOverlap?
    public var hoursPerWeek: Int
    public var answers: [(question: String, answer: String)]
    public var coverNote: String
    public var identity: Identity?
    /// The candidate's accommodations note, shown only once they have accepted a place, and only
    /// to the people who run the engagement.
    public var accommodations: String?

    /// The name when revealed, the handle otherwise.
    public var displayName: String { identity?.name ?? handle }
}

/// One applicant as the list of a project's applicants shows them: a name once revealed, the
/// handle until then, the match and where the application stands. Skills, answers and contact
/// details are on the applicant's own page (`ApplicantView`).
public struct ApplicantRow: Sendable {
    public var id: ApplicationID
    public var handle: String
    /// Nil until the application is revealed on a blind project.
    public var name: String?
    public var state: ApplicationState
    public var appliedAt: Date
    public var score: MatchScore
    /// Nil for a zone Tryout does not know.
    public var workingHours: WorkingHoursOverlap?

    /// The name when revealed, the handle otherwise.
    public var displayName: String { name ?? handle }
}

/// A project's applicants are shown a page at a time (`ScreeningService.page`).
public enum RankedApplicants {
    /// A popular project draws hundreds: the list shows this many at a time.
    public static let pageSize = 50

    /// One page of the list.
    public struct Page: Sendable {
        public var applicants: [ApplicantRow]
        /// Applicants in the whole list.
        public var total: Int
        /// This page's number, from 1.
        public var number: Int
        public var pages: Int
    }
}

/// A discoverable candidate who has not applied, named by a code until they do.
public struct PersonToInvite: Sendable {
    public var profileID: CandidateProfileID
    public var handle: String
    public var score: MatchScore
}
