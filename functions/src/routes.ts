/**
 * Every API route, in one list read by both the local API server and the CDK API stack, so a route
 * exists (with the same access rule) in both or in neither. `handler` is the file under functions/src
 * that exports `handler`.
 */
export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: string;
  /** Public routes have no authoriser; every other route needs a valid Cognito ID token. */
  public: boolean;
}

export const routes: RouteDefinition[] = [
  { method: 'GET', path: '/tenants', handler: 'tenants/list-tenants.handler.ts', public: true },
  { method: 'GET', path: '/tenants/{tenantId}', handler: 'tenants/get-public-tenant.handler.ts', public: true },
  { method: 'PUT', path: '/tenants/{tenantId}', handler: 'tenants/update-tenant-settings.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/config', handler: 'tenants/get-config.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/config/{kind}', handler: 'tenants/create-config-item.handler.ts', public: false },
  { method: 'PUT', path: '/tenants/{tenantId}/config/{kind}/{id}', handler: 'tenants/update-config-item.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/config/{kind}/{id}/move', handler: 'tenants/move-config-item.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/config/{kind}/{id}/status', handler: 'tenants/set-config-status.handler.ts', public: false },
  { method: 'DELETE', path: '/tenants/{tenantId}/config/{kind}/{id}', handler: 'tenants/delete-config-item.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/audit', handler: 'audit/list-audit.handler.ts', public: false },
  { method: 'GET', path: '/me', handler: 'staff/get-me.handler.ts', public: false },
  // Panels: the public side
  { method: 'GET', path: '/tenants/{tenantId}/public/panels', handler: 'panels/list-public-panels.handler.ts', public: true },
  { method: 'GET', path: '/tenants/{tenantId}/public/panels/{panelId}', handler: 'panels/get-public-panel.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/public/panels/{panelId}/join', handler: 'panels/join-panel.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/membership/confirm', handler: 'panels/confirm-membership.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/membership/sign-in-link', handler: 'panels/request-sign-in-link.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/membership/use-link', handler: 'panels/use-sign-in-link.handler.ts', public: true },
  // A member's own membership: public to the authoriser, the member's session header checked in the handler
  { method: 'GET', path: '/tenants/{tenantId}/me', handler: 'panels/my-membership.handler.ts', public: true },
  { method: 'PUT', path: '/tenants/{tenantId}/me', handler: 'panels/update-my-details.handler.ts', public: true },
  { method: 'GET', path: '/tenants/{tenantId}/me/profile', handler: 'panels/get-my-profile.handler.ts', public: true },
  { method: 'PUT', path: '/tenants/{tenantId}/me/profile', handler: 'panels/save-my-profile.handler.ts', public: true },
  { method: 'DELETE', path: '/tenants/{tenantId}/me/profile', handler: 'panels/withdraw-my-profile.handler.ts', public: true },
  { method: 'GET', path: '/tenants/{tenantId}/me/data', handler: 'panels/get-my-data.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/me/leave', handler: 'panels/leave-panel.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/me/erase', handler: 'panels/erase-me.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/me/sign-out', handler: 'panels/end-member-session.handler.ts', public: true },
  { method: 'PUT', path: '/tenants/{tenantId}/me/meetings/{meetingId}/reply', handler: 'meetings/reply-to-meeting.handler.ts', public: true },
  // Panels: officers
  { method: 'GET', path: '/tenants/{tenantId}/panels', handler: 'panels/list-panels.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/panels', handler: 'panels/create-panel.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/panels/{panelId}', handler: 'panels/get-panel.handler.ts', public: false },
  { method: 'PUT', path: '/tenants/{tenantId}/panels/{panelId}', handler: 'panels/update-panel.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/panels/{panelId}/members', handler: 'panels/list-members.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/panels/{panelId}/members', handler: 'panels/add-member.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/panels/{panelId}/members-export', handler: 'panels/export-members.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/panels/{panelId}/members/{memberId}', handler: 'panels/get-member.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/panels/{panelId}/members/{memberId}/confirm', handler: 'panels/confirm-member.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/panels/{panelId}/meetings', handler: 'meetings/list-meetings.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/panels/{panelId}/meetings', handler: 'meetings/create-meeting.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/panels/{panelId}/meetings/{meetingId}', handler: 'meetings/get-meeting.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/panels/{panelId}/meetings/{meetingId}/invitations', handler: 'meetings/invite-members.handler.ts', public: false },
  { method: 'PUT', path: '/tenants/{tenantId}/panels/{panelId}/meetings/{meetingId}/attendance', handler: 'meetings/record-attendance.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/panels/{panelId}/participation', handler: 'meetings/get-participation.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/representation', handler: 'representation/get-representation.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/representation/recount', handler: 'representation/recount-representation.handler.ts', public: false },
  // Surveys: the public side (a draft token in the x-survey-draft header, checked in the handler)
  { method: 'GET', path: '/tenants/{tenantId}/public/surveys', handler: 'surveys/list-public-surveys.handler.ts', public: true },
  { method: 'GET', path: '/tenants/{tenantId}/public/surveys/{surveyId}', handler: 'surveys/get-public-survey.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/public/surveys/{surveyId}/drafts', handler: 'surveys/start-draft.handler.ts', public: true },
  { method: 'GET', path: '/tenants/{tenantId}/public/surveys/{surveyId}/draft', handler: 'surveys/get-draft.handler.ts', public: true },
  { method: 'PUT', path: '/tenants/{tenantId}/public/surveys/{surveyId}/draft/sections/{sectionId}', handler: 'surveys/save-draft-section.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/public/surveys/{surveyId}/draft/resume-link', handler: 'surveys/email-resume-link.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/public/surveys/{surveyId}/draft/submit', handler: 'surveys/submit-draft.handler.ts', public: true },
  // Surveys: officers
  { method: 'GET', path: '/tenants/{tenantId}/surveys', handler: 'surveys/list-surveys.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/surveys', handler: 'surveys/create-survey.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/surveys/{surveyId}', handler: 'surveys/get-survey.handler.ts', public: false },
  { method: 'PUT', path: '/tenants/{tenantId}/surveys/{surveyId}', handler: 'surveys/update-survey.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/surveys/{surveyId}/publish', handler: 'surveys/publish-survey.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/surveys/{surveyId}/close', handler: 'surveys/close-survey.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/surveys/{surveyId}/invitations', handler: 'surveys/invite-to-survey.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/surveys/{surveyId}/invitations', handler: 'surveys/get-invitation-stats.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/surveys/{surveyId}/results', handler: 'surveys/get-results.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/surveys/{surveyId}/questions/{questionId}/answers', handler: 'surveys/list-text-answers.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/surveys/{surveyId}/responses-export', handler: 'surveys/export-responses.handler.ts', public: false },
  // Surveys: an officer entering a paper form, a phone call or an event conversation
  { method: 'POST', path: '/tenants/{tenantId}/surveys/{surveyId}/entries', handler: 'surveys/start-entry.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/surveys/{surveyId}/entry', handler: 'surveys/get-entry.handler.ts', public: false },
  { method: 'PUT', path: '/tenants/{tenantId}/surveys/{surveyId}/entry/sections/{sectionId}', handler: 'surveys/save-entry-section.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/surveys/{surveyId}/entry/submit', handler: 'surveys/submit-entry.handler.ts', public: false },
  // Consultations (issue 6): officers, and the public pages (never drafts)
  { method: 'GET', path: '/tenants/{tenantId}/consultations', handler: 'consultations/list-consultations.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/consultations', handler: 'consultations/create-consultation.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/consultations/{consultationId}', handler: 'consultations/get-consultation.handler.ts', public: false },
  { method: 'PUT', path: '/tenants/{tenantId}/consultations/{consultationId}', handler: 'consultations/update-consultation.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/consultations/{consultationId}/stage', handler: 'consultations/change-stage.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/consultations/{consultationId}/conversations', handler: 'consultations/log-conversation.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/public/consultations', handler: 'consultations/list-public-consultations.handler.ts', public: true },
  { method: 'GET', path: '/tenants/{tenantId}/public/consultations/{consultationId}', handler: 'consultations/get-public-consultation.handler.ts', public: true },
  // Feedback triage and themes (issue 6): officers; flagged comments for the safeguarding contact only
  { method: 'GET', path: '/tenants/{tenantId}/feedback', handler: 'feedback/list-feedback.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/feedback-bulk', handler: 'feedback/bulk-feedback.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/feedback/{feedbackId}', handler: 'feedback/get-feedback.handler.ts', public: false },
  { method: 'PUT', path: '/tenants/{tenantId}/feedback/{feedbackId}/tags', handler: 'feedback/set-tags.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/feedback/{feedbackId}/status', handler: 'feedback/set-status.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/feedback/{feedbackId}/safeguarding', handler: 'feedback/flag-safeguarding.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/feedback/{feedbackId}/erase', handler: 'feedback/erase-feedback.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/safeguarding', handler: 'feedback/list-safeguarding.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/safeguarding/{feedbackId}/handled', handler: 'feedback/handle-safeguarding.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/themes', handler: 'feedback/list-themes.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/themes', handler: 'feedback/create-theme.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/themes/{themeId}', handler: 'feedback/get-theme.handler.ts', public: false },
  { method: 'PUT', path: '/tenants/{tenantId}/themes/{themeId}', handler: 'feedback/update-theme.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/themes/{themeId}/split', handler: 'feedback/split-theme.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/themes/{themeId}/merge', handler: 'feedback/merge-theme.handler.ts', public: false },
  // "You said, we did" actions (issue 6): drafted, checked for personal data, approved by a second person, published
  { method: 'GET', path: '/tenants/{tenantId}/actions', handler: 'actions/list-actions.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/actions', handler: 'actions/create-action.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/actions/{actionId}', handler: 'actions/get-action.handler.ts', public: false },
  { method: 'PUT', path: '/tenants/{tenantId}/actions/{actionId}', handler: 'actions/update-action.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/actions/{actionId}/submit', handler: 'actions/submit-action.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/actions/{actionId}/return', handler: 'actions/return-action.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/actions/{actionId}/approve', handler: 'actions/approve-action.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/public/log', handler: 'actions/get-public-log.handler.ts', public: true },
  { method: 'GET', path: '/tenants/{tenantId}/public/log/{actionId}', handler: 'actions/get-public-action.handler.ts', public: true },
  { method: 'POST', path: '/tenants/{tenantId}/membership/unsubscribe', handler: 'actions/unsubscribe.handler.ts', public: true },
];
