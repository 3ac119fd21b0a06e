import type { ConfigInput } from '@pv/shared/config.schema';
import type { GroupRule } from '@pv/shared/group-rule';

/**
 * The demo partnerships, taken from the source documents (Nottinghamshire Best Start Strategy
 * 2025–2030; Leicestershire Best Start in Life Local Plan 2026–2029). Population baselines and hub
 * deprivation deciles are ILLUSTRATIVE placeholders, not official figures: baselines are stored with
 * illustrative = true and the UI says so; a tenant admin replaces them with published figures.
 */
export interface DemoTenant {
  id: string;
  name: string;
  strategy: string;
  about: string;
  priorities: (Omit<ConfigInput<'priority'>, 'keywords'> & { keywords?: string })[];
  crossCuttingThemes: ConfigInput<'crossCuttingTheme'>[];
  /** The staff email that reads comments flagged as safeguarding concerns. */
  safeguardingContact?: string;
  hubNetworks: (ConfigInput<'hubNetwork'> & { hubs: { name: string; deprivationDecile: number }[] })[];
  groups: (ConfigInput<'group'> & { id: string })[];
  baselines: Record<string, number>;
}

const rule = (...conditions: GroupRule['conditions']): GroupRule => ({ conditions });

const allGroups: (ConfigInput<'group'> & { id: string })[] = [
  {
    id: 'dads-partners',
    name: 'Dads and partners',
    description: 'Fathers, partners and co-parents. Think Dad.',
    rule: rule({ field: 'profile.parentRole', operator: 'in', values: ['dad', 'partner', 'co-parent'] }),
  },
  {
    id: 'ethnic-minority',
    name: 'Ethnic minority families',
    description: 'Families who describe their ethnic group as anything other than White British.',
    rule: rule({ field: 'profile.ethnicity', operator: 'not-in', values: ['white-british'] }),
  },
  {
    id: 'lgbt',
    name: 'LGBT+ parents',
    description: 'Parents and carers who describe themselves as lesbian, gay, bisexual, trans or another LGBT+ identity.',
    rule: rule({ field: 'profile.lgbt', operator: 'is', values: ['yes'] }),
  },
  {
    id: 'adoptive-kinship-foster',
    name: 'Adoptive, kinship and foster carers',
    description: 'People bringing up a child they did not give birth to.',
    rule: rule({ field: 'profile.parentRole', operator: 'in', values: ['adoptive-parent', 'kinship-carer', 'foster-carer'] }),
  },
  {
    id: 'send',
    name: 'Parents of neuro-diverse or SEND children',
    description: 'Parents of children with special educational needs and disabilities, or who are neuro-diverse.',
    rule: rule(
      { field: 'profile.childSend', operator: 'is', values: ['yes'] },
      { field: 'profile.neurodiverse', operator: 'is', values: ['yes'] },
    ),
  },
  {
    id: 'other-languages',
    name: 'Families who speak languages other than English',
    description: 'Families whose main language at home is not English.',
    rule: rule({ field: 'profile.mainLanguage', operator: 'not-in', values: ['english'] }),
  },
  {
    id: 'digitally-excluded',
    name: 'Digitally excluded families',
    description: 'Families who answer on paper, by phone or in person, or who have limited internet access.',
    rule: rule(
      { field: 'response.channel', operator: 'in', values: ['paper', 'phone', 'event'] },
      { field: 'profile.digitalAccess', operator: 'in', values: ['limited', 'none'] },
    ),
  },
  {
    id: 'neonatal',
    name: 'Families whose baby began life in neonatal care',
    description: 'Families whose baby spent time in a neonatal unit.',
    rule: rule({ field: 'profile.neonatal', operator: 'is', values: ['yes'] }),
  },
  {
    id: 'young-parents',
    name: 'Young parents (under 25)',
    description: 'Parents and carers aged under 25.',
    rule: rule({ field: 'profile.ageBand', operator: 'in', values: ['under-20', '20-24'] }),
  },
  {
    id: 'rural',
    name: 'Rural families',
    description: 'Families who use a Family Hub in a rural area.',
    rule: rule({ field: 'hub.rural', operator: 'is', values: ['true'] }),
  },
  {
    id: 'low-income-area',
    name: 'Families in low-income areas',
    description: 'Families who use a Family Hub in one of the 20% most deprived areas (deprivation decile 1 or 2).',
    rule: rule({ field: 'hub.deprivationDecile', operator: 'at-most', values: ['2'] }),
  },
];

