// The organisation's settings.
import type { Handlers } from '../context';
import { getSettings, updateSettings } from './settings.service';

export const handlers: Handlers<'settings'> = {
  'settings.get': getSettings,
  'settings.update': updateSettings,
};
