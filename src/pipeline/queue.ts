/** A FIFO that consumers await: `next()` waits for an item, or gives undefined once closed and empty. */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private head = 0;
  private readonly waiters: ((item: T | undefined) => void)[] = [];
  private closed = false;

  /** Items waiting to be taken. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Adds an item (ignored once closed). */
  push(item: T): void {
    if (this.closed) return;
    const w = this.waiters.shift();
    if (w) w(item);
    else this.items.push(item);
  }

  /** No more items: waiting consumers get undefined (with `drop`, queued items are discarded too). */
  close(drop = false): void {
    this.closed = true;
    if (drop) {
      this.items.length = 0;
      this.head = 0;
    }
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** The next item, waiting for one; undefined once closed and drained. */
  next(): Promise<T | undefined> {
    if (this.head < this.items.length) {
      const item = this.items[this.head++];
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
      return Promise.resolve(item);
    }
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
