import { findMalformed, MAX_INPUT_DEPTH, ValidationFailed, type ValidationIssue } from "@agency-crm/core"
import { HttpMethod, HttpMiddleware, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { parse as parseContentType } from "content-type"
import { Duration, Effect, Schema, Stream } from "effect"
import type { Readable } from "node:stream"
import { PayloadTooLarge, RequestTimeout, UnsupportedMediaType } from "../api/errors.js"
import type { StreamedBodyRoute } from "./streamedBodies.js"

/** Limits on what a request may send, checked before the API reads it. */
export interface RequestLimits {
  /** Largest request body accepted, in bytes (413 above). Default 1 MiB. */
  readonly maxBodyBytes?: number | undefined
  /** How long a request body may take to arrive once its headers have, in milliseconds (408 after, and the
   * connection is closed). Default 10 000. */
  readonly bodyTimeoutMs?: number | undefined
  /** How deep arrays and objects may nest in a JSON body (400 deeper). Default 64. */
  readonly maxJsonDepth?: number | undefined
  /** Largest body an endpoint that streams its body (an import's CSV) may send, in bytes (413 above). Default 64
   * MiB; larger files go through the `agency-crm` command. */
  readonly maxImportBytes?: number | undefined
}

/** Default cap on an import's CSV body. */
export const DEFAULT_MAX_IMPORT_BYTES = 64 * 1024 * 1024

/** Default cap on request bodies: 1 MiB, far above any CRM write. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
/** Default time a request body may take to arrive. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000

/** The one media type request bodies may have. */
export const JSON_MEDIA_TYPE = "application/json"

const encodeValidation = Schema.encodeSync(ValidationFailed)
const encodeTooLarge = Schema.encodeSync(PayloadTooLarge)
const encodeTimeout = Schema.encodeSync(RequestTimeout)
const encodeUnsupported = Schema.encodeSync(UnsupportedMediaType)

// A body over the cap, or one that stalls, is not worth reading to its end: the connection is closed.
const closing = { headers: { connection: "close" } } as const

const invalid = (issue: ValidationIssue) =>
  HttpServerResponse.unsafeJson(encodeValidation(ValidationFailed.of([issue])), { status: 400 })

const tooLarge = (limit: number, detail: string) =>
  HttpServerResponse.unsafeJson(
    encodeTooLarge(new PayloadTooLarge({ limit, message: `${detail} exceeds the limit of ${limit} bytes` })),
    { status: 413, ...closing }
  )

const timedOut = (limitMs: number) =>
  HttpServerResponse.unsafeJson(
    encodeTimeout(new RequestTimeout({ limitMs, message: `the request body did not arrive within ${limitMs} ms` })),
    { status: 408, ...closing }
  )

const unsupported = (what: string, accepted: string = JSON_MEDIA_TYPE) =>
  HttpServerResponse.unsafeJson(
    encodeUnsupported(
      new UnsupportedMediaType({
        supported: [accepted],
        message: `${what}: ${accepted === JSON_MEDIA_TYPE ? "request bodies" : "this body"} must be ${accepted} (in UTF-8, uncompressed)`
      })
    ),
    {
      status: 415,
      // Not closed: Node reads and discards the unread body, so a client still sending it gets this answer.
      headers: {
        "accept-patch": JSON_MEDIA_TYPE,
        "accept-post": JSON_MEDIA_TYPE,
        "accept-encoding": "identity"
      }
    }
  )

/** Why a JSON body's media type is refused, or `undefined` when it is `application/json` in UTF-8. */
const mediaTypeProblem = (header: string | undefined, accepted: string = JSON_MEDIA_TYPE): string | undefined => {
  if (header === undefined || header.trim() === "") return "the body has no Content-Type"
  try {
    const { type, parameters } = parseContentType(header)
    if (type !== accepted) return `Content-Type ${type} is not supported`
    const charset = parameters["charset"]
    if (charset !== undefined && charset.toLowerCase() !== "utf-8") return `charset ${charset} is not supported`
    return undefined
  } catch {
    return `Content-Type ${JSON.stringify(header)} is malformed`
  }
}

/** Why a body's content coding is refused: the server reads bodies as they are sent, uncompressed. */
const codingProblem = (header: string | undefined): string | undefined => {
  if (header === undefined) return undefined
  const codings = header
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity")
  return codings.length === 0 ? undefined : `Content-Encoding ${codings.join(", ")} is not supported`
}

type ReadFailure = "too_large" | "aborted"

const isNodeReadable = (value: unknown): value is Readable =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Readable).on === "function" &&
  typeof (value as Readable).pause === "function"

