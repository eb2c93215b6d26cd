import { SingleBar } from "cli-progress"

/** Shows how far a read of `total` bytes has come: a bar with rows/s and ETA on a terminal, a plain line every few
 * seconds otherwise (logs, CI). */
export interface Progress {
  /** Counts bytes read from the file. */
  readonly bytes: (count: number) => void
  /** Counts one row read. */
  readonly row: () => void
  /** Ends the display with a last figure. */
  readonly stop: () => void
}

const PLAIN_EVERY_MS = 2_000

/** A progress display for reading `label` (`total` bytes) to stderr. */
export const progress = (label: string, total: number): Progress => {
  // The clock starts at the first row: in an import of several files, each waits for the one before.
  let started = 0
  let bytes = 0
  let rows = 0
  const rate = () => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001))
  if (process.stderr.isTTY === true) {
    const bar = new SingleBar({
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50
    })
    bar.start(Math.max(total, 1), 0, { rows: 0, rate: 0 })
    return {
      bytes: (count) => {
        bytes += count
        bar.update(Math.min(bytes, total), { rows, rate: rate() })
      },
      row: () => {
        if (rows++ === 0) started = Date.now()
      },
      stop: () => {
        bar.update(Math.max(total, 1), { rows, rate: rate() })
        bar.stop()
      }
    }
  }
  let shown = Date.now()
  const line = () =>
    process.stderr.write(
      `${label}: ${rows} rows, ${rate()} rows/s, ${total === 0 ? 100 : Math.floor((bytes / total) * 100)}% of the file\n`
    )
  return {
    bytes: (count) => {
      bytes += count
    },
    row: () => {
      if (rows++ === 0) started = Date.now()
      if (Date.now() - shown >= PLAIN_EVERY_MS) {
        shown = Date.now()
        line()
      }
    },
    stop: () => {
      bytes = total
      line()
    }
  }
}
