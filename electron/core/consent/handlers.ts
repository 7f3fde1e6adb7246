// Consent per channel and purpose, do-not-contact, and the consent wording.
import type { Handlers } from '../context';
import { consentHistory, getWording, recordConsent, setDoNotContact, setWording } from './consent.service';

export const handlers: Handlers<'consent'> = {
  'consent.record': recordConsent,
  'consent.history': consentHistory,
  'consent.setDoNotContact': setDoNotContact,
  'consent.wording.get': getWording,
  'consent.wording.set': setWording,
};
