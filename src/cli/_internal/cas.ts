/** Run `fn`, then stop the CAS worker threads (they would keep the process alive). */
export async function withCasWorkers<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    const { closeCasWorkers } = await import('../../symbolic/cas/worker.js');
    await closeCasWorkers();
  }
}
