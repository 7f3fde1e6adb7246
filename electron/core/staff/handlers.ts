// Staff accounts.
import type { Handlers } from '../context';
import { createAccount, listAccounts, setSecret, updateAccount } from './staff.service';

export const handlers: Handlers<'staff'> = {
  'staff.list': listAccounts,
  'staff.create': createAccount,
  'staff.update': updateAccount,
  'staff.setSecret': setSecret,
};
