/** `lead_source` → `LeadSource`: how an aggregate's snake_case names read in tags and spans. */
export const pascalCase = (snake: string): string =>
  snake.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())

/** `lead_sources` → `leadSources`: how an aggregate's plural reads as an HTTP group and client property. */
export const camelCase = <S extends string>(snake: S): CamelCase<S> =>
  snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as CamelCase<S>

/** `camelCase` at the type level. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S
