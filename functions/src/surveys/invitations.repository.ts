import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryAll, tableName, withoutKeys, type TransactItem } from '../platform/dynamodb.ts';
import { surveyKeys as keys } from './surveys.keys.ts';

/** A survey invitation as stored: one per member, in the survey's INVITE partition. */
export interface InvitationItem {
  panelId: string;
  memberId: string;
  networkId: string;
  hubId?: string;
  /** The secret that names this invitation's draft (the links map to it). */
  draftKey: string;
  invitedAt: string;
  remindedAt?: string;
  answeredAt?: string;
}

/** The STATS item keeps one count per panel and kind: `inv_<p>` invited, `ans_<p>` answered. */
type StatsKind = 'inv' | 'ans';
const statsAttribute = (what: StatsKind, panelId: string) => `${what}_${panelId}`;

export async function getInvitation(tenantId: string, surveyId: string, panelId: string, memberId: string): Promise<InvitationItem | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.invite(tenantId, surveyId, panelId, memberId), ConsistentRead: true }));
  return Item ? withoutKeys<InvitationItem>(Item) : undefined;
}

/** Every invitation of a survey. */
export async function listInvitations(tenantId: string, surveyId: string): Promise<InvitationItem[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': keys.invitesPartition(tenantId, surveyId), ':sk': keys.invitePrefix },
  });
  return items.map((i) => withoutKeys<InvitationItem>(i));
}

/** A new invitation; fails its condition if this member was invited already. */
export function invitationPut(tenantId: string, surveyId: string, invitation: InvitationItem): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.invite(tenantId, surveyId, invitation.panelId, invitation.memberId), type: 'survey-invite', tenantId, ...invitation },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** A reminder sent; fails its condition once the invitation is answered. */
export function invitationReminded(tenantId: string, surveyId: string, panelId: string, memberId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.invite(tenantId, surveyId, panelId, memberId),
      UpdateExpression: 'SET remindedAt = :now',
      ConditionExpression: 'attribute_not_exists(answeredAt)',
      ExpressionAttributeValues: { ':now': at },
    },
  };
}

/** The invitation answered; fails its condition if it is missing or answered already. */
export function invitationAnswered(tenantId: string, surveyId: string, panelId: string, memberId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.invite(tenantId, surveyId, panelId, memberId),
      UpdateExpression: 'SET answeredAt = :at',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(answeredAt)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}

/** Adds one to a panel's invited (`inv`) or answered (`ans`) count. */
export function statsUpdate(tenantId: string, surveyId: string, what: StatsKind, panelId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.inviteStats(tenantId, surveyId),
      UpdateExpression: 'SET #type = :type ADD #a :one',
      ExpressionAttributeNames: { '#type': 'type', '#a': statsAttribute(what, panelId) },
      ExpressionAttributeValues: { ':type': 'survey-invite-stats', ':one': 1 },
    },
  };
}

/** A survey's invited and answered counts, per panel (0 for a panel never invited). */
export async function readInvitationStats(tenantId: string, surveyId: string): Promise<{ invited: (panelId: string) => number; answered: (panelId: string) => number }> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.inviteStats(tenantId, surveyId) }));
  const item = Item ?? {};
  return {
    invited: (panelId) => Number(item[statsAttribute('inv', panelId)] ?? 0),
    answered: (panelId) => Number(item[statsAttribute('ans', panelId)] ?? 0),
  };
}
