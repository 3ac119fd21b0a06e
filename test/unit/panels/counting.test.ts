import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countDelta, notCounted } from '../../../functions/src/representation/representation.repository.ts';
import { postcodeDistrict } from '@pv/shared/panel.schema';

describe('what a change does to the counters', () => {
  const same = (k: number) => ({ before: k, after: k });

  it('adds a member, their answers and their groups, each with their record key beside the count, when they become active', () => {
    expect(Object.fromEntries(countDelta(notCounted, { active: true, answered: true, groups: ['dads', 'rural'] }, { before: 0, after: 37 }))).toEqual({
      MEMBERS: 1,
      'MEMBERS~k': 37,
      ANSWERED: 1,
      'ANSWERED~k': 37,
      'GROUP#dads': 1,
      'GROUP#dads~k': 37,
      'GROUP#rural': 1,
      'GROUP#rural~k': 37,
    });
  });

  it('moves only the groups that changed, by the same key that put them there', () => {
    const before = { active: true, answered: true, groups: ['dads', 'rural'] };
    expect(Object.fromEntries(countDelta(before, { active: true, answered: true, groups: ['rural', 'lgbt'] }, same(200)))).toEqual({
      'GROUP#dads': -1,
      'GROUP#dads~k': -200,
      'GROUP#lgbt': 1,
      'GROUP#lgbt~k': 200,
    });
  });

  it('takes everything away when a member leaves, and nothing for someone never counted', () => {
    expect(Object.fromEntries(countDelta({ active: true, answered: false, groups: ['rural'] }, notCounted, same(9)))).toEqual({
      MEMBERS: -1,
      'MEMBERS~k': -9,
      'GROUP#rural': -1,
      'GROUP#rural~k': -9,
    });
    expect(countDelta(notCounted, { active: false, answered: true, groups: ['x'] }, same(9)).size).toBe(0);
  });

  it('moves only the key sums of a member counted before record keys existed, when they are given one', () => {
    const state = { active: true, answered: false, groups: ['rural'] };
    expect(Object.fromEntries(countDelta(state, state, { before: 0, after: 120 }))).toEqual({ 'MEMBERS~k': 120, 'GROUP#rural~k': 120 });
  });

  it('leaves the counters as they were after joining and leaving again, whatever the key', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.boolean(), fc.subarray(['dads', 'rural', 'lgbt', 'send']), (key, answered, groups) => {
        const state = { active: true, answered, groups };
        const total = new Map<string, number>();
        for (const d of [countDelta(notCounted, state, same(key)), countDelta(state, notCounted, same(key))]) {
          for (const [name, by] of d) total.set(name, (total.get(name) ?? 0) + by);
        }
        expect([...total.values()].every((v) => v === 0)).toBe(true);
      }),
    );
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
