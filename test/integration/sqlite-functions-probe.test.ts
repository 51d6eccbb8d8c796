import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { openHarness } from './sqlite-functions-harness.js';

it('probe', async () => {
  const h = await openHarness('sqlite_functions_probe');
  for (const line of readFileSync('/tmp/probe.txt', 'utf8').split('\n').filter(Boolean)) {
    try { console.log(`${line} => ${JSON.stringify(await h.pgText(line))}`); } catch (e) { console.log(`${line} => ERR ${(e as {code:string}).code} ${(e as Error).message}`); }
  }
  await h.close();
});
