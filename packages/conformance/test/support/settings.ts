/** A setting of the suite from the environment: an integer of at least `minimum`, or `fallback` when unset. */
export function integerFromEnv(name: string, fallback: number, minimum: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new Error(`${name} must be an integer of at least ${minimum}; got ${JSON.stringify(text)}`);
  }
  return value;
}
