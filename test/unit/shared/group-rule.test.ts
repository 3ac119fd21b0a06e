import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupRule, matchesRule, ruleFields, type RuleField } from '@pv/shared/group-rule';

const dads = groupRule.parse({ conditions: [{ field: 'profile.parentRole', operator: 'in', values: ['dad', 'partner', 'co-parent'] }] });
const lowIncome = groupRule.parse({ conditions: [{ field: 'hub.deprivationDecile', operator: 'at-most', values: ['2'] }] });
const digitallyExcluded = groupRule.parse({
  conditions: [
    { field: 'response.channel', operator: 'in', values: ['paper', 'phone', 'event'] },
    { field: 'profile.digitalAccess', operator: 'in', values: ['limited', 'none'] },
  ],
});

describe('deciding who is in a group', () => {
  it('matches a profile answer that is one of the listed values', () => {
    expect(matchesRule(dads, { profile: { parentRole: 'dad' } })).toBe(true);
    expect(matchesRule(dads, { profile: { parentRole: 'mum' } })).toBe(false);
  });

  it('never counts "prefer not to say" or a missing answer as a match, even for "is none of"', () => {
    const minority = groupRule.parse({ conditions: [{ field: 'profile.ethnicity', operator: 'not-in', values: ['white-british'] }] });
    expect(matchesRule(minority, { profile: { ethnicity: 'prefer-not-to-say' } })).toBe(false);
    expect(matchesRule(minority, { profile: {} })).toBe(false);
    // A blank free-text answer (main language left empty) is not an answer either.
    const otherLanguage = groupRule.parse({ conditions: [{ field: 'profile.mainLanguage', operator: 'not-in', values: ['english'] }] });
    expect(matchesRule(otherLanguage, { profile: { mainLanguage: '' } })).toBe(false);
    expect(matchesRule(minority, { profile: { ethnicity: 'black-african' } })).toBe(true);
  });

  it("uses the hub's attributes", () => {
    expect(matchesRule(lowIncome, { hub: { rural: false, deprivationDecile: 1 } })).toBe(true);
    expect(matchesRule(lowIncome, { hub: { rural: false, deprivationDecile: 2 } })).toBe(true);
    expect(matchesRule(lowIncome, { hub: { rural: false, deprivationDecile: 3 } })).toBe(false);
  });

  it('matches when any one of several conditions holds', () => {
    expect(matchesRule(digitallyExcluded, { response: { channel: 'paper' } })).toBe(true);
    expect(matchesRule(digitallyExcluded, { response: { channel: 'online' }, profile: { digitalAccess: 'limited' } })).toBe(true);
    expect(matchesRule(digitallyExcluded, { response: { channel: 'online' }, profile: { digitalAccess: 'good' } })).toBe(false);
  });

  it('compares free-text answers without case', () => {
    const otherLanguages = groupRule.parse({ conditions: [{ field: 'profile.mainLanguage', operator: 'not-in', values: ['English'] }] });
    expect(matchesRule(otherLanguages, { profile: { mainLanguage: 'ENGLISH' } })).toBe(false);
    expect(matchesRule(otherLanguages, { profile: { mainLanguage: 'Polish' } })).toBe(true);
  });
});

describe('checking a group rule', () => {
  it('explains an answer that the profile question does not have', () => {
    const result = groupRule.safeParse({ conditions: [{ field: 'profile.parentRole', operator: 'in', values: ['father'] }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('"father" is not an answer to "Role (profile)". Use: mum, dad, partner, co-parent, adoptive-parent, kinship-carer, foster-carer, other');
  });

  it('refuses a comparison that does not fit the field', () => {
    const result = groupRule.safeParse({ conditions: [{ field: 'hub.rural', operator: 'at-most', values: ['true'] }] });
    expect(result.success).toBe(false);
  });

  it('refuses no conditions and more than three', () => {
    expect(groupRule.safeParse({ conditions: [] }).success).toBe(false);
    const c = { field: 'profile.lgbt', operator: 'is', values: ['yes'] };
    expect(groupRule.safeParse({ conditions: [c, c, c, c] }).success).toBe(false);
  });

  it('accepts every allowed value of every enumerated field (property)', () => {
    const enumerated = (Object.entries(ruleFields) as [RuleField, { values?: readonly string[]; operators: readonly string[] }][]).filter(
      ([, spec]) => spec.values,
    );
    fc.assert(
      fc.property(fc.constantFrom(...enumerated), fc.nat(), ([field, spec], n) => {
        const operator = spec.operators[n % spec.operators.length]!;
        const value = spec.values![n % spec.values!.length]!;
        return groupRule.safeParse({ conditions: [{ field, operator, values: [value] }] }).success;
      }),
    );
  });
});
