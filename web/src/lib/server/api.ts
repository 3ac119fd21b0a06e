import type { Action, ActionInput, LogFilter, LogPage, PublicAction } from '@pv/shared/action.schema';
import type { BulkInput, BulkResult, FeedbackView, WaitingQuote, TagInput, Theme, ThemeSummary, TriageCounts, TriageFilter } from '@pv/shared/feedback.schema';
import type { Finding } from '@pv/shared/personal-data';
import type { Caller } from '@pv/shared/auth.schema';
import { getRequestEvent } from '$app/server';
import { CLIENT_HEADER, signClientAddress } from '@pv/shared/client-address';
import {
  kindSegments,
  type AuditEntry,
  type ConfigInput,
  type ConfigItem,
  type ConfigKind,
  type ConfigStatus,
  type Page,
  type PublicTenant,
  type Tenant,
  type TenantConfig,
  type RetentionSettings,
} from '@pv/shared/config.schema';
import { isProblem, type FieldErrors, type Problem } from '@pv/shared/errors';
import type {
  AssistedMemberInput,
  AttendanceInput,
  Invitation,
  JoinInput,
  Meeting,
  MeetingInput,
  MeetingReplyInput,
  Member,
  MemberDetailsInput,
  MemberStatus,
  Panel,
  PanelInput,
  ProfileAnswers,
  ProfileInput,
  PublicPanel,
  RepresentationView,
  MemberSessionGrant,
  MyData,
  MyMembership,
  Participation,
} from '@pv/shared/panel.schema';
import type {
  AssistedDraftInput,
  DraftView,
  InvitationStats,
  InviteInput,
  InviteResult,
  PublicSurvey,
  PublicSurveySummary,
  ResultsQuery,
  StoredResponse,
  SubmitResult,
  Survey,
  SurveyInput,
  SurveyResults,
  SurveyStatus,
  TextAnswer,
} from '@pv/shared/survey.schema';
import type { Consultation, ConsultationInput, ConsultationStage, Conversation, ConversationInput, PublicConsultation } from '@pv/shared/consultation.schema';
import type { InsightHeatmap, InsightOverview, InsightQuery, InsightThemeDetail, InsightThemes, InsightTrends, InsightVoice } from '@pv/shared/insight.schema';
import { webEnv } from './env';
import type { Session } from './session';

/**
 * The one place the web talks to the API: JSON over fetch, the session's ID token as the bearer
 * token, and every non-2xx answer turned into an ApiError that carries the API's problem+json.
 */

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** Field path (e.g. "name", "rule.conditions.0.values") → message. */
  get errors(): FieldErrors {
    return this.problem.errors ?? {};
  }
  /** On a 409 from a stale edit: the item as it is now stored. */
  get current(): unknown {
    return this.problem.current;
  }

  /** Personal-data findings (422 when sending an action for approval). */
  get findings(): Finding[] {
    return (this.problem.findings ?? []) as Finding[];
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Sent as Idempotency-Key: a retried or double-submitted create makes one item. */
  idempotencyKey?: string;
  token?: string;
  /** A panel member's session (from a link in their email), for the /me routes. */
  memberSession?: string;
  /** A staff session's id (from the browser's cookie), for the staff session routes. */
  staffSession?: string;
  /** A survey draft's token (from the browser's cookie or an invitation), for answering. */
  surveyDraft?: string;
}

/** The address of the browser this request is for, as the web server saw it (never a header the browser wrote). */
function browserAddress(): string | undefined {
  try {
    return getRequestEvent().getClientAddress();
  } catch {
    return undefined; // outside a request (scripts), or an adapter that can't tell
  }
}

/** A 429's Retry-After, for hooks.server.ts to put on the page's own response. */
function rememberRetryAfter(problem: Problem): void {
  if (problem.status !== 429 || !problem.retryAfter) return;
  try {
    getRequestEvent().locals.retryAfter = problem.retryAfter;
  } catch {
    // outside a request
  }
}

const TIMEOUT_MS = 10_000;

