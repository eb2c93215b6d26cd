import { execFileSync } from "node:child_process"
import { accessSync, constants, existsSync } from "node:fs"

/** Flags of a headless Chromium run as root on a machine without a GPU or a network beyond localhost. */
export const CHROMIUM_ARGS: ReadonlyArray<string> = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
]

const DEBIAN_CHROMIUM = "/usr/bin/chromium"

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Installs Debian's chromium package, when this machine is Debian-like and we may install packages. */
const installDebianChromium = (): boolean => {
  if (!existsSync("/usr/bin/apt-get") || process.getuid?.() !== 0) return false
  const install = () =>
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
      stdio: "ignore",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      timeout: 600_000
    })
  try {
    install()
  } catch {
    execFileSync("apt-get", ["update"], { stdio: "ignore", timeout: 600_000 })
    install()
  }
  return executable(DEBIAN_CHROMIUM)
}

/**
 * The Chromium the browser tests drive, provisioned without any download outside the package registries:
 * `CHROMIUM_PATH` when set; on Linux x64, the binary the `@sparticuz/chromium` registry package ships
 * (unpacked once into the temp directory); else Debian's `/usr/bin/chromium`, installed with apt-get when
 * the tests run as root on a machine that has it.
 */
export const chromiumPath = async (): Promise<string> => {
  const given = process.env["CHROMIUM_PATH"]
  if (given !== undefined && given !== "") {
    if (!executable(given)) throw new Error(`CHROMIUM_PATH=${given} is not an executable file`)
    return given
  }
  if (process.platform === "linux" && process.arch === "x64") {
    const { default: packaged } = await import("@sparticuz/chromium")
    return packaged.executablePath()
  }
  if (executable(DEBIAN_CHROMIUM) || installDebianChromium()) return DEBIAN_CHROMIUM
  throw new Error(
    `no Chromium for the browser test on ${process.platform}/${process.arch}: install Chromium ` +
      "(on Debian: apt-get install chromium) or set CHROMIUM_PATH to its executable"
  )
}
