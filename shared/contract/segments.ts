// Segments: a named, saved definition with a purpose (shared/segments.ts), its count as the
// definition changes, a first page of who is in it, and a flag when the register has moved on
// under it. Owners and managers build them; nobody else sees them (issue: roles for insight).
import { z } from 'zod';
import { Definition } from '../segments';
import { MANAGERS } from './roles';

const Id = z.number().int().positive();

const SegmentInput = z.object({
  name: z.string().trim().min(1, 'Give the segment a name.').max(120),
  purpose: z.string().trim().min(1, 'Say what the segment is for: it is kept with it.').max(1000),
  definition: Definition,
});

const SegmentMember = z.object({
  id: z.number().int(),
  ref: z.string(),
  name: z.string(),
  town: z.string(),
  postcode: z.string(),
});

export const Segment = SegmentInput.extend({
  id: Id,
  created_at: z.string(),
  created_by: z.string(),
  updated_at: z.string(),
  /** Why the definition needs a person to look at it again (a field retired, a choice gone); empty when sound. */
  review: z.array(z.string()),
});
export type Segment = z.infer<typeof Segment>;

export const segments = {
  // Counting reveals no one; the preview names people, so asking for it is audited.
  'segments.count': {
    input: z.object({ definition: Definition, preview: z.number().int().min(0).max(50).default(0) }),
    output: z.object({ count: z.number().int(), preview: z.array(SegmentMember), review: z.array(z.string()) }),
    roles: MANAGERS,
  },
  'segments.save': { input: SegmentInput.extend({ id: Id.optional() }), output: Segment, roles: MANAGERS },
  'segments.list': { input: z.object({}), output: z.array(Segment), roles: MANAGERS },
  'segments.remove': { input: z.object({ id: Id }), output: z.object({ message: z.string() }), roles: MANAGERS },
} as const;
