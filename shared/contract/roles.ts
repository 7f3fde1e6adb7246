// Staff roles, from most to least trusted. Which methods each may call is declared beside every
// method in the contract (its `roles`); the core enforces it and the renderer only mirrors it.
import { z } from 'zod';

export const ROLES = ['owner', 'manager', 'staff', 'volunteer', 'readonly'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Manager',
  staff: 'Staff',
  volunteer: 'Volunteer (sign-ups only)',
  readonly: 'Read-only',
};

/** Shorthands for the contract's `roles` lists. */
export const ANY_SIGNED_IN: readonly Role[] = [...ROLES];
export const CAN_READ: readonly Role[] = ['owner', 'manager', 'staff', 'readonly'];
export const CAN_EDIT: readonly Role[] = ['owner', 'manager', 'staff'];
/** Who may add new records: everyone but read-only accounts (volunteers sign people up). */
export const CAN_CAPTURE: readonly Role[] = ['owner', 'manager', 'staff', 'volunteer'];
export const MANAGERS: readonly Role[] = ['owner', 'manager'];
export const OWNER: readonly Role[] = ['owner'];