/**
 * Reads a Node request body into one buffer, up to `maxBytes`. Stopping early (over the cap, or on timeout)
 * pauses the stream instead of destroying it, so the refusal still reaches the client before the server closes
 * the connection; chunks are joined once, so a body sent a byte at a time costs linear time.
 */
const readNode = (source: Readable, maxBytes: number): Effect.Effect<Uint8Array, ReadFailure> =>
  Effect.async<Uint8Array, ReadFailure>((resume) => {
    const chunks: Array<Buffer> = []
    let bytes = 0
    const stop = () => {
      source.off("data", onData)
      source.off("end", onEnd)
      source.off("error", onError)
      source.off("close", onClose)
      source.pause()
    }
    const onData = (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes > maxBytes) {
        stop()
        resume(Effect.fail("too_large"))
      } else chunks.push(chunk)
    }
    const onEnd = () => {
      stop()
      resume(Effect.succeed(Buffer.concat(chunks, bytes)))
    }
    const onError = () => {
      stop()
      resume(Effect.fail("aborted"))
    }
    const onClose = () => {
      if (source.readableEnded) return
      stop()
      resume(Effect.fail("aborted"))
    }
    source.on("data", onData)
    source.once("end", onEnd)
    source.once("error", onError)
    source.once("close", onClose)
    source.resume()
    return Effect.sync(stop)
  })

/** The body through the platform's stream, on servers whose requests are not Node streams; stops reading past
 * `maxBytes`. */
const readPlatform = (
  request: HttpServerRequest.HttpServerRequest,
  maxBytes: number
): Effect.Effect<Uint8Array, ReadFailure> =>
  request.stream.pipe(
    Stream.mapError((): ReadFailure => "aborted"),
    Stream.runFoldEffect({ chunks: [] as Array<Uint8Array>, bytes: 0 }, (read, chunk) => {
      read.chunks.push(chunk)
      read.bytes += chunk.length
      return read.bytes > maxBytes ? Effect.fail<ReadFailure>("too_large") : Effect.succeed(read)
    }),
    Effect.map(({ bytes, chunks }) => Buffer.concat(chunks, bytes))
  )

const utf8 = new TextDecoder("utf-8", { fatal: true })

