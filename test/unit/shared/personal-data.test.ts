import { describe, expect, it } from 'vitest';
import { findPersonalData, isNhsNumber, unconfirmed } from '@pv/shared/personal-data';

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

/**
 * Issue 14 §6: what parents really write. Each line is a quote an officer might choose; the kinds
 * are what the check must find (empty: nothing — a false alarm costs officers time and trust).
 */
const table: [text: string, kinds: string[]][] = [
  // The five the old check let through.
  ['My health visitor Sarah at Warsop was brilliant', ['first-name']],
  ['Dr Patel at Kings Mill listened to us', ['titled-name']],
  ['my son Alfie loves the park near Eakring Road', ['child-name', 'address']],
  ['I was the only dad at the Tuesday group in Cotgrave', ['description']],
  ['His NHS number is 943 476 5919 if you need it', ['nhs-number']],
  // More that must be found.
  ['NHS no. 9434765919', ['nhs-number']],
  ['nhs 943-476-5919', ['nhs-number']],
  ['We live at 12 Church Lane and the bus never comes', ['address']],
  ['It is on Station Road opposite the chip shop', ['address']],
  ['Mrs Johnson on reception is always rude', ['titled-name']],
  ['Ask Mr. Khan, he knows', ['titled-name']],
  ['Miss Hughes at nursery spotted it', ['titled-name']],
  ['My daughter Poppy was born on 3 March 2024', ['child-name', 'birth-date']],
  ['DOB 03/03/2024, still no appointment', ['birth-date']],
  ['date of birth: 14th June 2023', ['birth-date']],
  ['She was born in May 2025 and we waited months', ['birth-date']],
  ['my twins Leo and Isla go to the stay and play', ['child-name', 'child-name']],
  ['My little one, Freddie, cried the whole time', ['child-name']],
  ['Thank you to Hannah and Priya at the hub', ['first-name', 'first-name']],
  ['Kayleigh the breastfeeding peer supporter saved me', ['first-name']],
  ['the only mum in a headscarf at Ollerton baby group', ['description']],
  ['I am the one grandad from Ravenshead who comes every week', ['description']],
  ['email me on jo@example.com', ['email']],
  ['ring 07700 900123', ['phone']],
  ['we are in NG18 1AB', ['postcode']],
  // Must not be flagged.
  ['We went to the Family Hub on Monday', []],
  ['Tuesday group was great', []],
  ['The health visitor was kind', []],
  ['Will there be more sessions in the summer holidays?', []],
  ['Hope the hub stays open. Grace period for forms would help', []],
  ['May we have a ramp for buggies please', []],
  ['Mark my words, families will stop coming', []],
  ['One parent at the group said it was too far', []],
  ['Only one session a week is not enough', []],
  ['The number to ring was 0800 111 999 and nobody answered', ['phone']],
  ['We waited 12 weeks for a speech and language referral', []],
  ['Our ref is 1234567890 on the letter', []], // ten digits failing the NHS check
  ['The bus from Mansfield to Warsop takes an hour', []],
  ['Sure Start in Kirkby used to be great', []],
  ['Stay and Play at Sutton is the best thing', []],
  ['I had no help with feeding in the first 6 weeks', []],
  ['The Healthy Child Programme leaflet was confusing', []],
  ['The car park at the hub is always full', []],
  ['Reading the Start for Life website helped', []],
];

describe('the personal-data check: what parents really write (issue 14 §6)', () => {
  it.each(table)('%s', (text, kinds) => {
    expect(findPersonalData(text).map((f) => f.kind).sort()).toEqual([...kinds].sort());
  });

  it('scores the whole table: no finding missed, no false alarm', () => {
    let missed = 0;
    let falseAlarms = 0;
    for (const [text, kinds] of table) {
      const found: string[] = findPersonalData(text).map((f) => f.kind);
      missed += kinds.filter((k) => !found.includes(k)).length;
      falseAlarms += found.filter((k) => !kinds.includes(k)).length;
    }
    expect({ lines: table.length, missed, falseAlarms }).toEqual({ lines: table.length, missed: 0, falseAlarms: 0 });
    expect(table.length).toBeGreaterThanOrEqual(40);
  });

  it('checks NHS numbers with the modulus 11 rule', () => {
    expect(isNhsNumber('9434765919')).toBe(true);
    expect(isNhsNumber('4010232137')).toBe(true);
    expect(isNhsNumber('9434765918')).toBe(false);
    expect(isNhsNumber('0000000000')).toBe(false);
    expect(isNhsNumber('943476591')).toBe(false);
  });

  it('marks a description that could pick someone out as a warning, and everything else not', () => {
    const findings = findPersonalData('I was the only dad at the Tuesday group in Cotgrave, ask Dr Patel');
    expect(findings.find((f) => f.kind === 'description')?.warning).toBe(true);
    expect(findings.find((f) => f.kind === 'titled-name')?.warning).toBeUndefined();
  });
});
