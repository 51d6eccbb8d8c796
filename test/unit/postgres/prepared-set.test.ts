import { describe, expect, it } from 'vitest';
import { PreparedSet } from '../../../connectors/postgres/prepared-set.js';

describe('PreparedSet', () => {
  it('evicts the least recently used name past its capacity', () => {
    const set = new PreparedSet(2);
    expect(set.add('a')).toBeNull();
    expect(set.add('b')).toBeNull();
    set.touch('a');
    expect(set.add('c')).toBe('b');
    expect(set.has('a') && set.has('c') && !set.has('b')).toBe(true);
    set.restore('b');
    expect(set.has('b')).toBe(true);
  });
});
