/** A node id not yet used in `taken`: `${prefix}-${n}` with the smallest free n. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export const edgeId = (source: string, sourceHandle: string, target: string): string => `e-${source}-${sourceHandle}-${target}`;
