import { Data } from "effect"

/** A command could not do what it was asked; `message` says why and what to do. Exit status 1. */
export class CommandFailed extends Data.TaggedError("CommandFailed")<{ readonly message: string }> {}
