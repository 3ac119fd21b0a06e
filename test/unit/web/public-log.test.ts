import { describe, expect, it } from 'vitest';
import type { PublicAction } from '@pv/shared/action.schema';
import { retentionDefaults, type PublicTenant } from '@pv/shared/config.schema';
import { basedOnSentence, countsSentence, inSentence, logNames, shorten } from '../../../web/src/lib/public-log.ts';
import { actionsCsv, atomFeed, xml } from '../../../web/src/lib/server/public-log-exports.ts';

const tenant: PublicTenant = {
  id: 'notts',
  name: 'Notts & Co',
  strategy: '',
  about: '',
  suppressionThreshold: 5,
  priorities: [{ id: 'mental-health', name: "Parents' mental health", summary: '' }],
  hubNetworks: [{ id: 'bassetlaw', name: 'Bassetlaw', district: 'Bassetlaw', rural: true, postcodeDistricts: '', hubs: [{ id: 'worksop', name: 'Worksop' }] }],
  groups: [
    { id: 'dads', name: 'Dads and partners' },
    { id: 'lgbt', name: 'LGBT+ parents' },
  ],
  retention: retentionDefaults,
};

const action: PublicAction = {
  id: '01JZ0000000000000000000000',
  youSaid: 'Dads said <nobody> asks "how are you?" & means it',
  weDid: '=HYPERLINK("x") Health visitors ask dads too.',
  status: 'in-progress',
  notDoingReason: '',
  owner: 'Health visiting',
  targetOn: '2027-03-31',
  doneOn: '',
  timeline: [{ on: '2026-05-01', status: 'in-progress', note: 'We published this.' }],
  priorityIds: ['mental-health', 'retired-priority'],
  networkIds: ['bassetlaw'],
  hubIds: ['worksop'],
  groups: ['dads', 'lgbt'],
  basedOn: 12,
  consultationIds: [],
  publishedOn: '2026-05-01',
  updatedOn: '2026-05-02',
};

describe('the log in words', () => {
  it('says the counts plainly, and "fewer than" the threshold for a suppressed count', () => {
    expect(countsSentence({ feedback: 1420, actions: 31, done: 18 }, 5)).toBe('1,420 things you told us, 31 actions, 18 done');
    expect(countsSentence({ feedback: null, actions: 1, done: 0 }, 10)).toBe('fewer than 10 things you told us, 1 action, 0 done');
  });

  it('names places and groups behind an action, and nothing but "fewer than" under the threshold', () => {
    const names = logNames(tenant);
    expect(basedOnSentence(action, names, 5)).toBe('Based on 12 comments from parents in Bassetlaw, including dads and partners and LGBT+ parents.');
    expect(basedOnSentence({ ...action, basedOn: null }, names, 5)).toBe('Based on fewer than 5 comments.');
    expect(basedOnSentence({ ...action, networkIds: [], groups: [] }, names, 5)).toBe('Based on 12 comments from parents.');
    expect(basedOnSentence({ ...action, basedOn: 0, consultationIds: ['waiting'] }, names, 5)).toBe('Based on what families told us in the consultation.');
  });

  it('lower-cases a group name inside a sentence but not an initialism', () => {
    expect(inSentence('Young parents (under 25)')).toBe('young parents (under 25)');
    expect(inSentence('LGBT+ parents')).toBe('LGBT+ parents');
  });

  it('shortens long text at a word', () => {
    expect(shorten('one two three four', 100)).toBe('one two three four');
    expect(shorten('the waiting list is very long indeed', 20)).toBe('the waiting list is…');
  });
});

describe('the feed and the spreadsheet', () => {
  it('escapes text for XML and drops characters XML cannot hold', () => {
    expect(xml(`a & b <c> "d" 'e'\u0001\uFFFE`)).toBe('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;');
  });

  it('writes an Atom entry per action with the words escaped', () => {
    const feed = atomFeed(tenant, [action], 'https://pv.example/notts/you-said-we-did');
    expect(feed).toContain('<title>You said, we did – Notts &amp; Co</title>');
    expect(feed).toContain('<title>You said: Dads said &lt;nobody&gt; asks &quot;how are you?&quot; &amp; means it</title>');
    expect(feed).toContain('<updated>2026-05-02T00:00:00Z</updated>');
    expect(feed).toContain('<link rel="alternate" type="text/html" href="https://pv.example/notts/you-said-we-did/01JZ0000000000000000000000"/>');
    expect(feed.match(/<entry>/g)).toHaveLength(1);
  });

  it('writes one quoted row per action, names not ids, formulas made text', () => {
    const [header, row] = actionsCsv(tenant, [action]).replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('"id","you said","we did","status","why not","owner","target date","done date","priorities","hub networks","hubs","groups","based on","published","updated"');
    expect(row).toContain(`"'=HYPERLINK(""x"") Health visitors ask dads too.","In progress"`);
    expect(row).toContain(`"Parents' mental health","Bassetlaw","Worksop","Dads and partners; LGBT+ parents","12"`);
    expect(actionsCsv(tenant, [{ ...action, basedOn: null }])).toContain('"fewer than 5"');
  });
});
