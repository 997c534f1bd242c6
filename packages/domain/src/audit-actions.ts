/**
 * Every action the audit log records, one list: the API's audit writers accept only these (a new
 * mutation's event must be added here), and the test of audit coverage proves each one is written
 * by the mutation it names.
 */
export const AUDIT_ACTIONS = [
  "commune.updated",
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
  "member.role_changed",
  "member.removed",
  "api_key.created",
  "api_key.revoked",
  "directory.configured",
  "directory.member_joined",
  "use_case.created",
  "use_case.updated",
  "use_case.submitted",
  "use_case.published",
  "use_case.rejected",
  "use_case.visibility_changed",
  "use_case.stage_changed",
  "use_case.retired",
  "use_case.adopted",
  "use_case.endorsed",
  "use_case.endorsement_withdrawn",
  "discussion.posted",
  "discussion.answer_accepted",
  "assessment.created",
  "assessment.submitted",
  "assessment.resubmitted",
  "assessment.returned",
  "assessment.validated",
  "indicator.created",
  "indicator.updated",
  "indicator_value.recorded",
  "indicator_value.removed",
  "milestone.created",
  "milestone.updated",
  "milestone.removed",
  "coalition.member_added",
  "coalition.member_removed",
  "coalition.sharing_changed",
  "peer_group.joined",
  "peer_group.left",
  "peer_group.updated",
  "module.created",
  "module.updated",
  "module.upstream_set",
  "module.plan_added",
  "module.plan_updated",
  "module.plan_archived",
  "module.published",
  "module.retired",
  "module.signing_secret_rotated",
  "subscription.requested",
  "subscription.withdrawn",
  "subscription.renewal_requested",
  "subscription.activated",
  "subscription.renewed",
  "subscription.ended",
  "subscription.overage_invoiced",
  "subscription.plan_change_requested",
  "subscription.cancel_requested",
  "subscription.stripe_event",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Every action the platform's own log (platform_audit_log) records: events about a person's
 * account and platform-wide administration. Same rule as above: a new event is added here first.
 */
export const PLATFORM_AUDIT_ACTIONS = [
  "account.password_changed",
  "directory.signed_in",
  "directory.account_linked",
  "directory.sign_in_refused",
] as const;
export type PlatformAuditAction = (typeof PLATFORM_AUDIT_ACTIONS)[number];
