/**
 * DynamoDB Local runs on Java 17+. `npm start` checks for it before starting anything, so
 * a missing or old Java is one message saying what to install, not a failure half-way
 * through start-up.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const MINIMUM_JAVA_VERSION = 17;
/** Package names only: the line works wherever apt is configured. */
export const JAVA_INSTALL_HINT =
  `Install Java ${MINIMUM_JAVA_VERSION} or newer and run npm start again ` +
  `(Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; elsewhere any Java ${MINIMUM_JAVA_VERSION}+ runtime, ` +
  'with its `java` on PATH).';

/** A problem with the machine, not a bug: its message is all a person needs (no stack trace). */
export class MissingPrerequisiteError extends Error {}

/**
 * The major version in `java -version` output: `openjdk version "17.0.15"` → 17,
 * `java version "1.8.0_292"` → 8 (the old "1.x" scheme), `openjdk version "21" 2023-09-19` → 21.
 */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

let checked: Promise<number> | undefined;

/** Resolves with Java's major version; rejects with a MissingPrerequisiteError if it is missing or too old. Checked once per process. */
export function requireJava(): Promise<number> {
  checked ??= (async () => {
    let output: string;
    try {
      // `java -version` writes to stderr.
      const { stdout, stderr } = await promisify(execFile)('java', ['-version'], { timeout: 30_000 });
      output = `${stderr}${stdout}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new MissingPrerequisiteError(`DynamoDB Local needs Java, and there is no \`java\` on PATH.\n${JAVA_INSTALL_HINT}`);
      }
      throw new MissingPrerequisiteError(`\`java -version\` failed: ${(error as Error).message.trim()}\n${JAVA_INSTALL_HINT}`);
    }
    const major = javaMajorVersion(output);
    if (major === undefined) {
      throw new MissingPrerequisiteError(`Cannot tell the Java version from \`java -version\`:\n${output.trim()}\n${JAVA_INSTALL_HINT}`);
    }
    if (major < MINIMUM_JAVA_VERSION) {
      throw new MissingPrerequisiteError(
        `DynamoDB Local needs Java ${MINIMUM_JAVA_VERSION} or newer; the \`java\` on PATH is Java ${major}.\n${JAVA_INSTALL_HINT}`,
      );
    }
    return major;
  })();
  return checked;
}
