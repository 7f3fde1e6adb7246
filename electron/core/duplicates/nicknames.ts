// Common English given names and their familiar forms (Bob/Robert, Peggy/Margaret), so that a
// customer who signs up as "Liz" is still recognised as the "Elizabeth" already on file. One
// table serves the scored comparison (are these the same name?) and the blocking keys (which
// formal name stands for this one?). Keys and values are folded (lower case, no accents).

// Formal name → familiar forms. A familiar form may belong to several formal names (Alex,
// Sam, Chris): it then matches each of them, and its blocking key is the first one listed.
const GROUPS: Record<string, readonly string[]> = {
  abigail: ['abby', 'abbie', 'gail'],
  albert: ['al', 'bert', 'bertie'],
  alexander: ['alex', 'alec', 'sandy', 'xander', 'sasha'],
  alexandra: ['alex', 'alexa', 'lexie', 'sandra', 'sandy', 'sasha'],
  alfred: ['alf', 'alfie', 'fred'],
  andrew: ['andy', 'drew'],
  angela: ['angie'],
  anthony: ['tony', 'ant'],
  arthur: ['art', 'artie'],
  barbara: ['barb', 'babs', 'barbie'],
  benjamin: ['ben', 'benny', 'benji'],
  bernard: ['bernie'],
  bradley: ['brad'],
  catherine: ['cath', 'cathy', 'kate', 'katie', 'kathy', 'kat', 'kitty'],
  charles: ['charlie', 'chas', 'chuck'],
  charlotte: ['charlie', 'lottie', 'lotte'],
  christina: ['chris', 'tina', 'chrissy'],
  christine: ['chris', 'chrissie', 'tina'],
  christopher: ['chris', 'kit', 'topher'],
  daniel: ['dan', 'danny'],
  david: ['dave', 'davy', 'davey'],
  deborah: ['debbie', 'deb', 'debs'],
  donald: ['don', 'donnie'],
  dorothy: ['dot', 'dotty', 'dolly', 'dottie'],
  douglas: ['doug', 'dougie'],
  edward: ['ed', 'eddie', 'ted', 'teddy', 'ned'],
  eleanor: ['ellie', 'nell', 'nora', 'elle'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'bess', 'eliza', 'libby', 'elsie', 'lisa', 'betsy'],
  emily: ['em', 'emmy', 'millie'],
  frances: ['fran', 'frankie', 'fanny'],
  francis: ['frank', 'fran'],
  frederick: ['fred', 'freddie', 'freddy'],
  gabriel: ['gabe'],
  gabrielle: ['gabby', 'gabi'],
  geoffrey: ['geoff', 'jeff'],
  gerald: ['gerry', 'jerry'],
  gregory: ['greg'],
  harold: ['harry', 'hal'],
  helen: ['nell', 'nellie'],
  henry: ['harry', 'hank', 'hal'],
  isabel: ['izzy', 'bella', 'isabelle', 'issy'],
  jacob: ['jake'],
  james: ['jim', 'jimmy', 'jamie', 'jim'],
  jane: ['janey', 'jenny'],
  janet: ['jan'],
  jennifer: ['jen', 'jenny', 'jenni'],
  jessica: ['jess', 'jessie'],
  john: ['jack', 'johnny', 'jon'],
  jonathan: ['jon', 'jonny', 'nathan'],
  joseph: ['joe', 'joey'],
  josephine: ['jo', 'josie'],
  joshua: ['josh'],
  judith: ['judy', 'jude'],
  katherine: ['kate', 'katie', 'kathy', 'kat', 'kay'],
  kenneth: ['ken', 'kenny'],
  lawrence: ['larry', 'laurie'],
  leonard: ['len', 'lenny', 'leo'],
  lucy: ['lu'],
  madeleine: ['maddie', 'maddy'],
  margaret: ['maggie', 'meg', 'peggy', 'peg', 'marge', 'margie', 'greta', 'madge', 'rita'],
  matilda: ['tilly', 'tilda', 'mattie'],
  matthew: ['matt', 'matty'],
  michael: ['mike', 'mick', 'mickey', 'mikey'],
  nathaniel: ['nat', 'nate', 'nathan'],
  nicholas: ['nick', 'nicky', 'nico'],
  nicola: ['nicky', 'nikki'],
  oliver: ['ollie', 'olly'],
  patricia: ['pat', 'patty', 'trish', 'tricia'],
  patrick: ['pat', 'paddy'],
  penelope: ['penny'],
  peter: ['pete'],
  philip: ['phil', 'pip'],
  rebecca: ['becky', 'becca', 'bex'],
  richard: ['rick', 'rich', 'dick', 'richie', 'ricky'],
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  ronald: ['ron', 'ronnie'],
  rosemary: ['rose', 'rosie'],
  samantha: ['sam', 'sammy'],
  samuel: ['sam', 'sammy'],
  sarah: ['sally', 'sadie', 'sara'],
  stephen: ['steve', 'stevie', 'steven'],
  susan: ['sue', 'susie', 'suzy'],
  theodore: ['theo', 'ted', 'teddy'],
  thomas: ['tom', 'tommy'],
  timothy: ['tim', 'timmy'],
  victoria: ['vicky', 'vicki', 'tori'],
  walter: ['walt', 'wally'],
  william: ['bill', 'billy', 'will', 'willie', 'liam'],
  zachary: ['zach', 'zack'],
};

/** Folded name → the formal names it may stand for (a formal name stands for itself). */
const FORMAL_OF = new Map<string, string[]>();
for (const [formal, familiar] of Object.entries(GROUPS)) {
  addFormal(formal, formal);
  for (const name of familiar) addFormal(name, formal);
}

function addFormal(name: string, formal: string): void {
  const list = FORMAL_OF.get(name) ?? [];
  if (!list.includes(formal)) list.push(formal);
  FORMAL_OF.set(name, list);
}

/** How many name pairs the table knows (formal–familiar), for the report and the tests. */
export const NICKNAME_PAIRS = Object.values(GROUPS).reduce((n, familiar) => n + new Set(familiar).size, 0);

/** True when one name is a familiar form of the other, or both are forms of one formal name. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false;
  const fa = FORMAL_OF.get(a);
  const fb = FORMAL_OF.get(b);
  if (!fa || !fb) return false;
  return fa.some((f) => fb.includes(f));
}

/** The name used for blocking: the first formal name it stands for, or the name itself. */
export function formalName(name: string): string {
  return FORMAL_OF.get(name)?.[0] ?? name;
}

/** Every name a counter search should also try for this one (the name, its formal and familiar forms). */
export function nameVariants(name: string): string[] {
  const out = new Set<string>([name]);
  for (const formal of FORMAL_OF.get(name) ?? []) {
    out.add(formal);
    for (const familiar of GROUPS[formal] ?? []) out.add(familiar);
  }
  return [...out];
}
