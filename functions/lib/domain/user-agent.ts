/**
 * A readable name for a User-Agent, for download alerts and the owner's access log (the web app
 * imports this too). First match wins, so Edge and Opera come before the Chrome they contain.
 */
const browsers: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/HeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/(?:CriOS|Chrome)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/curl\/([\d.]+)/, 'curl'],
];

const systems: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/**
 * "Firefox 128" and "Windows" (joined by `separator`) for a known browser; otherwise the raw
 * text cut to `maxLength`; `unknown` for an empty one.
 */
export function describeUserAgent(userAgent: string, options: { separator: string; maxLength: number; unknown: string }): string {
  if (!userAgent.trim()) return options.unknown;
  const browser = browsers.find(([pattern]) => pattern.test(userAgent));
  if (!browser) return userAgent.length > options.maxLength ? `${userAgent.slice(0, options.maxLength - 1)}…` : userAgent;
  const version = browser[0].exec(userAgent)?.[1];
  const name = version ? `${browser[1]} ${version}` : browser[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  return system ? `${name}${options.separator}${system}` : name;
}
