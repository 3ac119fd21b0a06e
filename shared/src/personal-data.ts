/**
 * Finds what looks like personal data in text meant for the public ("you said, we did"): email
 * addresses, UK phone numbers, full UK postcodes, and the names of the partnership's panel members.
 * It is a check for an officer to act on, not a guarantee: each finding must be fixed or confirmed
 * ("that's the name of a hub, not a person") before an action can be published.
 */

export type FindingKind = 'email' | 'phone' | 'postcode' | 'name';

export interface Finding {
  kind: FindingKind;
  /** The text as it appears. */
  match: string;
  /** A stable key an officer confirms: kind and the lower-case match. */
  key: string;
}

export const findingLabels: Record<FindingKind, string> = {
  email: 'an email address',
  phone: 'a phone number',
  postcode: 'a full postcode',
  name: 'the name of a panel member',
};

const EMAIL = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g;
// 07xxx xxxxxx, 01xxx xxxxxx, 020 xxxx xxxx, +44 7xxx xxxxxx, with spaces, dots or dashes.
const PHONE = /(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)(?:\d[\s.-]?){9,10}(?!\d)/g;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi;

function finding(kind: FindingKind, match: string): Finding {
  const text = match.trim();
  return { kind, match: text, key: `${kind}:${text.toLowerCase().replace(/\s+/g, ' ')}` };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `names` are members' names ("Aisha Khan"). A full name matches in any case; a first or last name
 * on its own matches only when written with a capital (so "grace period" is not "Grace"), and only
 * when it is at least three letters long.
 */
export function findPersonalData(text: string, names: string[] = []): Finding[] {
  const found = new Map<string, Finding>();
  const add = (f: Finding) => found.has(f.key) || found.set(f.key, f);
  for (const m of text.matchAll(EMAIL)) add(finding('email', m[0]));
  const withoutEmails = text.replace(EMAIL, ' ');
  for (const m of withoutEmails.matchAll(PHONE)) add(finding('phone', m[0]));
  for (const m of withoutEmails.matchAll(POSTCODE)) add(finding('postcode', m[0]));
  const parts = new Set<string>();
  /** Where full names were found, so a first or last name inside one is not reported twice. */
  const spans: [number, number][] = [];
  for (const name of names) {
    const full = name.trim().replace(/\s+/g, ' ');
    if (full.length < 3) continue;
    const re = new RegExp(`(?<![\\p{L}])${escape(full).replace(/ /g, '\\s+')}(?![\\p{L}])`, 'giu');
    for (const m of text.matchAll(re)) {
      add(finding('name', m[0]));
      spans.push([m.index, m.index + m[0].length]);
    }
    for (const part of full.split(' ')) if (part.length >= 3) parts.add(part);
  }
  for (const part of parts) {
    const capitalised = part[0]!.toUpperCase() + part.slice(1).toLowerCase();
    const re = new RegExp(`(?<![\\p{L}])${escape(capitalised)}(?![\\p{L}])`, 'gu');
    for (const m of text.matchAll(re)) {
      if (spans.some(([from, to]) => m.index >= from && m.index < to)) continue;
      add(finding('name', m[0]));
    }
  }
  return [...found.values()];
}

/** Findings not yet confirmed by the officer. */
export function unconfirmed(findings: Finding[], confirmed: Iterable<string>): Finding[] {
  const ok = new Set(confirmed);
  return findings.filter((f) => !ok.has(f.key));
}
