import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, MODEL_FILE } from '../../../../src/main/engine/intent/model-file';
import { resolveResourcesDir } from '../../../../src/main/engine/intent/resources';

const snapshot = {
  temperature: 0.5,
  classes: 2,
  terms: Uint32Array.from([7, 0xffffffff, 42]),
  idf: Float64Array.from([1.5, 2, 0.25]),
  weights: Float64Array.from([0.5, -0.5, 1, -1, 0.125, 2]),
  bias: Float64Array.from([0.1, -0.1]),
};
const fingerprint = 'ab'.repeat(32);

describe('shipped model file', () => {
  it('round-trips a model through the binary layout', () => {
    const back = decodeModel(encodeModel(fingerprint, snapshot))!;
    expect(back.fingerprint).toBe(fingerprint);
    expect(back.snapshot.temperature).toBe(0.5);
    expect(back.snapshot.classes).toBe(2);
    expect([...back.snapshot.terms]).toEqual([7, 0xffffffff, 42]);
    expect([...back.snapshot.idf]).toEqual([1.5, 2, 0.25]);
    expect([...back.snapshot.weights]).toEqual([0.5, -0.5, 1, -1, 0.125, 2]);
    expect([...back.snapshot.bias]).toEqual([0.1, -0.1]);
  });

  it('reads a model from an unaligned view (as a pooled Buffer can be)', () => {
    const bytes = encodeModel(fingerprint, snapshot);
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes, 1);
    expect(decodeModel(padded.subarray(1))?.snapshot.terms[1]).toBe(0xffffffff);
  });

  it('refuses truncated, padded, foreign and non-finite files instead of scoring with garbage', () => {
    const bytes = encodeModel(fingerprint, snapshot);
    expect(decodeModel(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
    expect(decodeModel(new Uint8Array([...bytes, 0]))).toBeUndefined();
    expect(decodeModel(new Uint8Array(10))).toBeUndefined();
    const foreign = Uint8Array.from(bytes);
    foreign[0] = 0x7b;
    expect(decodeModel(foreign)).toBeUndefined();
    const nan = encodeModel(fingerprint, { ...snapshot, weights: Float64Array.from([NaN, 0, 0, 0, 0, 0]) });
    expect(decodeModel(nan)).toBeUndefined();
  });

  it('ships a file that decodes', () => {
    const shipped = decodeModel(readFileSync(join(resolveResourcesDir(), MODEL_FILE)));
    expect(shipped?.snapshot.terms.length).toBeGreaterThan(1000);
  });
});
