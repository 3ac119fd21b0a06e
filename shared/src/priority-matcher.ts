import type { Suggestion } from './feedback.schema.ts';

/**
 * Suggests priorities for a comment from words and phrases an admin lists for each priority. It is
 * deliberately simple so anyone can see why it suggested something: a phrase matches when its words
 * appear together, as whole words, in the comment (any case, any punctuation between); a word also
 * matches its plural ("referral" finds "referrals"); a trailing * matches any ending ("wait*" finds
 * "waiting" and "waited"). No external service, no model: the same text always gives the same answer.
 */

export interface MatcherPriority {
  id: string;
  /** One word or phrase a line (commas also separate). */
  keywords?: string;
}

/** Lower case, letters and digits only, single spaces, with a space at each end for whole-word tests. */
export function normalise(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}*]+/gu, ' ')
    .trim()} `;
}

export function keywordList(keywords: string | undefined): string[] {
  return [...new Set((keywords ?? '').split(/[\n,;]+/).map((k) => k.trim().replace(/\s+/g, ' ')).filter((k) => normalise(k).trim().length >= 2))];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression for one keyword over normalised text. */
function pattern(keyword: string): RegExp {
  const words = normalise(keyword).trim().split(' ');
  const parts = words.map((w, i) => {
    if (w.endsWith('*')) return `${escape(w.slice(0, -1).replace(/\*/g, ''))}\\p{L}*`;
    // The last word of a phrase may be plural.
    return i === words.length - 1 ? `${escape(w.replace(/\*/g, ''))}(?:s|es)?` : escape(w.replace(/\*/g, ''));
  });
  return new RegExp(` ${parts.join(' ')} `, 'u');
}

const cache = new Map<string, RegExp>();
function compiled(keyword: string): RegExp {
  let re = cache.get(keyword);
  if (!re) {
    re = pattern(keyword);
    if (cache.size > 5000) cache.clear();
    cache.set(keyword, re);
  }
  return re;
}

/**
 * The priorities whose words appear in the text, with the words that matched (in the admin's own
 * spelling), most matches first. `skip` holds priorities already tagged or turned down.
 */
export function suggestPriorities(text: string, priorities: MatcherPriority[], skip: Iterable<string> = []): Suggestion[] {
  const skipped = new Set(skip);
  const haystack = normalise(text);
  const out: Suggestion[] = [];
  for (const p of priorities) {
    if (skipped.has(p.id)) continue;
    const because = keywordList(p.keywords).filter((k) => compiled(k).test(haystack));
    if (because.length) out.push({ priorityId: p.id, because });
  }
  return out.sort((a, b) => b.because.length - a.because.length);
}
