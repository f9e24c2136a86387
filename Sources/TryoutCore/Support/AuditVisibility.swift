/// What an organization's audit log shows of where an entry came from. Its readers see the
/// addresses of the organization's own members; a candidate's address (or anyone else's) would
/// tell an employer where the person is, so only platform admins see those.
public enum AuditVisibility {
    public static func showsAddress(actorIsMember: Bool, readerIsPlatformAdmin: Bool) -> Bool {
        actorIsMember || readerIsPlatformAdmin
    }
}
