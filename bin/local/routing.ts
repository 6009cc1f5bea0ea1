/**
 * Route matching as API Gateway HTTP APIs do it: a route matches on method and path;
 * `{name}` is one path segment, `{name+}` the rest of the path; when several routes
 * match, the one with more literal segments first wins (`POST /api/shares/cancel` over
 * `POST /api/shares/{id}`). A path that matches no route for its method is a 404.
 */
export interface RouteLike {
  method: string;
  path: string;
}

interface CompiledRoute<R extends RouteLike> {
  route: R;
  segments: string[];
}

export interface RouteMatch<R extends RouteLike> {
  route: R;
  pathParameters: Record<string, string>;
}

const paramName = (segment: string) => /^\{([^}]+?)(\+?)\}$/.exec(segment);

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** 0 for a literal segment, 1 for `{name}`, 2 for `{name+}`: lower is more specific. */
const specificity = (segments: string[]) =>
  segments.map((segment) => {
    const param = paramName(segment);
    return param ? (param[2] ? 2 : 1) : 0;
  });

function moreSpecific(a: string[], b: string[]): number {
  const sa = specificity(a);
  const sb = specificity(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const diff = (sa[i] ?? 3) - (sb[i] ?? 3);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function createRouter<R extends RouteLike>(routes: readonly R[]) {
  const compiled: CompiledRoute<R>[] = routes.map((route) => ({ route, segments: route.path.split('/').slice(1) }));

  function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
      const segment = pattern[i] as string;
      const param = paramName(segment);
      if (param?.[2]) {
        const rest = actual.slice(i);
        if (!rest.length || rest.every((part) => part === '')) return undefined;
        params[param[1] as string] = rest.map(decodeSegment).join('/');
        return params;
      }
      const value = actual[i];
      if (value === undefined) return undefined;
      if (param) {
        if (value === '') return undefined;
        params[param[1] as string] = decodeSegment(value);
      } else if (segment !== value) {
        return undefined;
      }
    }
    return actual.length === pattern.length ? params : undefined;
  }

  return {
    /** `rawPath` is the path as sent (percent-encoded); parameters come back decoded. */
    match(method: string, rawPath: string): RouteMatch<R> | undefined {
      const actual = rawPath.split('/').slice(1);
      const candidates = compiled
        .filter((entry) => entry.route.method === method)
        .map((entry) => ({ entry, params: matchSegments(entry.segments, actual) }))
        .filter((candidate) => candidate.params !== undefined)
        .sort((a, b) => moreSpecific(a.entry.segments, b.entry.segments));
      const best = candidates[0];
      return best ? { route: best.entry.route, pathParameters: best.params ?? {} } : undefined;
    },
  };
}
