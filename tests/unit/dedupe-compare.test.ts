// The pieces of duplicate detection that need no database: string similarity, the phonetic
// code, the nickname table, date-of-birth slips, the blocking keys and the reasons in words, and
// the exact bound that lets a look-up rule a candidate out before reading its contact details.
import { describe, expect, it } from 'vitest';
import {
  buildProfile,
  compareDates,
  comparePair,
  couldMatch,
  jaro,
  jaroWinkler,
  normaliseEmail,
  type ProfileSource,
  SETTINGS,
  scoreOf,
  splitStreet,
} from '../../electron/core/duplicates/compare';
import { blockingKeys, packProfile, unpackProfile } from '../../electron/core/duplicates/duplicates';
import { areNicknames, formalName, NICKNAME_PAIRS, nameVariants } from '../../electron/core/duplicates/nicknames';
import { nysiis } from '../../electron/core/duplicates/phonetic';

const person = (over: Partial<ProfileSource> = {}): ProfileSource => ({
  given_name: 'Margaret',
  family_name: 'Smith',
  preferred_name: '',
  date_of_birth: '1984-09-28',
  emails: ['maggie.smith@example.com'],
  phones: ['+447700900123'],
  addresses: [{ line1: '12 High Street', line2: '', town: 'Leeds', region: '', postcode: 'LS1 4AB' }],
  ...over,
});

describe('Jaro–Winkler', () => {
  it('gives the published values', () => {
    // Winkler (1990) and the usual textbook pairs.
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaro('crate', 'trace')).toBeCloseTo(0.7333, 4);
  });

  it('is 1 for equal strings, 0 for nothing in common or an empty side', () => {
    expect(jaroWinkler('smith', 'smith')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'smith')).toBe(0);
    expect(jaroWinkler('', '')).toBe(0);
  });

  it('is symmetric', () => {
    for (const [a, b] of [
      ['jones', 'johnson'],
      ['harrington', 'harington'],
      ['sondergeld', 'sondregeld'],
    ] as const) {
      expect(jaroWinkler(a, b)).toBeCloseTo(jaroWinkler(b, a), 10);
    }
  });
});

describe('NYSIIS', () => {
  it('codes names as the published algorithm does', () => {
    expect(nysiis('Knight')).toBe('NAGT');
    expect(nysiis('Mitchell')).toBe('MATCAL');
    expect(nysiis('Brown')).toBe('BRAN');
    expect(nysiis('MacDonald')).toBe('MCDANALD');
    expect(nysiis('Bishop')).toBe('BASAP');
    expect(nysiis('Carlson')).toBe('CARLSAN');
    expect(nysiis('')).toBe('');
  });

  it('gives names that sound alike one code', () => {
    expect(nysiis('Smyth')).toBe(nysiis('Smith'));
    expect(nysiis('Catherine')).toBe(nysiis('Katherine'));
    expect(nysiis('Philips')).toBe(nysiis('Filips'));
    expect(nysiis("O'Brien")).toBe(nysiis('OBrien'));
    expect(nysiis('Müller')).toBe(nysiis('Muller'));
    expect(nysiis('Smith')).not.toBe(nysiis('Jones'));
  });
});

describe('nicknames', () => {
  it('knows about a hundred common English pairs, both ways', () => {
    expect(NICKNAME_PAIRS).toBeGreaterThanOrEqual(100);
    for (const [a, b] of [
      ['bob', 'robert'],
      ['peggy', 'margaret'],
      ['bill', 'william'],
      ['liz', 'elizabeth'],
      ['margaret', 'maggie'],
      ['maggie', 'peggy'],
    ] as const) {
      expect(areNicknames(a, b), `${a} / ${b}`).toBe(true);
      expect(areNicknames(b, a), `${b} / ${a}`).toBe(true);
    }
    expect(areNicknames('bob', 'william')).toBe(false);
    expect(areNicknames('robert', 'robert')).toBe(false);
  });

  it('maps a familiar form to its formal name for blocking, and lists variants for the counter', () => {
    expect(formalName('bill')).toBe('william');
    expect(formalName('zebedee')).toBe('zebedee');
    expect(nameVariants('liz')).toEqual(expect.arrayContaining(['liz', 'elizabeth', 'beth']));
  });
});