async function problemFrom(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body: unknown = JSON.parse(text);
    if (isProblem(body)) return body;
  } catch {
    // not JSON: describe it by its status below
  }
  return {
    type: 'about:blank',
    title: response.status >= 500 ? 'Something went wrong on our side. Try again later.' : response.statusText || 'The request failed',
    status: response.status,
    kind: response.status === 404 ? 'not-found' : response.status === 403 ? 'forbidden' : response.status === 401 ? 'unauthenticated' : 'unprocessable',
  };
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(webEnv().apiUrl + path);
  for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (options.memberSession) headers['x-member-session'] = options.memberSession;
  if (options.surveyDraft) headers['x-survey-draft'] = options.surveyDraft;
  if (options.staffSession) headers['x-staff-session'] = options.staffSession;
  // The browser's address, signed so the API can trust it for its per-client limits; without a secret
  // configured the API counts the web server itself as the client.
  const secret = webEnv().clientSecret;
  const address = browserAddress();
  if (address && secret) headers[CLIENT_HEADER] = signClientAddress(address, secret);

  // A double-submitted create can arrive while the first is still running: the API answers 409 with
  // code "in-progress"; wait and ask again for the first request's result.
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    }
    const problem = await problemFrom(response);
    const stillRunning = options.idempotencyKey && problem.code === 'in-progress';
    if (stillRunning && attempt < 10) {
      await new Promise((r) => setTimeout(r, 150 * (attempt + 1)));
      continue;
    }
    rememberRetryAfter(problem);
    throw new ApiError(problem);
  }
}

const enc = encodeURIComponent;
const itemPath = (tenantId: string, kind: ConfigKind, id: string) => `/tenants/${enc(tenantId)}/config/${kindSegments[kind]}/${enc(id)}`;

export interface TenantSummary {
  id: string;
  name: string;
}

