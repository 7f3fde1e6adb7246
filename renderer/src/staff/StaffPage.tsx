// Staff accounts (owner and managers): who can sign in, with what role and which secrets; add
// an account; for the owner, change a role, disable or enable, and reset a password or PIN
// (the file's settings have their own page, SettingsPage). Every control is shown only when
// the contract lets the signed-in role call its method; the core's refusals appear as they are.
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { contract, type Output } from '../../../shared/contract';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/contract/roles';
import { attempt } from '../client';
import { formatStamp } from '../format';
import { contractResolver, optional } from '../forms';
import { useCan } from '../permissions';
import { RegisterSettings } from '../register/RegisterSettings';
import { useSession } from '../store';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { PassphraseInput } from '../ui/PassphraseInput';
import { useCoreErrors } from '../ui/useCoreErrors';
import { SECRET_PATHS, SecretFields, secretsInput } from './SecretFields';
import { useSetSecret } from './useSetSecret';

type Account = Output<'staff.list'>[number];

export function StaffPage() {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const canCreate = useCan('staff.create');
  const canManage = useCan('staff.update');
  const me = useSession((s) => s.session?.user.id);

  const load = useCallback(async () => {
    const result = await attempt('staff.list', {});
    if (result.ok) setAccounts(result.value);
    else setProblem(result.error.message);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function update(account: Account, change: { role?: Role; active?: boolean }) {
    setProblem(null);
    const result = await attempt('staff.update', { id: account.id, ...change });
    if (!result.ok) setProblem(result.error.message);
    await load();
  }

  return (
    <main className="page" aria-labelledby="staff-title">
      <header className="page__head">
        <h1 id="staff-title" className="record__name">
          Staff accounts
        </h1>
        <p className="muted">Who can sign in to this file, and what each role may do.</p>
      </header>
      <ErrorBanner message={problem} />
      <section className="card" aria-labelledby="staff-list-title">
        <h2 className="card__title" id="staff-list-title">
          Accounts
        </h2>
        {accounts === null ? (
          <p className="muted">Reading the accounts…</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Signs in with</th>
                <th scope="col">Status</th>
                <th scope="col">Added</th>
                {canManage && <th scope="col">Change</th>}
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.name}
                    {a.id === me && <span className="muted"> (you)</span>}
                  </th>
                  <td>
                    {canManage ? (
                      <select
                        className="input input--inline"
                        aria-label={`Role for ${a.name}`}
                        value={a.role}
                        onChange={(e) => void update(a, { role: e.target.value as Role })}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      ROLE_LABELS[a.role]
                    )}
                  </td>
                  <td>{signsInWith(a)}</td>
                  <td>
                    {a.active ? (
                      <span className="badge badge--ok">Active</span>
                    ) : (
                      <span className="badge badge--muted">Disabled</span>
                    )}
                  </td>
                  <td>{formatStamp(a.created_at)}</td>
                  {canManage && (
                    <td>
                      <div className="table__actions">
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={`${a.active ? 'Disable' : 'Enable'} ${a.name}`}
                          onClick={() => void update(a, { active: !a.active })}
                        >
                          {a.active ? 'Disable' : 'Enable'}
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={`Reset password / PIN for ${a.name}`}
                          onClick={() => setResetting(a)}
                        >
                          Reset password / PIN
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {canCreate && <AddAccount onAdded={load} />}
      <RegisterSettings />
      {resetting && (
        <ResetDialog
          account={resetting}
          onClose={() => {
            setResetting(null);
            void load();
          }}
        />
      )}
    </main>
  );
}

function signsInWith(a: Account): string {
  const ways = [a.has_password ? 'Password' : '', a.has_pin ? (a.pin_disabled ? 'PIN (switched off)' : 'PIN') : ''];
  const text = ways.filter(Boolean).join(', ');
  return text || (a.role === 'owner' ? 'File passphrase' : 'Nothing yet');
}

type NewAccount = { name: string; role: Role | ''; password: string; pin: string };

const newAccountResolver = contractResolver<NewAccount>(contract['staff.create'].input, (v) => ({
  name: v.name,
  role: v.role || undefined,
  password: optional(v.password),
  pin: optional(v.pin),
}));

function AddAccount({ onAdded }: { onAdded: () => Promise<void> }) {
  const [added, setAdded] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NewAccount>({
    resolver: newAccountResolver,
    defaultValues: { name: '', role: 'staff', password: '', pin: '' },
  });
  const { problem, place, clear } = useCoreErrors(setError);

  const submit = handleSubmit(async (v) => {
    clear();
    setAdded(null);
    const result = await attempt('staff.create', {
      name: v.name,
      role: v.role as Role,
      ...secretsInput({ password: v.password, pin: v.pin }),
    });
    if (result.ok) {
      reset();
      setAdded(`${result.value.name} can now sign in as ${ROLE_LABELS[result.value.role]}.`);
      await onAdded();
      return;
    }
    place(result.error, ['name', 'role', ...SECRET_PATHS]);
  });

  return (
    <section className="card" aria-labelledby="add-account-title">
      <h2 className="card__title" id="add-account-title">
        Add an account
      </h2>
      <form className="stack" onSubmit={submit} noValidate>
        <ErrorBanner message={problem} />
        {added && (
          <output className="banner banner--info" aria-live="polite">
            {added}
          </output>
        )}
        <div className="grid grid--two">
          <Field id="acc-name" label="Name" error={errors.name?.message}>
            {(control) => <input {...control} {...register('name')} className="input" autoComplete="off" />}
          </Field>
          <Field id="acc-role" label="Role" error={errors.role?.message}>
            {(control) => (
              <select {...control} {...register('role')} className="input">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="acc-password"
            label="Password"
            optional
            error={errors.password?.message}
            hint="At least 10 characters. Give a password, a PIN, or both."
          >
            {(control) => <PassphraseInput {...control} {...register('password')} autoComplete="new-password" />}
          </Field>
          <Field id="acc-pin" label="PIN" optional error={errors.pin?.message} hint="4 to 8 digits, for the counter.">
            {(control) => (
              <PassphraseInput {...control} {...register('pin')} inputMode="numeric" autoComplete="off" maxLength={8} />
            )}
          </Field>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            {isSubmitting ? 'Adding…' : 'Add account'}
          </button>
        </div>
      </form>
    </section>
  );
}

function ResetDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const { values, setValues, errors, problem, busy, send } = useSetSecret(account.id);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await send()) onClose();
  }

  return (
    <Dialog title={`Reset password / PIN for ${account.name}`} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <p className="muted">
          Tell {account.name} the new password or PIN in person. A new PIN switches the PIN back on.
        </p>
        <ErrorBanner message={problem} />
        <SecretFields idPrefix="reset" values={values} errors={errors} onChange={setValues} autoFocus />
        <FormActions onCancel={onClose} busy={busy} label="Save" busyLabel="Saving…" />
      </form>
    </Dialog>
  );
}
