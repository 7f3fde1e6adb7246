// The one contract: every method the renderer, the command line and the tests may call, with
// its input and output schemas. The hosts and the typed client are generic over this table.
import type { z } from 'zod';
import { audit } from './audit';
import { backups } from './backups';
import { briefs } from './briefs';
import { campaigns } from './campaigns';
import { consent } from './consent';
import { customers } from './customers';
import { duplicates } from './duplicates';
import { exporting } from './exports';
import { imports } from './imports';
import { interactions } from './interactions';
import { packs } from './packs';
import { purchases } from './purchases';
import { quality } from './quality';
import { register } from './register';
import { reports } from './reports';
import { requests } from './requests';
import { retention } from './retention';
import type { Role } from './roles';
import { search } from './search';
import { segments } from './segments';
import { session } from './session';
import { settings } from './settings';
import { sources } from './sources';
import { staff } from './staff';
import { vault } from './vault';

/** A method: its input and output, and either `public` (no session) or the roles that may call it. */
type MethodSpec = { input: z.ZodType; output: z.ZodType; public?: true; roles?: readonly Role[] };

/**
 * The capabilities, each a method prefix with its own contract file `shared/contract/<name>.ts`,
 * core folder `electron/core/<name>/` (handlers in its handlers.ts) and renderer folder
 * `renderer/src/<name>/` (tests/unit/capabilities.test.ts holds the layout to this).
 */
export const CAPABILITIES = [
  'vault',
  'session',
  'staff',
  'settings',
  'audit',
  'customers',
  'search',
  'requests',
  'duplicates',
  'quality',
  'retention',
  'imports',
  'sources',
  'exports',
  'consent',
  'purchases',
  'interactions',
  'register',
  'segments',
  'campaigns',
  'reports',
  'briefs',
  'backups',
  'packs',
] as const;

/** Method names are unique across groups: a repeated name is a mistake, refused at start-up. */
function refuseDuplicates(...groups: Record<string, MethodSpec>[]): void {
  const seen = new Set<string>();
  for (const name of groups.flatMap((g) => Object.keys(g))) {
    if (seen.has(name)) throw new Error(`Duplicate method in the contract: ${name}`);
    seen.add(name);
  }
}

refuseDuplicates(
  vault,
  session,
  staff,
  settings,
  audit,
  customers,
  search,
  requests,
  duplicates,
  quality,
  retention,
  imports,
  sources,
  exporting,
  consent,
  purchases,
  interactions,
  register,
  segments,
  campaigns,
  reports,
  briefs,
  backups,
  packs,
);
export const contract = {
  ...vault,
  ...session,
  ...staff,
  ...settings,
  ...audit,
  ...customers,
  ...search,
  ...requests,
  ...duplicates,
  ...quality,
  ...retention,
  ...imports,
  ...sources,
  ...exporting,
  ...consent,
  ...purchases,
  ...interactions,
  ...register,
  ...segments,
  ...campaigns,
  ...reports,
  ...briefs,
  ...backups,
  ...packs,
} as const;
export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;
/** A method's input after validation: defaults filled in (what a handler receives). */
export type Parsed<M extends Method> = z.output<Contract[M]['input']>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export * from './result';

/** The roles that may call a method (empty for public methods). */
export function rolesFor(method: Method): readonly Role[] {
  const spec: MethodSpec = contract[method];
  return spec.roles ?? [];
}
