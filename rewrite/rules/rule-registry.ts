// The tenant rules, in the order they run. Checking rules come first, so a statement is refused
// before anything rewrites it; the rewriting rules (INSERT fill, row predicate) come last.
import { appendOnlyRule } from './append-only.rule.js';
import { channelNamespaceRule } from './channel-namespace.rule.js';
import { crossSchemaJoinRule } from './cross-schema-join.rule.js';
import { explainAnalyzeRule } from './explain-analyze.rule.js';
import { functionAllowRule } from './function-allow.rule.js';
import type { TenantRule } from './rule.js';
import { rowPredicateRule } from './row-predicate.rule.js';
import { schemaPermissionRule } from './schema-permission.rule.js';
import { systemRelationRule } from './system-relation.rule.js';
import { tenantColumnWriteRule } from './tenant-column-write.rule.js';
import { tenantInsertRule } from './tenant-insert.rule.js';
import { viewTenantColumnRule } from './view-tenant-column.rule.js';

export const CHECK_RULES: readonly TenantRule[] = [
  systemRelationRule,
  schemaPermissionRule,
  appendOnlyRule,
  viewTenantColumnRule,
  crossSchemaJoinRule,
  functionAllowRule,
  tenantColumnWriteRule,
  explainAnalyzeRule,
];

export const REWRITE_RULES: readonly TenantRule[] = [tenantInsertRule, rowPredicateRule, channelNamespaceRule];
