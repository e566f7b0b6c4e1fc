/** Excel's side of a streaming call, for tests: the answers a function sets, and its cancellation. */
export class FakeInvocation<T = unknown> {
  readonly results: unknown[] = [];
  onCanceled?: () => void;

  readonly setResult = (value: T | unknown): void => {
    this.results.push(value);
  };

  /** The cell's answer now: the last one set. */
  get last(): unknown {
    return this.results.at(-1);
  }

  /** As Excel does when the formula's arguments change or its cell is cleared. */
  cancel(): void {
    this.onCanceled?.();
  }

  /** As the functions take it: typed as the runtime's invocation. */
  get asInvocation(): CustomFunctions.StreamingInvocation<T> {
    return this as unknown as CustomFunctions.StreamingInvocation<T>;
  }
}
