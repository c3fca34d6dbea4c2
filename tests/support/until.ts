type Probe<T> = () => T | undefined | false | null | Promise<T | undefined | false | null>;

/**
 * Wait for a condition instead of a fixed sleep: `probe` is asked every 20 ms until it gives a value
 * (anything but undefined, false or null), which is returned; after `ms` the test fails naming `what`.
 */
export async function until<T>(what: string, probe: Probe<T>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false && v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
