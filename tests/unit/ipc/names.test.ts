import { describe, expect, it } from 'vitest';
import { calls, events } from '../../../src/shared/contract';
import { CALL_NAMES, EVENT_NAMES } from '../../../src/shared/ipc/names';

describe('contract names for the preload', () => {
  it('lists every call and event of the contract exactly once', () => {
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(calls).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
    expect(new Set(CALL_NAMES).size).toBe(CALL_NAMES.length);
  });
});
