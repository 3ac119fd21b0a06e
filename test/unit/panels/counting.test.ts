import { describe, expect, it } from 'vitest';
import { countDelta, notCounted } from '../../../functions/src/representation/representation.repository.ts';
import { postcodeDistrict } from '@pv/shared/panel.schema';

describe('what a change does to the counters', () => {
  it('adds a member, their answers and their groups when they become active', () => {
    expect(Object.fromEntries(countDelta(notCounted, { active: true, answered: true, groups: ['dads', 'rural'] }))).toEqual({
      MEMBERS: 1,
      ANSWERED: 1,
      'GROUP#dads': 1,
      'GROUP#rural': 1,
    });
  });

  it('moves only the groups that changed', () => {
    const before = { active: true, answered: true, groups: ['dads', 'rural'] };
    expect(Object.fromEntries(countDelta(before, { active: true, answered: true, groups: ['rural', 'lgbt'] }))).toEqual({ 'GROUP#dads': -1, 'GROUP#lgbt': 1 });
  });

  it('takes everything away when a member leaves, and nothing for someone never counted', () => {
    expect(Object.fromEntries(countDelta({ active: true, answered: false, groups: ['rural'] }, notCounted))).toEqual({ MEMBERS: -1, 'GROUP#rural': -1 });
    expect(countDelta(notCounted, { active: false, answered: true, groups: ['x'] }).size).toBe(0);
  });
});

describe('reading a postcode district', () => {
  it.each([
    ['NG18 2AB', 'NG18'],
    ['ng182ab', 'NG18'],
    ['ng18', 'NG18'],
    ['LE11 3TU', 'LE11'],
    ['S80', 'S80'],
    ['EC1A 1BB', 'EC1A'],
    ['hello', undefined],
    ['', undefined],
    ['NG18 2AB 7', undefined],
  ])('%s → %s', (input, district) => {
    expect(postcodeDistrict(input)).toBe(district);
  });
});
