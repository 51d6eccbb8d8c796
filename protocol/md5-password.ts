// Owns the MD5 password hash of AuthenticationMD5Password: 'md5' + md5(md5(password + user) + salt).
// Needed to log in to backends still configured for md5; pgfabric itself offers clients SCRAM.

import { createHash } from 'node:crypto';

export function md5PasswordHash(user: string, password: string, salt: Buffer): string {
  const inner = createHash('md5').update(password + user, 'utf8').digest('hex');
  return 'md5' + createHash('md5').update(inner, 'latin1').update(salt).digest('hex');
}