/** The API as the given session (or the public) sees it. */
export function api(session: Session | null) {
  const call = <T>(path: string, options: RequestOptions = {}) => request<T>(path, { ...options, token: session?.idToken });
  return {
    listTenants: () => call<{ items: TenantSummary[] }>('/tenants'),
    publicTenant: (tenantId: string) => call<PublicTenant>(`/tenants/${enc(tenantId)}`),
    config: (tenantId: string) => call<TenantConfig>(`/tenants/${enc(tenantId)}/config`),
    updateTenantSettings: (tenantId: string, version: number, input: Pick<Tenant, 'name' | 'strategy' | 'about' | 'suppressionThreshold' | 'safeguardingContact' | 'staffIdleMinutes'> & Partial<RetentionSettings>) =>
      call<Tenant>(`/tenants/${enc(tenantId)}`, { method: 'PUT', body: { ...input, version } }),
    createConfigItem: <K extends ConfigKind>(tenantId: string, kind: K, input: ConfigInput<K>, idempotencyKey: string) =>
      call<ConfigItem<K>>(`/tenants/${enc(tenantId)}/config/${kindSegments[kind]}`, { method: 'POST', body: input, idempotencyKey }),
    updateConfigItem: <K extends ConfigKind>(tenantId: string, kind: K, id: string, version: number, input: ConfigInput<K>) =>
      call<ConfigItem<K>>(itemPath(tenantId, kind, id), { method: 'PUT', body: { ...input, version } }),
    moveConfigItem: (tenantId: string, kind: ConfigKind, id: string, direction: 'up' | 'down', version: number) =>
      call<ConfigItem>(`${itemPath(tenantId, kind, id)}/move`, { method: 'POST', body: { direction, version } }),
    setConfigStatus: (tenantId: string, kind: ConfigKind, id: string, status: ConfigStatus, version: number) =>
      call<ConfigItem>(`${itemPath(tenantId, kind, id)}/status`, { method: 'POST', body: { status, version } }),
    deleteConfigItem: (tenantId: string, kind: ConfigKind, id: string, version: number) =>
      call<void>(itemPath(tenantId, kind, id), { method: 'DELETE', query: { version } }),
    audit: (tenantId: string, page: { cursor?: string; limit?: number } = {}) =>
      call<Page<AuditEntry>>(`/tenants/${enc(tenantId)}/audit`, { query: page }),
    me: () => call<Caller>('/me'),

    // Panels: public
    publicPanels: (tenantId: string, postcode?: string) =>
      call<{ panels: PublicPanel[]; district?: string; matched: boolean }>(`/tenants/${enc(tenantId)}/public/panels`, { query: { postcode } }),
    publicPanel: (tenantId: string, panelId: string) => call<PublicPanel>(`/tenants/${enc(tenantId)}/public/panels/${enc(panelId)}`),
    joinPanel: (tenantId: string, panelId: string, input: Record<string, unknown> | JoinInput, idempotencyKey: string) =>
      call<{ outcome: 'check-email' | 'we-will-call' }>(`/tenants/${enc(tenantId)}/public/panels/${enc(panelId)}/join`, {
        method: 'POST',
        body: input,
        idempotencyKey,
      }),
    confirmMembership: (tenantId: string, token: string) =>
      call<MemberSessionGrant>(`/tenants/${enc(tenantId)}/membership/confirm`, { method: 'POST', body: { token } }),
    useSignInLink: (tenantId: string, token: string) =>
      call<MemberSessionGrant>(`/tenants/${enc(tenantId)}/membership/use-link`, { method: 'POST', body: { token } }),
    requestSignInLink: (tenantId: string, email: string) =>
      call<{ outcome: 'check-email' }>(`/tenants/${enc(tenantId)}/membership/sign-in-link`, { method: 'POST', body: { email } }),

    // Panels: officers
    panels: (tenantId: string) => call<Panel[]>(`/tenants/${enc(tenantId)}/panels`),
    panel: (tenantId: string, panelId: string) => call<Panel>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}`),
    createPanel: (tenantId: string, input: Record<string, unknown> | PanelInput, idempotencyKey: string) =>
      call<Panel>(`/tenants/${enc(tenantId)}/panels`, { method: 'POST', body: input, idempotencyKey }),
    updatePanel: (tenantId: string, panelId: string, input: Record<string, unknown>) =>
      call<Panel>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}`, { method: 'PUT', body: input }),
    members: (tenantId: string, panelId: string, filter: MemberFilterQuery = {}) =>
      call<Member[]>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}/members`, { query: { ...filter } }),
    member: (tenantId: string, panelId: string, memberId: string) =>
      call<Member>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}/members/${enc(memberId)}`),
    addMember: (tenantId: string, panelId: string, input: Record<string, unknown> | AssistedMemberInput, idempotencyKey: string) =>
      call<Member>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}/members`, { method: 'POST', body: input, idempotencyKey }),
    confirmMember: (tenantId: string, panelId: string, memberId: string) =>
      call<Member>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}/members/${enc(memberId)}/confirm`, { method: 'POST', body: {} }),
    exportMembers: (tenantId: string, panelId: string, filter: MemberFilterQuery = {}) =>
      call<{ csv: string; count: number }>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}/members-export`, { method: 'POST', body: filter }),
    representation: (tenantId: string) => call<RepresentationView[]>(`/tenants/${enc(tenantId)}/representation`),
    meetings: (tenantId: string, panelId: string) => call<Meeting[]>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}/meetings`),
    meeting: (tenantId: string, panelId: string, meetingId: string) =>
      call<{ meeting: Meeting; invitations: Invitation[] }>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}/meetings/${enc(meetingId)}`),
    createMeeting: (tenantId: string, panelId: string, input: Record<string, unknown> | MeetingInput, idempotencyKey: string) =>
      call<Meeting>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}/meetings`, { method: 'POST', body: input, idempotencyKey }),
    inviteMembers: (tenantId: string, panelId: string, meetingId: string) =>
      call<{ invited: number; emailed: number; toPhone: number }>(
        `/tenants/${enc(tenantId)}/panels/${enc(panelId)}/meetings/${enc(meetingId)}/invitations`,
        { method: 'POST', body: {} },
      ),
    recordAttendance: (tenantId: string, panelId: string, meetingId: string, input: AttendanceInput | Record<string, unknown>) =>
      call<Meeting>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}/meetings/${enc(meetingId)}/attendance`, { method: 'PUT', body: input }),
    participation: (tenantId: string, panelId: string) =>
      call<Participation>(`/tenants/${enc(tenantId)}/panels/${enc(panelId)}/participation`),

    // Surveys: public
    publicSurveys: (tenantId: string) => call<PublicSurveySummary[]>(`/tenants/${enc(tenantId)}/public/surveys`),
    publicSurvey: (tenantId: string, surveyId: string) => call<PublicSurvey>(`/tenants/${enc(tenantId)}/public/surveys/${enc(surveyId)}`),
    startSurvey: (tenantId: string, surveyId: string, input: { hubId?: string; invitation?: string }) =>
      call<{ token: string }>(`/tenants/${enc(tenantId)}/public/surveys/${enc(surveyId)}/drafts`, { method: 'POST', body: input }),

    // Consultations: public
    publicConsultations: (tenantId: string) => call<PublicConsultation[]>(`/tenants/${enc(tenantId)}/public/consultations`),
    publicConsultation: (tenantId: string, id: string) => call<PublicConsultation>(`/tenants/${enc(tenantId)}/public/consultations/${enc(id)}`),

    // Consultations: officers
    consultations: (tenantId: string) => call<Consultation[]>(`/tenants/${enc(tenantId)}/consultations`),
    consultation: (tenantId: string, id: string) =>
      call<{ consultation: Consultation; conversations: Conversation[] }>(`/tenants/${enc(tenantId)}/consultations/${enc(id)}`),
    createConsultation: (tenantId: string, input: Record<string, unknown> | ConsultationInput, idempotencyKey: string) =>
      call<Consultation>(`/tenants/${enc(tenantId)}/consultations`, { method: 'POST', body: input, idempotencyKey }),
    updateConsultation: (tenantId: string, id: string, version: number, input: Record<string, unknown> | ConsultationInput) =>
      call<Consultation>(`/tenants/${enc(tenantId)}/consultations/${enc(id)}`, { method: 'PUT', body: { ...input, version } }),
    changeConsultationStage: (tenantId: string, id: string, stage: ConsultationStage, version: number) =>
      call<Consultation>(`/tenants/${enc(tenantId)}/consultations/${enc(id)}/stage`, { method: 'POST', body: { stage, version } }),
    logConversation: (tenantId: string, id: string, input: Record<string, unknown> | ConversationInput, idempotencyKey: string) =>
      call<Conversation>(`/tenants/${enc(tenantId)}/consultations/${enc(id)}/conversations`, { method: 'POST', body: input, idempotencyKey }),

    // Surveys: officers
    surveys: (tenantId: string) => call<SurveyWithStatus[]>(`/tenants/${enc(tenantId)}/surveys`),
    survey: (tenantId: string, surveyId: string) => call<SurveyWithStatus>(`/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}`),
    createSurvey: (tenantId: string, input: Record<string, unknown> | SurveyInput, idempotencyKey: string) =>
      call<Survey>(`/tenants/${enc(tenantId)}/surveys`, { method: 'POST', body: input, idempotencyKey }),
    updateSurvey: (tenantId: string, surveyId: string, version: number, input: Record<string, unknown> | SurveyInput) =>
      call<Survey>(`/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}`, { method: 'PUT', body: { ...input, version } }),
    publishSurvey: (tenantId: string, surveyId: string, version: number) =>
      call<Survey>(`/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}/publish`, { method: 'POST', body: { version } }),
    closeSurvey: (tenantId: string, surveyId: string, version: number) =>
      call<Survey>(`/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}/close`, { method: 'POST', body: { version } }),
    inviteToSurvey: (tenantId: string, surveyId: string, input: Record<string, unknown> | InviteInput, idempotencyKey: string) =>
      call<InviteResult>(`/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}/invitations`, { method: 'POST', body: input, idempotencyKey }),
    invitationStats: (tenantId: string, surveyId: string) => call<InvitationStats>(`/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}/invitations`),
    surveyResults: (tenantId: string, surveyId: string, filter: ResultsQuery = {}) =>
      call<SurveyResults>(`/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}/results`, { query: { ...filter } }),
    textAnswers: (tenantId: string, surveyId: string, questionId: string, page: { cursor?: string; search?: string; limit?: number } = {}) =>
      call<{ items: TextAnswer[]; next?: string; read: number }>(`/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}/questions/${enc(questionId)}/answers`, {
        query: page,
      }),
    surveyResponses: (tenantId: string, surveyId: string, page: { cursor?: string; limit?: number } = {}) =>
      call<{ items: StoredResponse[]; next?: string }>(`/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}/responses-export`, { method: 'POST', body: page }),
    startEntry: (tenantId: string, surveyId: string, input: Record<string, unknown> | AssistedDraftInput) =>
      call<{ token: string }>(`/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}/entries`, { method: 'POST', body: input }),

    // Feedback triage (officers); flagged comments (the safeguarding contact only)
    feedbackQueue: (tenantId: string, filter: Partial<Record<keyof TriageFilter, string | number>> = {}) =>
      call<{ items: FeedbackView[]; next?: string; counts: TriageCounts }>(`/tenants/${enc(tenantId)}/feedback`, { query: filter }),
    feedback: (tenantId: string, id: string) => call<FeedbackView>(`/tenants/${enc(tenantId)}/feedback/${enc(id)}`),
    setFeedbackTags: (tenantId: string, id: string, input: Record<string, unknown> | TagInput) =>
      call<FeedbackView>(`/tenants/${enc(tenantId)}/feedback/${enc(id)}/tags`, { method: 'PUT', body: input }),
    setFeedbackStatus: (tenantId: string, id: string, version: number, status: 'new' | 'reviewed' | 'not-relevant') =>
      call<FeedbackView>(`/tenants/${enc(tenantId)}/feedback/${enc(id)}/status`, { method: 'POST', body: { version, status } }),
    flagSafeguarding: (tenantId: string, id: string, version: number, reason: string) =>
      call<void>(`/tenants/${enc(tenantId)}/feedback/${enc(id)}/safeguarding`, { method: 'POST', body: { version, reason } }),
    eraseFeedback: (tenantId: string, id: string, version: number, reason: string) =>
      call<void>(`/tenants/${enc(tenantId)}/feedback/${enc(id)}/erase`, { method: 'POST', body: { version, reason } }),
    bulkFeedback: (tenantId: string, input: Record<string, unknown> | BulkInput) => call<BulkResult>(`/tenants/${enc(tenantId)}/feedback-bulk`, { method: 'POST', body: input }),
    safeguarding: (tenantId: string) => call<{ items: SafeguardingItem[] }>(`/tenants/${enc(tenantId)}/safeguarding`),
    handleSafeguarding: (tenantId: string, id: string, version: number, note: string) =>
      call<void>(`/tenants/${enc(tenantId)}/safeguarding/${enc(id)}/handled`, { method: 'POST', body: { version, note } }),

    // Themes
    themes: (tenantId: string) => call<{ items: ThemeSummary[] }>(`/tenants/${enc(tenantId)}/themes`),
    theme: (tenantId: string, id: string) => call<{ theme: ThemeSummary; comments: FeedbackView[] }>(`/tenants/${enc(tenantId)}/themes/${enc(id)}`),
    createTheme: (tenantId: string, input: Record<string, unknown>, idempotencyKey: string) =>
      call<Theme>(`/tenants/${enc(tenantId)}/themes`, { method: 'POST', body: input, idempotencyKey }),
    updateTheme: (tenantId: string, id: string, version: number, input: Record<string, unknown>) =>
      call<Theme>(`/tenants/${enc(tenantId)}/themes/${enc(id)}`, { method: 'PUT', body: { ...input, version } }),
    splitTheme: (tenantId: string, id: string, input: Record<string, unknown>, idempotencyKey: string) =>
      call<Theme>(`/tenants/${enc(tenantId)}/themes/${enc(id)}/split`, { method: 'POST', body: input, idempotencyKey }),
    mergeTheme: (tenantId: string, id: string, version: number, intoThemeId: string) =>
      call<Theme>(`/tenants/${enc(tenantId)}/themes/${enc(id)}/merge`, { method: 'POST', body: { version, intoThemeId } }),

    // "You said, we did" actions (officers)
    actions: (tenantId: string, page: { cursor?: string; limit?: number } = {}) => call<Page<Action>>(`/tenants/${enc(tenantId)}/actions`, { query: page }),
    action: (tenantId: string, id: string) => call<{ action: Action; findings: Finding[] }>(`/tenants/${enc(tenantId)}/actions/${enc(id)}`),
    createAction: (tenantId: string, input: Record<string, unknown> | ActionInput, idempotencyKey: string) =>
      call<Action>(`/tenants/${enc(tenantId)}/actions`, { method: 'POST', body: input, idempotencyKey }),
    updateAction: (tenantId: string, id: string, version: number, input: Record<string, unknown> | ActionInput) =>
      call<Action>(`/tenants/${enc(tenantId)}/actions/${enc(id)}`, { method: 'PUT', body: { ...input, version } }),
    submitAction: (tenantId: string, id: string, version: number, confirmed: string[]) =>
      call<Action>(`/tenants/${enc(tenantId)}/actions/${enc(id)}/submit`, { method: 'POST', body: { version, confirmed } }),
    returnAction: (tenantId: string, id: string, version: number, reason: string) =>
      call<Action>(`/tenants/${enc(tenantId)}/actions/${enc(id)}/return`, { method: 'POST', body: { version, reason } }),
    approveAction: (tenantId: string, id: string, version: number) => call<Action>(`/tenants/${enc(tenantId)}/actions/${enc(id)}/approve`, { method: 'POST', body: { version } }),

    // Partnership insight (partners, officers, admins): aggregates only, every count about people changed by the API's cell key method
    insightOverview: (tenantId: string, query: InsightParams = {}) => call<InsightOverview>(`/tenants/${enc(tenantId)}/insight/overview`, { query }),
    insightHeatmap: (tenantId: string, query: InsightParams = {}) => call<InsightHeatmap>(`/tenants/${enc(tenantId)}/insight/heatmap`, { query }),
    insightVoice: (tenantId: string, query: InsightParams = {}) => call<InsightVoice>(`/tenants/${enc(tenantId)}/insight/voice`, { query }),
    insightThemes: (tenantId: string, query: InsightParams = {}) => call<InsightThemes>(`/tenants/${enc(tenantId)}/insight/themes`, { query }),
    insightTheme: (tenantId: string, themeId: string, query: InsightParams = {}) =>
      call<InsightThemeDetail>(`/tenants/${enc(tenantId)}/insight/themes/${enc(themeId)}`, { query }),
    insightTrends: (tenantId: string, query: InsightParams = {}) => call<InsightTrends>(`/tenants/${enc(tenantId)}/insight/trends`, { query }),
    /** An officer chooses the words partners see from a comment in a theme; empty text takes the quote away. */
    setFeedbackQuote: (tenantId: string, id: string, version: number, text: string) =>
      call<FeedbackView>(`/tenants/${enc(tenantId)}/feedback/${enc(id)}/quote`, { method: 'PUT', body: { version, text } }),
    approveQuote: (tenantId: string, id: string, version: number) => call<FeedbackView>(`/tenants/${enc(tenantId)}/feedback/${enc(id)}/quote/approve`, { method: 'POST', body: { version } }),
    returnQuote: (tenantId: string, id: string, version: number, reason: string) =>
      call<FeedbackView>(`/tenants/${enc(tenantId)}/feedback/${enc(id)}/quote/return`, { method: 'POST', body: { version, reason } }),
    waitingQuotes: (tenantId: string) => call<{ items: WaitingQuote[] }>(`/tenants/${enc(tenantId)}/quotes-waiting`),

    // The public "you said, we did" log
    publicLog: (tenantId: string, filter: Partial<Record<keyof LogFilter, string | number>> = {}) => call<LogPage>(`/tenants/${enc(tenantId)}/public/log`, { query: filter }),
    publicAction: (tenantId: string, id: string) => call<PublicAction>(`/tenants/${enc(tenantId)}/public/log/${enc(id)}`),
    unsubscribe: (tenantId: string, token: string) => call<void>(`/tenants/${enc(tenantId)}/membership/unsubscribe`, { method: 'POST', body: { token } }),
  };
}

/** A flagged comment as the safeguarding contact sees it. */
export type SafeguardingItem = Omit<FeedbackView, 'suggestions'> & { flag?: { by: string; at: string; reason: string; handled?: { by: string; at: string; note: string } } };

export type SurveyWithStatus = Survey & { effectiveStatus: SurveyStatus };

/**
 * Answering a survey through a draft: a parent's (public routes, the token from their cookie or
 * invitation) or an officer entering a paper form (staff routes, their session as well).
 */
export function draftApi(tenantId: string, surveyId: string, token: string, staff?: Session | null) {
  const base = staff ? `/tenants/${enc(tenantId)}/surveys/${enc(surveyId)}/entry` : `/tenants/${enc(tenantId)}/public/surveys/${enc(surveyId)}/draft`;
  const call = <T>(path: string, options: RequestOptions = {}) => request<T>(base + path, { ...options, surveyDraft: token, token: staff?.idToken });
  return {
    get: () => call<DraftView>(''),
    saveSection: (sectionId: string, answers: Record<string, unknown>) =>
      call<{ next: string | null }>(`/sections/${enc(sectionId)}`, { method: 'PUT', body: { answers } }),
    submit: () => call<SubmitResult>('/submit', { method: 'POST', body: {} }),
    emailResumeLink: (email: string) => call<{ sent: true }>('/resume-link', { method: 'POST', body: { email } }),
  };
}

/** The insight routes' query string: the fields of insightQuery, as strings or numbers. */
export type InsightParams = Partial<Record<keyof InsightQuery, string | number>>;

export interface MemberFilterQuery {
  status?: MemberStatus;
  hubId?: string;
  q?: string;
  notInvolvedSince?: string;
}

export type { MemberSessionGrant, MyData, MyInvitation, MyMembership, Participation } from '@pv/shared/panel.schema';

/** The API as a panel member sees it, through the session a link in their email opened. */
export function memberApi(tenantId: string, memberSession: string) {
  const base = `/tenants/${enc(tenantId)}/me`;
  const call = <T>(path: string, options: RequestOptions = {}) => request<T>(base + path, { ...options, memberSession });
  return {
    membership: () => call<MyMembership>(''),
    updateDetails: (input: Record<string, unknown> | MemberDetailsInput) => call<MyMembership['member']>('', { method: 'PUT', body: input }),
    profile: () => call<{ answers?: ProfileAnswers; wordingVersion?: string; updatedAt?: string }>('/profile'),
    saveProfile: (input: Record<string, unknown> | ProfileInput) => call<void>('/profile', { method: 'PUT', body: input }),
    withdrawProfile: () => call<void>('/profile', { method: 'DELETE' }),
    data: () => call<MyData>('/data'),
    leave: () => call<void>('/leave', { method: 'POST', body: {} }),
    erase: () => call<void>('/erase', { method: 'POST', body: {} }),
    signOut: () => call<void>('/sign-out', { method: 'POST', body: {} }),
    reply: (meetingId: string, input: Record<string, unknown> | MeetingReplyInput) =>
      call<void>(`/meetings/${enc(meetingId)}/reply`, { method: 'PUT', body: input }),
  };
}
