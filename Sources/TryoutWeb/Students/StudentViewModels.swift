import Foundation
import TryoutCore
import TryoutStore

extension StudentsPage.Student {
    init(_ record: PartnerStudentRecord, outcomes: [UUID: HomeFacts.StudentOutcomes]) throws {
        self.init(id: StudentID(try record.requireID()), displayName: record.user.displayName, email: record.user.email,
                  joined: record.createdAt, outcomes: outcomes[record.$user.id] ?? .init())
    }
}