describe('dates of birth', () => {
  it('tolerates the slips people make typing them', () => {
    expect(compareDates('19840928', '19840928')).toBe('same');
    expect(compareDates('19840203', '19840302')).toBe('swapped');
    expect(compareDates('19840928', '19840929')).toBe('one_digit');
    expect(compareDates('19840928', '19480928')).toBe('transposed');
    expect(compareDates('19840928', '19620115')).toBe('different');
    expect(compareDates('', '19620115')).toBe('missing');
  });
});

describe('normalising', () => {
  it('reads house numbers and expands street abbreviations', () => {
    expect(splitStreet('12a High St.')).toEqual({ number: '12a', street: 'high street' });
    expect(splitStreet('Flat 3, 27 Mill Rd')).toEqual({ number: '3', street: 'mill road' });
    expect(splitStreet('maltby circuit')).toEqual({ number: '', street: 'maltby circuit' });
  });

  it('compares emails without case, +tags and (for Gmail) dots', () => {
    expect(normaliseEmail('Jo.Bloggs+shop@GoogleMail.com')).toBe('jobloggs@gmail.com');
    expect(normaliseEmail('jo.bloggs@example.com')).toBe('jo.bloggs@example.com');
  });

  it('packs a profile into one string and back', () => {
    const p = buildProfile(person({ emails: ['a@b.com', 'c@d.com'] }));
    expect(unpackProfile(packProfile(p))).toEqual(p);
    const empty = buildProfile(person({ emails: [], phones: [], addresses: [], date_of_birth: '' }));
    expect(unpackProfile(packProfile(empty))).toEqual(empty);
  });
});

describe('the scored comparison', () => {
  const compare = (a: Partial<ProfileSource>, b: Partial<ProfileSource>) =>
    comparePair(buildProfile(person(a)), buildProfile(person(b)), true);

  it('rates an identical record far above the threshold, with reasons', () => {
    const c = compare({}, {});
    expect(c.weight).toBeGreaterThan(SETTINGS.threshold + 15);
    expect(scoreOf(c.weight)).toBeGreaterThan(0.99);
    expect(c.reasons).toEqual(
      expect.arrayContaining([
        'same family name (Smith)',
        'same given name (Margaret)',
        'same date of birth (1984-09-28)',
        'same email address (maggie.smith@example.com)',
        'same phone number (+447700900123)',
      ]),
    );
  });

  it('explains sound-alike family names, nicknames and swapped names in words', () => {
    expect(compare({ family_name: 'Smyth', given_name: 'Peggy' }, {}).reasons).toEqual(
      expect.arrayContaining([
        'family names sound alike (Smyth / Smith)',
        'given names are forms of one name (Peggy / Margaret)',
      ]),
    );
    const swapped = compare({ given_name: 'Smith', family_name: 'Margaret' }, {});
    expect(swapped.reasons).toContain('given and family names swapped (Smith Margaret / Margaret Smith)');
    expect(swapped.weight).toBeGreaterThan(SETTINGS.threshold);
  });

  it('keeps a duplicate who moved house and changed email above the threshold', () => {
    const moved = compare(
      {
        emails: ['peggy@newmail.example'],
        addresses: [{ line1: '4 Oak Road', line2: '', town: 'York', region: '', postcode: 'YO1 7HH' }],
      },
      {},
    );
    expect(moved.weight).toBeGreaterThan(SETTINGS.threshold);
    expect(moved.reasons).toContain('different email addresses');
  });

  it('counts a date-of-birth slip as near agreement, not disagreement', () => {
    const slip = compare({ date_of_birth: '1984-09-29' }, {});
    expect(slip.reasons).toContain('dates of birth one digit apart (1984-09-29 / 1984-09-28)');
    const same = compare({}, {});
    const other = compare({ date_of_birth: '1950-01-01' }, {});
    expect(slip.weight).toBeLessThan(same.weight);
    expect(slip.weight).toBeGreaterThan(other.weight);
  });

  it('treats a missing value as neither agreement nor strong disagreement', () => {
    const full = compare({}, {});
    const noDob = compare({ date_of_birth: '' }, {});
    const otherDob = compare({ date_of_birth: '1950-01-01' }, {});
    expect(noDob.weight).toBe(full.weight - SETTINGS.dob.same);
    expect(noDob.weight).toBeGreaterThan(otherDob.weight);
    expect(noDob.reasons.join(' ')).not.toMatch(/date of birth/);
    const noEmail = compare({ emails: [] }, {});
    expect(noEmail.weight).toBe(full.weight - SETTINGS.email.same);
  });

  it('does not call two different people with a common name duplicates', () => {
    const c = compare(
      {
        given_name: 'Margaret',
        date_of_birth: '1950-01-01',
        emails: ['m.smith@other.example'],
        phones: ['+441632960001'],
        addresses: [{ line1: '9 Park Lane', line2: '', town: 'Bath', region: '', postcode: 'BA1 1AA' }],
      },
      {},
    );
    expect(c.weight).toBeLessThan(SETTINGS.threshold);
    expect(c.reasons).toContain('different dates of birth (1950-01-01 / 1984-09-28)');
  });

  it('does not call two people who share an office email duplicates on that alone', () => {
    const c = compare(
      { given_name: 'Tom', family_name: 'Baker', date_of_birth: '', emails: ['office@acme.example'] },
      { given_name: 'Ann', family_name: 'Jones', date_of_birth: '', emails: ['office@acme.example'] },
    );
    expect(c.weight).toBeLessThan(SETTINGS.threshold);
  });
});

