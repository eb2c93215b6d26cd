// The part of autocannon's API the HTTP benchmark uses (the package ships no types).
declare module "autocannon" {
  namespace autocannon {
    interface Histogram {
      readonly average: number
      readonly total: number
      readonly p50: number
      readonly p99: number
    }
    interface Result {
      /** Seconds the run lasted. */
      readonly duration: number
      readonly requests: Histogram
      readonly latency: Histogram
      /** Connection errors, timeouts included. */
      readonly errors: number
      readonly non2xx: number
    }
    interface Options {
      readonly url: string
      readonly connections?: number
      readonly duration?: number
      readonly headers?: Record<string, string>
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>
  export default autocannon
}
