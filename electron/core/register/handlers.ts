// The information-requirements register.
import type { Handlers } from '../context';
import { addField, exportRegister, listRegister, removeField, updateRegister } from './register.service';

export const handlers: Handlers<'register'> = {
  'register.list': listRegister,
  'register.update': updateRegister,
  'register.add': addField,
  'register.remove': removeField,
  'register.export': exportRegister,
};
