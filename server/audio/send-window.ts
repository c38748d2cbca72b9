/**
 * At most `burst` sends per sender in any `windowMs`: enough to keep up with a
 * conversation, not enough to flood a room. Only senders heard from within the
 * last window are remembered: a server that runs for months forgets everyone
 * else, so this holds as many entries as people chatting right now.
 */
export function createSendWindow(options: { burst: number; windowMs: number; now: () => number }) {
  const recent = new Map<string, number[]>();
  let prunedAt = options.now();

  /** Forgets senders whose last send has left the window; at most once per window, so amortised O(1). */
  function prune(at: number) {
    if (at - prunedAt < options.windowMs) return;
    prunedAt = at;
    for (const [sender, times] of recent) if (at - times[times.length - 1]! >= options.windowMs) recent.delete(sender);
  }

  return {
    /** Records a send and says whether it was one too many (then it is not recorded). */
    tooFast(sender: string): boolean {
      const at = options.now();
      prune(at);
      const times = (recent.get(sender) ?? []).filter((t) => at - t < options.windowMs);
      if (times.length >= options.burst) return true;
      times.push(at);
      recent.set(sender, times);
      return false;
    },
    /** How many senders are remembered (tests). */
    remembered: () => recent.size,
  };
}
