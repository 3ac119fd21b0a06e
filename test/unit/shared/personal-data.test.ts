import { describe, expect, it } from 'vitest';
import { findPersonalData, unconfirmed } from '@pv/shared/personal-data';

describe('the personal-data check', () => {
  it('finds emails, UK phone numbers, full postcodes and members’ names', () => {
    const text = 'Jo Bloggs (jo.bloggs@example.com, 07700 900123 or +44 115 496 0000) lives at NG18 1AB. Ask Bloggs.';
    const kinds = findPersonalData(text, ['Jo Bloggs', 'Grace Hill']).map((f) => `${f.kind}:${f.match}`);
    expect(kinds).toEqual(expect.arrayContaining(['email:jo.bloggs@example.com', 'phone:07700 900123', 'phone:+44 115 496 0000', 'postcode:NG18 1AB', 'name:Jo Bloggs', 'name:Bloggs']));
  });

  it('does not flag ordinary words, districts or dates', () => {
    expect(findPersonalData('A grace period for families in NG18 from 2026-11-30; 12 parents came.', ['Grace Hill'])).toEqual([]);
  });

  it('lets an officer confirm a finding by its key', () => {
    const findings = findPersonalData('Call Mansfield on 01623 000000', []);
    expect(findings).toHaveLength(1);
    expect(unconfirmed(findings, [findings[0]!.key])).toEqual([]);
  });
});
