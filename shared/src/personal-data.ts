import { ukFirstNames, wordNames } from './uk-first-names.ts';

/**
 * Finds what looks like personal data in text meant for partners or the public (quotes, "you said,
 * we did"): what parents really write — email addresses, UK phone numbers, full postcodes, NHS
 * numbers, street addresses, dates of birth, names (panel members', a title and surname, common first
 * names, a child's name after "my son"), and, as a warning, a description that picks one person out
 * ("the only dad at the Tuesday group"). It is a check for an officer to act on, not a guarantee:
 * each finding must be fixed or confirmed ("that's the name of a hub, not a person") before an
 * action can be published, and a quote with any finding is refused.
 */

export type FindingKind =
  | 'email'
  | 'phone'
  | 'postcode'
  | 'name'
  | 'nhs-number'
  | 'address'
  | 'titled-name'
  | 'first-name'
  | 'child-name'
  | 'birth-date'
  | 'description';

export interface Finding {
  kind: FindingKind;
  /** The text as it appears. */
  match: string;
  /** A stable key an officer confirms: kind and the lower-case match. */
  key: string;
  /** Not personal data on its face, but it could pick one person out: check it. */
  warning?: true;
}

export const findingLabels: Record<FindingKind, string> = {
  email: 'an email address',
  phone: 'a phone number',
  postcode: 'a full postcode',
  name: 'the name of a panel member',
  'nhs-number': 'an NHS number',
  address: 'a street address',
  'titled-name': 'a person’s name',
  'first-name': 'a first name',
  'child-name': 'a child’s name',
  'birth-date': 'a date of birth',
  description: 'a description that could pick out one person',
};

const EMAIL = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g;
// 07xxx xxxxxx, 01xxx xxxxxx, 020 xxxx xxxx, +44 7xxx xxxxxx, with spaces, dots or dashes.
const PHONE = /(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)(?:\d[\s.-]?){9,10}(?!\d)/g;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi;

// Ten digits, as 3-3-4 with spaces or dashes or run together; checked with the modulus 11 rule.
const NHS_NUMBER = /(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)/g;
const WORD = "[A-Z][\\p{Ll}'’-]+";
const STREET_TYPES = 'Road|Rd|Street|Avenue|Ave|Close|Lane|Drive|Way|Crescent|Grove|Court|Place|Terrace|Gardens|Mews|Walk|Rise|Square';
// "12 Eakring Road", "on Eakring Road", "Eakring Road": one to three capitalised words and a street type.
const ADDRESS = new RegExp(`(?:\\b\\d{1,4}[a-zA-Z]?,?\\s+)?(?:${WORD}\\s+){1,3}(?:${STREET_TYPES})\\b`, 'gu');
const TITLED_NAME = new RegExp(`\\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\\.?\\s+${WORD}(?:\\s+${WORD})?`, 'gu');
const CHILD = "(?:son|daughter|baby|little one|boy|girl|child|kid|kids|grandson|granddaughter|twins|toddler|stepson|stepdaughter)";
// Case matters for the name (so "my son was" is not a name), not for "My son".
const CHILD_NAME = new RegExp(`\\b[Mm]y\\s+(?:little\\s+|eldest\\s+|youngest\\s+|oldest\\s+)?${CHILD},?\\s+(${WORD})(?:\\s+and\\s+(${WORD}))?`, 'gu');
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const BIRTH_DATE = new RegExp(
  `\\b(?:born(?:\\s+on|\\s+in)?|d\\.?\\s?o\\.?\\s?b\\.?|date\\s+of\\s+birth|birthday\\s+is)\\s*:?\\s*(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+\\d{2,4}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|(?:${MONTHS})\\s+\\d{4})`,
  'giu',
);
// "the only dad at the Tuesday group in Cotgrave", "the one mum from Ollerton who…": a warning.
const PERSON = '(?:dad|dads|mum|mums|father|mother|parent|carer|man|woman|person|grandparent|grandad|grandma|gran|nan|family|one|lad|girl|boy)';
const DESCRIPTION = new RegExp(`\\b(?:(?:the\\s+)?only|the\\s+one)\\s+(?:[\\p{L}-]+\\s+){0,2}?${PERSON}\\b[^.!?\\n]{0,60}?\\b(?:at|in|from|on)\\s+[^.!?\\n,;]{2,60}`, 'giu');
const FIRST_NAMES = new Set(ukFirstNames);

function finding(kind: FindingKind, match: string): Finding {
  const text = match.trim();
  return { kind, match: text, key: `${kind}:${text.toLowerCase().replace(/\s+/g, ' ')}`, ...(kind === 'description' ? { warning: true as const } : {}) };
}

/** The NHS number check digit: weights 10 down to 2, 11 minus the remainder, 11 → 0, 10 is never valid. */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || /^(\d)\1{9}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((total, d, i) => total + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(digits[9]);
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
  for (const m of withoutEmails.matchAll(NHS_NUMBER)) if (isNhsNumber(m[1]! + m[2]! + m[3]!)) add(finding('nhs-number', m[0]));
  for (const m of text.matchAll(BIRTH_DATE)) add(finding('birth-date', m[0]));
  /** Words already reported as part of an address, a titled name or a child's name. */
  const covered: [number, number][] = [];
  for (const m of text.matchAll(ADDRESS)) {
    add(finding('address', m[0]));
    covered.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(TITLED_NAME)) {
    add(finding('titled-name', m[0]));
    covered.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(CHILD_NAME)) {
    for (const name of [m[1], m[2]]) if (name && name !== 'I') add(finding('child-name', name));
    covered.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(DESCRIPTION)) add(finding('description', m[0]));
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
  for (const m of text.matchAll(/(?<![\p{L}'’-])[A-Z][\p{Ll}]+(?![\p{L}'’-])/gu)) {
    const word = m[0].toLowerCase();
    if (!FIRST_NAMES.has(word) || wordNames.has(word)) continue;
    const at = m.index;
    if (covered.some(([from, to]) => at >= from && at < to) || spans.some(([from, to]) => at >= from && at < to)) continue;
    if (found.has(`name:${word}`)) continue;
    add(finding('first-name', m[0]));
  }
  return [...found.values()];
}

/** Findings not yet confirmed by the officer. */
export function unconfirmed(findings: Finding[], confirmed: Iterable<string>): Finding[] {
  const ok = new Set(confirmed);
  return findings.filter((f) => !ok.has(f.key));
}
