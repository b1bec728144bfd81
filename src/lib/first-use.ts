/** Makes something on first call and returns the same (promised) thing afterwards: SDK clients loaded lazily. */
export function onFirstUse<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
