/** Ctrl-C stops taking operations and cancels in-flight requests; the report says what ran. Returns the undo. */
export function abortOnSignals(controller: AbortController): () => void {
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return () => {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  };
}
