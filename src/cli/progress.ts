import { performance } from 'node:perf_hooks';

export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const WIDTH = 24;

/**
 * A progress bar for long imports on stderr: share of the file read, rows, rows per
 * second. On a terminal it redraws one line (at most ten times a second); in a log it
 * prints a plain line every five seconds.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastDrawn = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly out: ProgressOutput,
    private readonly totalBytes: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  render(rows: number, bytes: number): string {
    const share = this.totalBytes > 0 ? Math.min(1, bytes / this.totalBytes) : 0;
    const filled = Math.round(share * WIDTH);
    const seconds = Math.max(0.001, (this.now() - this.started) / 1000);
    const rate = Math.round(rows / seconds);
    return (
      `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%` +
      `  ${rows.toLocaleString('en')} rows  ${rate.toLocaleString('en')} rows/s`
    );
  }

  update(rows: number, bytes: number): void {
    const at = this.now();
    if (at - this.lastDrawn < (this.out.isTTY ? 100 : 5000)) return;
    this.lastDrawn = at;
    this.out.write(
      this.out.isTTY ? `\r${this.render(rows, bytes)}` : `${this.render(rows, bytes)}\n`,
    );
  }

  finish(rows: number, bytes: number): void {
    this.out.write(
      this.out.isTTY ? `\r${this.render(rows, bytes)}\n` : `${this.render(rows, bytes)}\n`,
    );
  }
}
