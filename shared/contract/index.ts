// The one contract: every method the renderer, the command line and the tests may call, with
// its input and output schemas. The hosts and the typed client are generic over this table.
import type { z } from 'zod';
import { access } from './access';
import { accuracy } from './accuracy';
import { briefs } from './briefs';
import { campaigns } from './campaigns';
import { customers } from './customers';
import { details } from './details';
import { exporting } from './exports';
import { imports, sources } from './imports';
import { profile } from './profile';
import { quality } from './quality';
import { register } from './register';
import { reports } from './reports';
import { requests } from './requests';
import type { Role } from './roles';
import { segments } from './segments';
import { vault } from './vault';

/** A method: its input and output, and either `public` (no session) or the roles that may call it. */
export type MethodSpec = { input: z.ZodType; output: z.ZodType; public?: true; roles?: readonly Role[] };

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
  access,
  customers,
  requests,
  quality,
  imports,
  sources,
  exporting,
  accuracy,
  profile,
  register,
  details,
  segments,
  campaigns,
  reports,
  briefs,
);
export const contract = {
  ...vault,
  ...access,
  ...customers,
  ...requests,
  ...quality,
  ...imports,
  ...sources,
  ...exporting,
  ...accuracy,
  ...profile,
  ...register,
  ...details,
  ...segments,
  ...campaigns,
  ...reports,
  ...briefs,
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
