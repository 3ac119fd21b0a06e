import * as z from 'zod';

/**
 * How membership of an under-represented group is decided: any one of up to three conditions over a
 * person's self-described profile answers, the hub they belong to, or how a response was given.
 * Evaluated by groupsFor(); never typed in by hand for a named person.
 */

export const parentRoles = ['mum', 'dad', 'partner', 'co-parent', 'adoptive-parent', 'kinship-carer', 'foster-carer', 'other'] as const;
export const ageBands = ['under-20', '20-24', '25-34', '35-44', '45-plus'] as const;
/** ONS Census 2021 ethnic groups (England and Wales, 19 categories). */
export const ethnicities = [
  'asian-bangladeshi', 'asian-chinese', 'asian-indian', 'asian-pakistani', 'asian-other',
  'black-african', 'black-caribbean', 'black-other',
  'mixed-white-asian', 'mixed-white-black-african', 'mixed-white-black-caribbean', 'mixed-other',
  'white-british', 'white-irish', 'white-gypsy-irish-traveller', 'white-roma', 'white-other',
  'other-arab', 'other-any',
] as const;
export const yesNo = ['yes', 'no'] as const;
export const digitalAccessLevels = ['good', 'limited', 'none'] as const;
export const channels = ['online', 'paper', 'phone', 'event'] as const;

interface FieldSpec {
  label: string;
  /** Allowed answers; undefined means free text (compared without case). */
  values?: readonly string[];
  operators: readonly Operator[];
}

export const operators = ['in', 'not-in', 'is', 'at-most', 'at-least'] as const;
export type Operator = (typeof operators)[number];

export const operatorLabels: Record<Operator, string> = {
  in: 'is one of',
  'not-in': 'is none of',
  is: 'is',
  'at-most': 'is at most',
  'at-least': 'is at least',
};

export const ruleFields = {
  'profile.parentRole': { label: 'Role (profile)', values: parentRoles, operators: ['in', 'not-in'] },
  'profile.ageBand': { label: 'Age band (profile)', values: ageBands, operators: ['in', 'not-in'] },
  'profile.ethnicity': { label: 'Ethnic group (profile)', values: ethnicities, operators: ['in', 'not-in'] },
  'profile.lgbt': { label: 'LGBT+ (profile)', values: yesNo, operators: ['is'] },
  'profile.disability': { label: 'Disability (profile)', values: yesNo, operators: ['is'] },
  'profile.childSend': { label: 'Child with SEND (profile)', values: yesNo, operators: ['is'] },
  'profile.neurodiverse': { label: 'Neuro-diverse child (profile)', values: yesNo, operators: ['is'] },
  'profile.mainLanguage': { label: 'Main language (profile)', operators: ['in', 'not-in'] },
  'profile.neonatal': { label: 'Baby in neonatal care (profile)', values: yesNo, operators: ['is'] },
  'profile.digitalAccess': { label: 'Digital access (profile)', values: digitalAccessLevels, operators: ['in', 'not-in'] },
  'hub.rural': { label: 'Hub is rural', values: ['true', 'false'], operators: ['is'] },
  'hub.deprivationDecile': {
    label: 'Hub deprivation decile (1 = most deprived)',
    values: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
    operators: ['at-most', 'at-least', 'is'],
  },
  'response.channel': { label: 'How the response was given', values: channels, operators: ['in', 'not-in'] },
} as const satisfies Record<string, FieldSpec>;

export type RuleField = keyof typeof ruleFields;
export const ruleFieldNames = Object.keys(ruleFields) as RuleField[];

export const ruleCondition = z
  .object({
    field: z.enum(ruleFieldNames as [RuleField, ...RuleField[]], { error: 'Choose what the condition looks at' }),
    operator: z.enum(operators, { error: 'Choose how to compare' }),
    values: z
      .array(z.string().trim().toLowerCase().min(1).max(60, { error: 'Each value must be 60 characters or fewer' }))
      .min(1, { error: 'Enter at least one value' })
      .max(20, { error: 'Enter 20 values or fewer' }),
  })
  .superRefine((c, ctx) => {
    const spec: FieldSpec = ruleFields[c.field];
    if (!spec.operators.includes(c.operator)) {
      ctx.addIssue({
        code: 'custom',
        path: ['operator'],
        message: `"${spec.label}" can only be compared with: ${spec.operators.map((o) => operatorLabels[o]).join(', ')}`,
      });
    }
    if ((c.operator === 'is' || c.operator === 'at-most' || c.operator === 'at-least') && c.values.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'Enter exactly one value for this comparison' });
    }
    if (spec.values) {
      const unknown = c.values.filter((v) => !spec.values!.includes(v));
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['values'],
          message: `"${unknown[0]}" is not an answer to "${spec.label}". Use: ${spec.values.join(', ')}`,
        });
      }
    }
  });

export const groupRule = z.object({
  conditions: z.array(ruleCondition).min(1, { error: 'Add at least one condition' }).max(3, { error: 'Use 3 conditions or fewer' }),
});

export type RuleCondition = z.infer<typeof ruleCondition>;
export type GroupRule = z.infer<typeof groupRule>;

export interface GroupFacts {
  profile?: Partial<Record<string, string>>;
  hub?: { rural: boolean; deprivationDecile?: number };
  response?: { channel: string };
}

function factFor(field: RuleField, facts: GroupFacts): string | undefined {
  const [subject, name] = field.split('.') as [string, string];
  if (subject === 'profile') return facts.profile?.[name]?.toLowerCase();
  if (subject === 'hub') {
    if (!facts.hub) return undefined;
    if (name === 'rural') return String(facts.hub.rural);
    return facts.hub.deprivationDecile === undefined ? undefined : String(facts.hub.deprivationDecile);
  }
  return facts.response?.channel;
}

/** True when any condition holds. A missing fact (unanswered, left blank, "prefer not to say") never matches. */
export function matchesRule(rule: GroupRule, facts: GroupFacts): boolean {
  return rule.conditions.some((c) => {
    const fact = factFor(c.field, facts);
    if (fact === undefined || fact === '' || fact === 'prefer-not-to-say') return false;
    switch (c.operator) {
      case 'in':
      case 'is':
        return c.values.includes(fact);
      case 'not-in':
        return !c.values.includes(fact);
      case 'at-most':
        return Number(fact) <= Number(c.values[0]);
      case 'at-least':
        return Number(fact) >= Number(c.values[0]);
    }
  });
}

export function describeRule(rule: GroupRule): string {
  return rule.conditions
    .map((c) => `${ruleFields[c.field].label} ${operatorLabels[c.operator]} ${c.values.join(', ')}`)
    .join(' — or — ');
}
