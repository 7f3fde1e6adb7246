// Geography and age derived on read, offline, never stored: from a UK postcode its outward code,
// its postcode area (the leading letters) and the UK region or nation (the 12 ITL1 regions), and
// from a date of birth an age band. Pure functions, shared by the record view and the core.
import { compactPostcode, isUkCountry } from './rules/postcode';

export const UK_REGIONS = [
  'North East',
  'North West',
  'Yorkshire and The Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
  'Wales',
  'Scotland',
  'Northern Ireland',
] as const;
export type UkRegion = (typeof UK_REGIONS)[number];

const [NE, NW, YH, EM, WM, EE, LDN, SE, SW, WAL, SCO, NI] = UK_REGIONS;

/**
 * Postcode area → ITL1 region (ONS International Territorial Levels, 2021), written by hand from
 * Royal Mail's list of the 121 UK postcode areas and the ONS Postcode Directory's region of their
 * districts. Postcode areas follow post towns, not council boundaries, so some cross a regional
 * border; each such area is given the region where most of its addresses are, for example:
 * SY (Shrewsbury) → West Midlands though it reaches into mid-Wales; CH (Chester) → North West
 * though Flintshire is in Wales; PE (Peterborough) → East of England though Boston and Spalding
 * are in the East Midlands; DN (Doncaster) and S (Sheffield) → Yorkshire and The Humber though
 * they reach into Lincolnshire, Nottinghamshire and Derbyshire; SK (Stockport) → North West
 * though it reaches the High Peak; KT (Kingston), DA (Dartford) and HP (Hemel Hempstead) → South
 * East and EN (Enfield) → London, each split between London or the East and the South East;
 * TD (Galashiels) → Scotland though Berwick-upon-Tweed is in England. A district-level lookup
 * would be exact; no licence-compatible one is bundled, so the region is labelled "by postcode
 * area" on screen. The Crown Dependencies (GY, JE, IM) are not in the UK's regions: no region.
 */
export const AREA_REGIONS: Readonly<Record<string, UkRegion>> = {
  // North East
  DH: NE,
  DL: NE,
  NE: NE,
  SR: NE,
  TS: NE,
  // North West
  BB: NW,
  BL: NW,
  CA: NW,
  CH: NW,
  CW: NW,
  FY: NW,
  L: NW,
  LA: NW,
  M: NW,
  OL: NW,
  PR: NW,
  SK: NW,
  WA: NW,
  WN: NW,
  // Yorkshire and The Humber
  BD: YH,
  DN: YH,
  HD: YH,
  HG: YH,
  HU: YH,
  HX: YH,
  LS: YH,
  S: YH,
  WF: YH,
  YO: YH,
  // East Midlands
  DE: EM,
  LE: EM,
  LN: EM,
  NG: EM,
  NN: EM,
  // West Midlands
  B: WM,
  CV: WM,
  DY: WM,
  HR: WM,
  ST: WM,
  SY: WM,
  TF: WM,
  WR: WM,
  WS: WM,
  WV: WM,
  // East of England
  AL: EE,
  CB: EE,
  CM: EE,
  CO: EE,
  IP: EE,
  LU: EE,
  NR: EE,
  PE: EE,
  SG: EE,
  SS: EE,
  WD: EE,
  // London
  BR: LDN,
  CR: LDN,
  E: LDN,
  EC: LDN,
  EN: LDN,
  HA: LDN,
  IG: LDN,
  N: LDN,
  NW: LDN,
  RM: LDN,
  SE: LDN,
  SM: LDN,
  SW: LDN,
  TW: LDN,
  UB: LDN,
  W: LDN,
  WC: LDN,
  // South East
  BN: SE,
  CT: SE,
  DA: SE,
  GU: SE,
  HP: SE,
  KT: SE,
  ME: SE,
  MK: SE,
  OX: SE,
  PO: SE,
  RG: SE,
  RH: SE,
  SL: SE,
  SO: SE,
  TN: SE,
  // South West
  BA: SW,
  BH: SW,
  BS: SW,
  DT: SW,
  EX: SW,
  GL: SW,
  PL: SW,
  SN: SW,
  SP: SW,
  TA: SW,
  TQ: SW,
  TR: SW,
  // Wales
  CF: WAL,
  LD: WAL,
  LL: WAL,
  NP: WAL,
  SA: WAL,
  // Scotland
  AB: SCO,
  DD: SCO,
  DG: SCO,
  EH: SCO,
  FK: SCO,
  G: SCO,
  HS: SCO,
  IV: SCO,
  KA: SCO,
  KW: SCO,
  KY: SCO,
  ML: SCO,
  PA: SCO,
  PH: SCO,
  TD: SCO,
  ZE: SCO,
  // Northern Ireland
  BT: NI,
};

/** Postcode areas outside the UK's regions (the Crown Dependencies share the postcode system). */
export const CROWN_DEPENDENCY_AREAS = ['GY', 'JE', 'IM'] as const;

type Geography = { outward: string; area: string; region: UkRegion | null };

/**
 * What a UK postcode says about where someone is, or null when it is not a UK postcode (or the
 * address is abroad). Works on stored (normalised) and typed postcodes alike.
 */
export function geographyOf(postcode: string, country = 'GB'): Geography | null {
  if (!postcode || !isUkCountry(country)) return null;
  const compact = compactPostcode(postcode).toUpperCase();
  // A full postcode is the outward code followed by a 3-character inward code (digit, 2 letters).
  const m = /^([A-Z]{1,2})(\d[A-Z\d]?)(\d[A-Z]{2})$/.exec(compact);
  if (!m) return null;
  const area = m[1] as string;
  const region = AREA_REGIONS[area] ?? null;
  if (!region && !(CROWN_DEPENDENCY_AREAS as readonly string[]).includes(area)) return null;
  return { outward: `${area}${m[2]}`, area, region };
}

export const AGE_BANDS = ['Under 18', '18–24', '25–34', '35–44', '45–54', '55–64', '65–74', '75+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Whole years between a date of birth and a day (both YYYY-MM-DD), or null if either is not a date. */
export function ageOn(dateOfBirth: string, day: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!b || !d) return null;
  let age = Number(d[1]) - Number(b[1]);
  // Not yet had this year's birthday (a 29 February birthday counts from 1 March in other years).
  if (`${d[2]}-${d[3]}` < `${b[2]}-${b[3]}`) age--;
  return age < 0 ? null : age;
}

/** The age band on `day` (ISO date or timestamp), or null without a usable date of birth. */
export function ageBand(dateOfBirth: string, day: string): AgeBand | null {
  const age = ageOn(dateOfBirth, day);
  if (age === null) return null;
  if (age < 18) return 'Under 18';
  if (age >= 75) return '75+';
  const lower = [18, 25, 35, 45, 55, 65];
  let band = 0;
  for (const [i, from] of lower.entries()) if (age >= from) band = i;
  return AGE_BANDS[band + 1] as AgeBand;
}
