import { AgentReadCache } from '../../../src/services/agents/agent-read-cache';

/** A loader whose reads the test answers, one at a time, recording which ids each asked for. */
function controlledLoader() {
  const calls: { ids: string[]; answer(values: Record<string, string>): void; fail(error: Error): void }[] = [];
  const load = (ids: readonly string[]) =>
    new Promise<ReadonlyMap<string, string>>((resolve, reject) => {
      calls.push({ ids: [...ids], answer: (values) => resolve(new Map(Object.entries(values))), fail: reject });
    });
  return { calls, load };
}

describe('AgentReadCache', () => {
  let clock = 0;
  const cache = (): AgentReadCache<string> => new AgentReadCache<string>({ ttlMs: 1_000, maxEntries: 100, now: () => clock });
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('reads the source once when concurrent readers miss the same agent', async () => {
    const reads = cache();
    const { calls, load } = controlledLoader();
    const first = reads.getMany(['a'], load);
    const second = reads.getMany(['a', 'b'], load);
    expect(calls.map((call) => call.ids)).toEqual([['a'], ['b']]);
    calls[0]!.answer({ a: 'A1' });
    calls[1]!.answer({ b: 'B1' });
    expect(await first).toEqual(new Map([['a', 'A1']]));
    expect(await second).toEqual(new Map([['a', 'A1'], ['b', 'B1']]));
    expect(await reads.getMany(['a', 'b'], load)).toEqual(new Map([['a', 'A1'], ['b', 'B1']]));
    expect(calls).toHaveLength(2);
  });

  it('does not share a read that began before an invalidation with readers after it', async () => {
    const reads = cache();
    const { calls, load } = controlledLoader();
    const before = reads.getMany(['a'], load);
    reads.invalidate(['a']);
    const after = reads.getMany(['a'], load);
    expect(calls).toHaveLength(2);
    calls[0]!.answer({ a: 'old' });
    calls[1]!.answer({ a: 'new' });
    expect((await before).get('a')).toBe('old');
    expect((await after).get('a')).toBe('new');
    // The read from before the change was not kept either.
    expect((await reads.getMany(['a'], load)).get('a')).toBe('new');
    expect(calls).toHaveLength(2);
  });

  it('keeps serving a hot entry while it reloads it in the background, so it never expires under reads', async () => {
    const reads = cache();
    const { calls, load } = controlledLoader();
    const first = reads.getMany(['a'], load);
    calls[0]!.answer({ a: 'A1' });
    await first;
    clock += 400;
    expect((await reads.getMany(['a'], load)).get('a')).toBe('A1');
    expect(calls).toHaveLength(1);
    // Past half its life: served at once, and read again once, in the background.
    clock += 200;
    expect((await reads.getMany(['a'], load)).get('a')).toBe('A1');
    expect((await reads.getMany(['a'], load)).get('a')).toBe('A1');
    expect(calls).toHaveLength(2);
    calls[1]!.answer({ a: 'A2' });
    await new Promise((resolve) => setImmediate(resolve));
    // Past the first read's expiry: the reloaded entry answers without another read.
    clock += 450;
    expect((await reads.getMany(['a'], load)).get('a')).toBe('A2');
    expect(calls).toHaveLength(2);
  });

  it('answers a fresh entry at once through peek, and leaves a missing, invalidated or half-aged one to getMany', async () => {
    const reads = cache();
    const { calls, load } = controlledLoader();
    expect(reads.peek('a')).toBeUndefined();
    const first = reads.getMany(['a'], load);
    calls[0]!.answer({ a: 'A1' });
    await first;
    expect(reads.peek('a')).toBe('A1');
    // Past half its life: peek leaves it to getMany, which serves it and starts the one reload;
    // while that runs, peek answers again.
    clock += 600;
    expect(reads.peek('a')).toBeUndefined();
    expect((await reads.getMany(['a'], load)).get('a')).toBe('A1');
    expect(reads.peek('a')).toBe('A1');
    expect(calls).toHaveLength(2);
    calls[1]!.answer({ a: 'A2' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads.peek('a')).toBe('A2');
    reads.invalidate(['a']);
    expect(reads.peek('a')).toBeUndefined();
    // peek never reads the source itself.
    expect(calls).toHaveLength(2);
  });

  it('reads again after ttlMs when nobody read the entry in the meantime', async () => {
    const reads = cache();
    const { calls, load } = controlledLoader();
    const first = reads.getMany(['a'], load);
    calls[0]!.answer({ a: 'A1' });
    await first;
    clock += 1_000;
    const again = reads.getMany(['a'], load);
    expect(calls).toHaveLength(2);
    calls[1]!.answer({ a: 'A2' });
    expect((await again).get('a')).toBe('A2');
  });

  it('fails the readers of a failed read, keeps nothing, and reads again for the next reader', async () => {
    const reads = cache();
    const { calls, load } = controlledLoader();
    const first = reads.getMany(['a'], load);
    const joined = reads.getMany(['a'], load);
    calls[0]!.fail(new Error('source down'));
    await expect(first).rejects.toThrow('source down');
    await expect(joined).rejects.toThrow('source down');
    const next = reads.getMany(['a'], load);
    expect(calls).toHaveLength(2);
    calls[1]!.answer({ a: 'A1' });
    expect((await next).get('a')).toBe('A1');
  });

  it('leaves out agents the source has no value for, and does not cache their absence', async () => {
    const reads = cache();
    const { calls, load } = controlledLoader();
    const first = reads.getMany(['a', 'gone'], load);
    calls[0]!.answer({ a: 'A1' });
    expect(await first).toEqual(new Map([['a', 'A1']]));
    const again = reads.getMany(['gone'], load);
    expect(calls.map((call) => call.ids)).toEqual([['a', 'gone'], ['gone']]);
    calls[1]!.answer({});
    expect((await again).size).toBe(0);
  });
});