describe('blocking keys', () => {
  const keys = (over: Partial<ProfileSource>) => blockingKeys(buildProfile(person(over)));
  const share = (a: string[], b: string[]) => a.some((k) => k !== '' && b.includes(k));

  it('put likely duplicates in a common block despite slips', () => {
    expect(share(keys({}), keys({ family_name: 'Smyth' }))).toBe(true);
    expect(share(keys({}), keys({ given_name: 'Peggy', emails: [], phones: [] }))).toBe(true);
    expect(
      share(
        keys({ emails: [], phones: [] }),
        keys({ given_name: 'Smith', family_name: 'Margaret', emails: [], phones: [] }),
      ),
    ).toBe(true);
    // Day and month swapped and another family name: still blocked by date of birth and given name.
    const noContact = { emails: [], phones: [], addresses: [] };
    expect(
      share(
        keys({ ...noContact, date_of_birth: '1984-03-04' }),
        keys({ ...noContact, date_of_birth: '1984-04-03', family_name: 'Jones' }),
      ),
    ).toBe(true);
  });

  it('leave a missing field out of every key', () => {
    const k = keys({ date_of_birth: '', emails: [], phones: [], addresses: [] });
    expect(k.filter(Boolean)).toEqual([expect.stringContaining('|')]);
  });
});

describe('ruling a candidate out on its names and date of birth (couldMatch)', () => {
  const bare = (p: ProfileSource) => buildProfile({ ...p, emails: [], phones: [], addresses: [] });

  it('keeps a poor name and date that the same email, phone and address still carry over the threshold', () => {
    const a = buildProfile(person());
    const b = person({ given_name: 'Dorothy', date_of_birth: '1971-02-03' });
    expect(comparePair(a, buildProfile(b)).weight).toBeGreaterThanOrEqual(SETTINGS.threshold);
    expect(couldMatch(a, bare(b))).toBe(true);
  });

  it('rules out two people whose given and family names both differ, whatever they share', () => {
    const a = buildProfile(person());
    const b = person({ given_name: 'Dorothy', family_name: 'Okafor' });
    expect(comparePair(a, buildProfile(b)).weight).toBeLessThan(SETTINGS.threshold);
    expect(couldMatch(a, bare(b))).toBe(false);
  });

  it('rules out by the ceiling when the draft has no contact details to agree on', () => {
    const a = buildProfile(person({ emails: [], phones: [], addresses: [] }));
    const b = person({ given_name: 'Margarita', date_of_birth: '1990-01-01' });
    expect(comparePair(a, buildProfile(b)).weight).toBeLessThan(SETTINGS.threshold);
    expect(couldMatch(a, bare(b))).toBe(false);
    expect(couldMatch(a, bare(person()))).toBe(true);
  });
});