const illustrativeShares: Record<string, number> = {
  'dads-partners': 45,
  'ethnic-minority': 12,
  lgbt: 3,
  'adoptive-kinship-foster': 2,
  send: 14,
  'other-languages': 7,
  'digitally-excluded': 10,
  neonatal: 8,
  'young-parents': 11,
  rural: 25,
  'low-income-area': 20,
};

const pick = (ids: string[]) => allGroups.filter((g) => ids.includes(g.id));
const sharesFor = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, illustrativeShares[id]!]));

export const demoTenants: DemoTenant[] = [
  {
    id: 'notts',
    name: 'Nottinghamshire Best Start Partnership',
    safeguardingContact: 'safeguarding@notts.example',
    strategy: 'Best Start Strategy for Nottinghamshire 2025–2030',
    about:
      'We are the council, the NHS, health visitors, Family Hubs and local charities, working together so every child in Nottinghamshire gets the best start in life. We want to hear from parents and carers, especially those we hear from least, and show you what changed because you spoke.',
    priorities: [
      { name: 'Building blocks of health and wellbeing', summary: 'Healthy food, safe homes, warm clothes, immunisations, oral health, healthy weight; families in low-income areas get the support they need.', keywords: 'food\nheating\ncost of living\nmoney\nbenefits\nhousing\nimmunisation\nvaccin*\nteeth\ndentist\nhealthy weight\nfood bank' },
      { name: "Parents' mental health", summary: 'Parents and carers can access the right support for their mental health, before and after birth, including dads and partners.', keywords: 'mental health\nanxious\nanxiety\ndepress*\nlonely\nloneliness\nisolated\nstruggling\ncounselling\nlow mood\noverwhelmed\nwaiting list' },
      { name: 'Preparing to be parents and healthy beginnings', summary: 'Antenatal education, healthy pregnancy, smoke-free, infant feeding, early engagement with maternity and Family Hub services.', keywords: 'antenatal\npregnan*\nmidwife\nbreastfeed*\nfeeding\nbottle\nsmoking\nbirth\nmaternity\nhealth visitor' },
      { name: 'Building strong relationships', summary: 'Parent–infant relationships, reducing parental conflict, people and services joined up around Family Hub Networks.', keywords: 'relationship\npartner\nargu*\nconflict\nbonding\ndads\nfather*\nseparated' },
      { name: 'Early experiences: chat, play, read and learn', summary: 'Speech, language and communication; home learning; funded childcare and early education.', keywords: 'speech\ntalking\nlanguage\nplay\nstay and play\nreading\nbooks\nnursery\nchildcare\nfunded hours' },
    ],
    crossCuttingThemes: [
      { name: 'Co-production with families', description: '' },
      { name: 'Think Dad', description: '' },
      { name: 'Developing our workforce', description: '' },
      { name: 'Low-income areas', description: '' },
      { name: 'Inclusion', description: '' },
    ],
    hubNetworks: [
      { name: 'Ashfield Family Hub Network', district: 'Ashfield', postcodeDistricts: 'NG15 NG17', rural: false, hubs: [{ name: 'Sutton in Ashfield (design site)', deprivationDecile: 2 }, { name: 'Kirkby-in-Ashfield', deprivationDecile: 3 }, { name: 'Hucknall', deprivationDecile: 5 }] },
      { name: 'Bassetlaw Family Hub Network', district: 'Bassetlaw', postcodeDistricts: 'DN10 DN11 DN22 S80 S81', rural: true, hubs: [{ name: 'Retford (design site)', deprivationDecile: 5 }, { name: 'Worksop', deprivationDecile: 2 }, { name: 'Harworth', deprivationDecile: 3 }] },
      { name: 'Broxtowe Family Hub Network', district: 'Broxtowe', postcodeDistricts: 'NG9 NG16', rural: false, hubs: [{ name: 'Beeston', deprivationDecile: 6 }, { name: 'Eastwood', deprivationDecile: 4 }, { name: 'Stapleford', deprivationDecile: 5 }] },
      { name: 'Gedling Family Hub Network', district: 'Gedling', postcodeDistricts: 'NG4 NG5', rural: false, hubs: [{ name: 'Arnold', deprivationDecile: 6 }, { name: 'Carlton', deprivationDecile: 5 }, { name: 'Netherfield', deprivationDecile: 3 }] },
      { name: 'Mansfield Family Hub Network', district: 'Mansfield', postcodeDistricts: 'NG18 NG19 NG20 NG21', rural: false, hubs: [{ name: 'Mansfield town', deprivationDecile: 1 }, { name: 'Forest Town', deprivationDecile: 3 }, { name: 'Warsop', deprivationDecile: 2 }] },
      { name: 'Newark and Sherwood Family Hub Network', district: 'Newark and Sherwood', postcodeDistricts: 'NG22 NG23 NG24 NG25', rural: true, hubs: [{ name: 'Hawtonville, Newark (design site)', deprivationDecile: 2 }, { name: 'Ollerton', deprivationDecile: 3 }, { name: 'Southwell', deprivationDecile: 9 }] },
      { name: 'Rushcliffe Family Hub Network', district: 'Rushcliffe', postcodeDistricts: 'NG2 NG11 NG12 NG13', rural: true, hubs: [{ name: 'West Bridgford', deprivationDecile: 10 }, { name: 'Bingham', deprivationDecile: 9 }, { name: 'Cotgrave', deprivationDecile: 4 }] },
    ],
    groups: allGroups,
    baselines: illustrativeShares,
  },
  {
    id: 'leics',
    name: 'Leicestershire Best Start Partnership',
    strategy: 'Best Start in Life Local Plan 2026–2029',
    about:
      'Leicestershire County Council, the NHS and partners run 21 Family Hubs. Every hub has a "you said, we did" feedback loop, and our parent panels put families we hear from least first.',
    priorities: [
      { name: 'Improved health and education outcomes for babies, children and families', summary: '' },
      { name: 'Transform the way 0–5 family and health services are delivered', summary: '' },
      { name: 'Access to advice and guidance for SEND children and young people', summary: '' },
      { name: 'Access to services for families in rural communities', summary: '' },
      { name: 'Uptake of early education and childcare; 75% good level of development by 2028', summary: '' },
    ],
    crossCuttingThemes: [],
    hubNetworks: [
      { name: 'Charnwood', district: 'Charnwood', postcodeDistricts: 'LE11 LE12', rural: false, hubs: [{ name: 'Loughborough', deprivationDecile: 4 }] },
      { name: 'Hinckley and Bosworth', district: 'Hinckley and Bosworth', postcodeDistricts: 'LE9 LE10', rural: true, hubs: [{ name: 'Hinckley', deprivationDecile: 5 }] },
      { name: 'North West Leicestershire', district: 'North West Leicestershire', postcodeDistricts: 'LE65 LE67', rural: true, hubs: [{ name: 'Coalville', deprivationDecile: 3 }] },
      { name: 'Melton', district: 'Melton', postcodeDistricts: 'LE13 LE14', rural: true, hubs: [{ name: 'Melton Mowbray', deprivationDecile: 6 }] },
    ],
    groups: pick(['ethnic-minority', 'send', 'other-languages', 'rural', 'low-income-area', 'dads-partners']),
    baselines: sharesFor(['ethnic-minority', 'send', 'other-languages', 'rural', 'low-income-area', 'dads-partners']),
  },
];

export const baselineSource = {
  source: 'Illustrative placeholder, not an official figure: replace with Census 2021 or local data',
  sourceDate: '2021-03-21',
};