/** The request as the API sees it: its body already read, decoded and parsed, so nothing reads it twice. */
const withBody = (
  request: HttpServerRequest.HttpServerRequest,
  bytes: Uint8Array,
  text: string,
  json: unknown
): HttpServerRequest.HttpServerRequest =>
  Object.create(request, {
    // Copied only if something asks for the raw bytes (the API reads the parsed body).
    arrayBuffer: {
      value: Effect.sync(() => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
    },
    text: { value: Effect.succeed(text) },
    json: { value: Effect.succeed(json) },
    stream: { value: Stream.succeed(bytes) }
  })

const hasBody = (headers: HttpServerRequest.HttpServerRequest["headers"]) =>
  headers["transfer-encoding"] !== undefined ||
  (headers["content-length"] !== undefined && headers["content-length"] !== "0")

/**
 * Guards every request before the API decodes it. A URL that is not valid percent-encoded UTF-8 is a 400. A
 * request that has a body must send `application/json` in UTF-8 (415 otherwise, so no other parser ever
 * runs); the body is read once, up to `maxBodyBytes` (413) and within `bodyTimeoutMs` (408), and must be valid
 * UTF-8, valid JSON, nested at most `maxJsonDepth` deep and free of unpaired surrogates (400 with the one
 * `ValidationFailed` shape). The API then gets the parsed body without reading the connection again.
 */
export const requestGuard = (limits: RequestLimits = {}, streamed: ReadonlyArray<StreamedBodyRoute> = []) => {
  const maxBytes = limits.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const timeoutMs = limits.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS
  const maxDepth = limits.maxJsonDepth ?? MAX_INPUT_DEPTH

  const maxImportBytes = limits.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES

  /** The request with its body read, checked and parsed (as JSON, or not at all for a CSV import), or the answer
   * refusing it. */
  const withCheckedBody = (
    request: HttpServerRequest.HttpServerRequest,
    as: "json" | "streamed" = "json"
  ): Effect.Effect<HttpServerRequest.HttpServerRequest | HttpServerResponse.HttpServerResponse> => {
    const source: unknown = (request as { readonly source?: unknown }).source
    const limit = as === "streamed" ? maxImportBytes : maxBytes
    const read = isNodeReadable(source) ? readNode(source, limit) : readPlatform(request, limit)
    // The platform runs middleware uninterruptibly (only routes opt in): without this, nothing could cut a
    // stalled read short, neither the timeout nor a client that hangs up.
    return Effect.interruptible(read).pipe(
      Effect.timeoutFail({ duration: Duration.millis(timeoutMs), onTimeout: () => "timeout" as const }),
      Effect.match({
        onFailure: (failure) => {
          switch (failure) {
            case "too_large":
              return tooLarge(limit, "the request body")
            case "timeout":
              return timedOut(timeoutMs)
            case "aborted":
              // The connection broke mid-body: nobody may hear this, but it is an answer, not a hang.
              return invalid({ path: "", message: "the request body could not be read to its end" })
          }
        },
        onSuccess: (bytes) => {
          let text: string
          try {
            text = utf8.decode(bytes)
          } catch {
            return invalid({ path: "", message: "the request body is not valid UTF-8" })
          }
          let json: unknown = null
          if (as === "json" && text !== "") {
            try {
              json = JSON.parse(text)
            } catch (error) {
              const detail = error instanceof Error ? error.message : String(error)
              return invalid({ path: "", message: `the request body is not valid JSON: ${detail}` })
            }
            const malformed = findMalformed(json, maxDepth)
            if (malformed !== undefined) return invalid(malformed)
          }
          return withBody(request, bytes, text, json)
        }
      })
    )
  }

  return HttpMiddleware.make((app) =>
    Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
      try {
        decodeURIComponent(request.url)
      } catch {
        return Effect.succeed(invalid({ path: "url", message: "is not valid percent-encoded UTF-8" }))
      }
      const headers = request.headers
      const declaresBody = hasBody(headers)
      // The platform picks a body parser by Content-Type even for an empty body (a multipart parser would wait
      // forever): a request it would parse must be JSON too.
      const parsed = HttpMethod.hasBody(request.method) && headers["content-type"] !== undefined
      if (!declaresBody && !parsed) return app
      const route = streamed.find((r) => r.method === request.method && r.matches(request.url))
      if (route !== undefined) {
        const problem =
          mediaTypeProblem(headers["content-type"], route.mediaType) ?? codingProblem(headers["content-encoding"])
        if (problem !== undefined) return Effect.succeed(unsupported(problem, route.mediaType))
        const declared = Number(headers["content-length"] ?? "0")
        if (declared > maxImportBytes) {
          return Effect.succeed(tooLarge(maxImportBytes, `a request body of ${declared} bytes`))
        }
        // Streamed to the handler as it arrives; read here only when an idempotency key must fingerprint it.
        if (headers["idempotency-key"] === undefined) return app
        return Effect.flatMap(withCheckedBody(request, "streamed"), (checked) =>
          HttpServerResponse.isServerResponse(checked)
            ? Effect.succeed(checked)
            : Effect.provideService(app, HttpServerRequest.HttpServerRequest, checked)
        )
      }
      const problem = mediaTypeProblem(headers["content-type"]) ?? codingProblem(headers["content-encoding"])
      if (problem !== undefined) return Effect.succeed(unsupported(problem))
      const declared = Number(headers["content-length"] ?? "0")
      if (declared > maxBytes) return Effect.succeed(tooLarge(maxBytes, `a request body of ${declared} bytes`))
      return Effect.flatMap(withCheckedBody(request), (checked) =>
        HttpServerResponse.isServerResponse(checked)
          ? Effect.succeed(checked)
          : Effect.provideService(app, HttpServerRequest.HttpServerRequest, checked)
      )
    })
  )
}
