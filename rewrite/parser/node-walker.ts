// A traversal that knows the node types: every field of every node is visited, whether it holds
// wrapped nodes ({ TypeName: {...} }) or a bare node of a declared type (SelectStmt.larg, InsertStmt.relation).
// A prototype that visited only "obvious" fields missed the branches of a UNION and leaked rows.
import { BARE_NODE_FIELDS, NODE_TYPES } from './node-fields.generated.js';

export type AstObject = Record<string, unknown>;

/** Return false to skip the node's children. */
export type NodeVisitor = (type: string, node: AstObject, parentType: string | null, field: string | null) => boolean | void;

export class UnknownNodeError extends Error {}

export function isObject(value: unknown): value is AstObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The type and body of a wrapped node, or null when the value is not a wrapped node. */
export function unwrap(value: unknown): { type: string; node: AstObject } | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const type = keys[0]!;
  const node = value[type];
  if (!isObject(node)) return null;
  if (!NODE_TYPES.has(type)) throw new UnknownNodeError(`unknown node type ${type}`);
  return { type, node };
}

export function walkWrapped(value: unknown, visit: NodeVisitor, parentType: string | null = null, field: string | null = null): void {
  if (Array.isArray(value)) {
    for (const item of value) walkWrapped(item, visit, parentType, field);
    return;
  }
  const wrapped = unwrap(value);
  if (wrapped) walkNode(wrapped.type, wrapped.node, visit, parentType, field);
  // {} stands for a NULL node (e.g. the missing column definition list of a function in FROM).
  else if (isObject(value) && Object.keys(value).length > 0) throw new UnknownNodeError(`unexpected value in ${parentType ?? 'root'}.${field ?? ''}`);
}

export function walkNode(type: string, node: AstObject, visit: NodeVisitor, parentType: string | null = null, field: string | null = null): void {
  if (visit(type, node, parentType, field) === false) return;
  walkChildren(type, node, visit);
}

function walkChildren(type: string, node: AstObject, visit: NodeVisitor): void {
  const bare = BARE_NODE_FIELDS[type];
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (typeof value !== 'object' || value === null) continue;
    const bareType = bare?.[key];
    if (bareType) {
      if (Array.isArray(value)) for (const item of value) walkBare(bareType, item, visit, type, key);
      else walkBare(bareType, value, visit, type, key);
    } else {
      walkWrapped(value, visit, type, key);
    }
  }
}

function walkBare(type: string, value: unknown, visit: NodeVisitor, parentType: string, field: string): void {
  if (isObject(value)) walkNode(type, value, visit, parentType, field);
}
