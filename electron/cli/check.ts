// custodian check FILE: integrity, format version, cipher, audit chain and warnings.
import { needArgs, type Options, out } from './common';
import { call, withFile } from './open';

export async function check(options: Options): Promise<number> {
  const [file] = needArgs(options, 1, 'check FILE [--json] [--acknowledge]') as [string];
  return withFile(file, options, async (core, token) => {
    const r = await call(core, token, 'vault.check', {});
    // Acknowledged only when asked, after the warnings were shown to whoever asked.
    const acknowledged =
      options.switches.has('acknowledge') && r.audit_warnings.length > 0
        ? (await call(core, token, 'audit.acknowledge', {})).warnings.length === 0
        : false;
    // Backups are not the file's health, so their warning does not change the exit code.
    const backup = (await call(core, token, 'backups.status', {})).warning;
    if (options.switches.has('json'))
      out(JSON.stringify({ ...r, audit_acknowledged: acknowledged, backup_warning: backup }, null, 2));
    else {
      out(`integrity:      ${r.integrity}`);
      out(`format version: ${r.schema_version} (this Custodian reads up to ${r.app_schema_version})`);
      out(`cipher:         ${r.cipher}`);
      out(`customers:      ${r.customers}`);
      out(`audit log:      ${r.audit.ok ? `ok (${r.audit.entries} entries)` : `PROBLEM: ${r.audit.problem}`}`);
      for (const warning of r.audit_warnings) out(`audit warning:  ${warning}`);
      if (backup) out(`backup warning: ${backup}`);
      if (acknowledged) out('audit warnings acknowledged (recorded in the audit log).');
      else if (r.audit_warnings.length > 0)
        out('If you put an older copy of the file back on purpose, run again with --acknowledge.');
    }
    // A broken audit chain means the file was changed outside Custodian: as serious as corruption.
    const warned = r.audit_warnings.length > 0 && !acknowledged;
    return r.integrity === 'ok' && r.audit.ok && !warned ? 0 : 1;
  });
}
