import type { Caller } from '@pv/shared/auth.schema';
import type { ProfileInput } from '@pv/shared/panel.schema';
import { createMeeting } from '../../meetings/meetings.service.ts';
import { saveMyProfile } from '../../panels/membership.service.ts';
import { addAssistedMember, createPanel } from '../../panels/panels.service.ts';
import { getConfig } from '../../tenants/tenants.service.ts';
import { random } from './random.ts';

/**
 * Demo panels for Nottinghamshire: one per Family Hub network, each with members (made up, with
 * example.com addresses, added as if recruited at events so no emails go out) and, for most of
 * them, equality monitoring answers — skewed the way real panels are (mostly White British mums),
 * so the representation view shows the gaps on first start. Deterministic: the same members and answers
 * every time. Their record keys are not (they are the cell key method's secret), so the published figures
 * differ by a couple each reset: 84 members may read as 82 to 86.
 */

const firstNames = ['Amy', 'Chloe', 'Jade', 'Sophie', 'Laura', 'Gemma', 'Aisha', 'Fatima', 'Priya', 'Agnieszka', 'Hannah', 'Zara', 'Kerry', 'Leanne', 'Nadia', 'Ruth', 'Marcus', 'Tom', 'Jordan', 'Ayo', 'Shanice', 'Bethany', 'Ola', 'Megan'];
const lastNames = ['Smith', 'Jones', 'Patel', 'Khan', 'Brown', 'Wilson', 'Kowalska', 'Taylor', 'Begum', 'Evans', 'Walker', 'Ahmed', 'Hughes', 'Okafor', 'Green', 'Wright'];

function pick<T>(rnd: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [value, w] of weighted) {
    r -= w;
    if (r <= 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

const seeder: Caller = { sub: 'seed', email: 'demo-seed@parent-voice.example', tenantId: '', roles: ['officer'] };

export async function seedDemoPanels(tenantId: string, membersPerPanel = 12): Promise<void> {
  const config = await getConfig(tenantId);
  const caller = { ...seeder, tenantId };
  const priorities = config.priority.map((p) => p.id);
  // Networks in parallel (each with its own random stream, so the result is the same every time).
  await Promise.all(config.hubNetwork.map(async (network, n) => {
    const rnd = random(2026 + n);
    const panel = await createPanel(caller, tenantId, {
      name: `${network.district} parent panel`,
      description: `Parents and carers of children under 5 in ${network.district}, meeting every two months at a Family Hub to help shape local services.`,
      networkId: network.id,
      recruiting: true,
      targetSize: 30,
      status: 'active',
    });
    const hubs = config.hub.filter((h) => h.networkId === network.id);
    for (let i = 0; i < membersPerPanel; i++) {
      const first = firstNames[Math.floor(rnd() * firstNames.length)]!;
      const last = lastNames[Math.floor(rnd() * lastNames.length)]!;
      const member = await addAssistedMember(
        caller,
        tenantId,
        panel.id,
        {
          name: `${first} ${last}`,
          email: `${first}.${last}.${network.id}.${i}@example.com`.toLowerCase(),
          phone: '',
          preferredChannel: 'email',
          language: '',
          supportNeeds: rnd() < 0.2 ? 'A crèche would help me come to meetings' : '',
          hubId: hubs[Math.floor(rnd() * hubs.length)]?.id,
          childAgeBands: [pick(rnd, [['expecting', 1], ['under-1', 3], ['1-2', 2], ['2-3', 2], ['3-5', 2]])],
          topics: priorities.filter(() => rnd() < 0.4),
          recruitedBy: pick(rnd, [['event', 3], ['phone', 1], ['paper', 1]]),
          consentGivenVerbally: true,
        },
        { welcomeEmail: false },
      );
      if (rnd() < 0.25) continue; // about a quarter skip the optional questions
      const profile: ProfileInput = {
        consent: true,
        parentRole: pick(rnd, [['mum', 80], ['dad', 7], ['partner', 2], ['adoptive-parent', 2], ['kinship-carer', 2], ['prefer-not-to-say', 7]]),
        ageBand: pick(rnd, [['under-20', 2], ['20-24', 8], ['25-34', 55], ['35-44', 30], ['prefer-not-to-say', 5]]),
        ethnicity: pick(rnd, [['white-british', 85], ['asian-pakistani', 3], ['black-african', 2], ['mixed-white-black-caribbean', 2], ['white-other', 4], ['prefer-not-to-say', 4]]),
        lgbt: pick(rnd, [['no', 90], ['yes', 3], ['prefer-not-to-say', 7]]),
        disability: pick(rnd, [['no', 85], ['yes', 10], ['prefer-not-to-say', 5]]),
        childSend: pick(rnd, [['no', 85], ['yes', 12], ['prefer-not-to-say', 3]]),
        neurodiverse: pick(rnd, [['no', 88], ['yes', 9], ['prefer-not-to-say', 3]]),
        neonatal: pick(rnd, [['no', 90], ['yes', 8], ['prefer-not-to-say', 2]]),
        digitalAccess: pick(rnd, [['good', 85], ['limited', 12], ['none', 3]]),
        mainLanguage: pick(rnd, [['english', 92], ['polish', 4], ['urdu', 4]]),
      };
      await saveMyProfile({ tenantId, panelId: panel.id, memberId: member.id, sessionToken: '' }, profile);
    }
    if (network.id === 'mansfield' || network.id === 'bassetlaw') {
      const date = new Date(Date.now() + 21 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      await createMeeting(caller, tenantId, panel.id, {
        title: 'Winter panel meeting',
        date,
        time: '10:00',
        hubId: hubs[0]?.id,
        format: 'in-person',
        place: 'Family room, ground floor',
        supportOffered: ['creche', 'travel', 'meal'],
      });
    }
  }));
}
