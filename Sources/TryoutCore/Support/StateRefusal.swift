/// A move refused because of the state things are in (an offer already answered, an engagement
/// already ended): nothing is wrong with the request itself, so it is a conflict, worded for people.
public protocol StateRefusal: Error, CustomStringConvertible {}

extension ProjectTransitionError: StateRefusal {}
extension ApplicationTransitionError: StateRefusal {}
extension EngagementError: StateRefusal {}
