import { Clock, Context, Effect, Layer } from "effect"

/** Makes new entity ids: time-ordered, so ids sort by creation and index locality stays good. */
export interface IdGeneratorService {
  /** The next id, as a UUID string. */
  readonly next: Effect.Effect<string>
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0")

/** A UUIDv7 generator that never goes backwards: ids made in the same millisecond keep increasing. */
export const makeUuidV7 = Effect.sync(() => {
  let lastMs = 0
  let counter = 0
  // Secure random bytes drawn 4 KiB at a time: one system call per 512 ids, not one per id.
  const pool = new Uint8Array(4096)
  let offset = pool.length
  return {
    next: Effect.map(Clock.currentTimeMillis, (now) => {
      let ms = now
      if (ms <= lastMs) {
        ms = lastMs
        counter += 1
        if (counter > 0xfff) {
          ms += 1
          counter = 0
        }
      } else {
        // Start low in the 12-bit counter so a burst in one millisecond rarely overflows it.
        counter = Math.floor(Math.random() * 0x400)
      }
      lastMs = ms
      if (offset === pool.length) {
        globalThis.crypto.getRandomValues(pool)
        offset = 0
      }
      const random = pool.subarray(offset, offset + 8)
      offset += 8
      random[0] = (random[0]! & 0x3f) | 0x80
      const tail = Array.from(random, (b) => hex(b, 2)).join("")
      const time = hex(ms, 12)
      return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(counter, 3)}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`
    })
  } satisfies IdGeneratorService
})

/** Makes new entity ids. */
export class IdGenerator extends Context.Tag("@agency-crm/core/IdGenerator")<IdGenerator, IdGeneratorService>() {
  /** UUIDv7 ids from the clock and the platform's secure random source. */
  static readonly layer: Layer.Layer<IdGenerator> = Layer.effect(IdGenerator, makeUuidV7)
  /** Deterministic ids `00000000-0000-7000-8000-<n>` counting up from 1, for tests and reproducible fixtures. */
  static readonly layerSequential: Layer.Layer<IdGenerator> = Layer.sync(IdGenerator, () => {
    let n = 0
    return { next: Effect.sync(() => `00000000-0000-7000-8000-${hex(++n, 12)}`) }
  })
}
