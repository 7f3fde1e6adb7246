// A core refusal lands beside the form's fields, or in the banner (renderer/src/ui/refusal.ts).
import { describe, expect, it } from 'vitest';
import { placeRefusal } from '../../renderer/src/ui/refusal';
import type { AppError } from '../../shared/contract/result';

const refusal = (fields?: AppError['fields']): AppError => ({
  code: 'INVALID_INPUT',
  message: 'Some values need correcting.',
  ...(fields ? { fields } : {}),
});

describe('placeRefusal', () => {
  it('puts each field error beside its field, the first message for a field winning, and no banner', () => {
    const error = refusal([
      { path: 'password', message: 'Use at least 10 characters.' },
      { path: 'password', message: 'This passphrase is easy to guess.' },
      { path: 'pin', message: 'A PIN is 4 to 8 digits.' },
    ]);
    expect(placeRefusal(error)).toEqual({
      errors: { password: 'Use at least 10 characters.', pin: 'A PIN is 4 to 8 digits.' },
      problem: null,
    });
  });

  it("places only this form's fields, and keeps the banner empty while any is placed", () => {
    const error = refusal([
      { path: 'id', message: 'No such account.' },
      { path: 'pin', message: 'A PIN is 4 to 8 digits.' },
    ]);
    expect(placeRefusal(error, ['password', 'pin'])).toEqual({
      errors: { pin: 'A PIN is 4 to 8 digits.' },
      problem: null,
    });
  });

  it('shows the refusal in the banner when no field error is one of the form', () => {
    expect(placeRefusal(refusal([{ path: 'id', message: 'No such account.' }]), ['password', 'pin'])).toEqual({
      errors: {},
      problem: 'Some values need correcting.',
    });
    expect(placeRefusal({ code: 'FORBIDDEN', message: 'Only the owner can do this.' })).toEqual({
      errors: {},
      problem: 'Only the owner can do this.',
    });
  });
});
