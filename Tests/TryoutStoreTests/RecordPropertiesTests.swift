import FluentKit
import Foundation
import Testing
import TryoutStore

/// Every record lists its properties by hand (`properties`), where Fluent would find them by
/// reflection each time it reads, writes or queries a record: that reflection was about a
/// twentieth of a signed-in page's time (Benchmarks/README.md, eighth round). A property left out
/// of the list would be neither read nor written, so these tests hold each list to what
/// reflection finds.
@Suite("Records' listed properties")
struct RecordPropertiesTests {
    static let records: [any Model.Type] = [
            EmailVerificationRecord.self, RateLimitEventRecord.self, InstanceSecretRecord.self, CheckInRecord.self,
            MessageRecord.self, MessageReadRecord.self, TimeEntryRecord.self, CalendarFeedRecord.self,
            ApplicationRecord.self, NotificationRecord.self, CandidateProfileRecord.self, DemographicsRecord.self,
            CandidateSkillRecord.self, CredentialRecord.self, SigningKeyRecord.self, PortfolioRecord.self,
            EndorsementRecord.self, DisputeRecord.self, EngagementRecord.self, TeamMemberRecord.self,
            ChecklistItemRecord.self, AgreementTemplateRecord.self, AgreementRecord.self, FinalEvaluationRecord.self,
            ExitSurveyRecord.self, JobRecord.self, NotificationPreferenceRecord.self, DigestItemRecord.self,
            DigestRecord.self, OrganizationRecord.self, MemberRecord.self, InvitationRecord.self, OutboxRecord.self,
            AuditEventRecord.self, PartnerStudentRecord.self, StudentInvitationRecord.self, ProjectEscrowRecord.self,
            InvoiceRecord.self, PayoutDetailsRecord.self, PayoutBatchRecord.self, PayoutItemRecord.self,
            ProjectRecord.self, BriefVersionRecord.self, ProjectPartnerRecord.self, ProjectInvitationRecord.self,
            ProjectSkillRecord.self, ProjectReviewerRecord.self, ReviewAssignmentRecord.self, ScorecardRecord.self,
            SessionRecord.self, APITokenRecord.self, PasswordResetRecord.self, LoginAttemptRecord.self,
            SkillRecord.self, UserRecord.self, WebhookEndpointRecord.self, WebhookDeliveryRecord.self,
            MilestoneRecord.self, SubmissionRecord.self, SubmissionFileRecord.self
    ]

    @Test("each record lists exactly the properties it declares, in their order")
    func listsMatchReflection() {
        for record in Self.records {
            let model = record.init()
            let reflected = Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
            #expect(model.properties.map(Self.identity) == reflected.map(Self.identity),
                    "\(record)'s `properties` must list every property wrapper it declares, in order")
        }
    }

    @Test("the list above names every record in the store")
    func everyRecordChecked() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/TryoutStore/Records").standardized
        var declared = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in source.matches(of: /final class (\w+): Model\b/) { declared.insert(String(match.1)) }
        }
        #expect(!declared.isEmpty)
        #expect(declared == Set(Self.records.map { String(describing: $0) }))
    }

    private static func identity(_ property: any AnyProperty) -> ObjectIdentifier {
        ObjectIdentifier(property as AnyObject)
    }
}
