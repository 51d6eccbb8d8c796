// Startup-packet settings (and -c options) a tenant session may not start with: those that would make the
// server read statement text differently from the rewriter (see lexingSettingProblem).
import { parseStartupOptions } from '../../connectors/postgres/session-parameters.js';
import { lexingSettingProblem } from '../../rewrite/tenant/utility-analyzer.js';

/** A startup setting (or -c option) that would make the server read statement text differently from the rewriter. */
export function unsafeStartupSetting(parameters: Record<string, string>): string | null {
  const all = { ...parameters, ...parseStartupOptions(parameters['options'] ?? '') };
  for (const [name, value] of Object.entries(all)) {
    const problem = lexingSettingProblem(name.toLowerCase(), value);
    if (problem) return problem;
  }
  return null;
}
