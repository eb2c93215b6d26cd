import { Effect, Stream } from "effect"
import type { Writable } from "node:stream"
import { CommandFailed } from "./errors.js"

/** Writes a chunk, waiting when the stream asks to be drained: memory stays flat whatever the size. */
const write = (out: Writable, chunk: string) =>
  Effect.async<void>((resume) => {
    if (out.write(chunk)) resume(Effect.void)
    else out.once("drain", () => resume(Effect.void))
  })

/** Writes every chunk of `text` to `out`, then ends it (stdout is left open). */
export const writeAll = <E, R>(text: Stream.Stream<string, E, R>, out: Writable) =>
  Effect.zipRight(
    Stream.runForEach(text, (chunk) => write(out, chunk)),
    out === process.stdout
      ? Effect.void
      : Effect.async<void, CommandFailed>((resume) => {
          out.once("error", (error) => resume(Effect.fail(new CommandFailed({ message: error.message }))))
          out.end(() => resume(Effect.void))
        })
  )
