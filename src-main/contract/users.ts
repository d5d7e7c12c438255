import { z } from 'zod';
import { ByIdInput, EmptyInput, Id, Timestamp, shortText, text } from './common';

export const userRoles = ['validator', 'team_lead'] as const;
export const UserRole = z.enum(userRoles);

export const User = z.strictObject({
  id: Id,
  name: text(),
  role: UserRole,
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const UserDraft = z.strictObject({ name: shortText(120), role: UserRole });

export const Session = z.strictObject({ currentUser: User.nullable(), users: z.array(User) });
export type Session = z.infer<typeof Session>;

export const usersContract = {
  /** Who is on this device, and who is working now. */
  'users:session': { input: EmptyInput, output: Session },
  /** Adds a person to this device and makes them the current user. */
  'users:create': { input: UserDraft, output: User },
  'users:switch': { input: ByIdInput, output: Session },
} as const;
