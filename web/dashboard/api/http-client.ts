/** A GraphQL error as the page shows it: the server's message(s) and the first extensions.code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    /** extensions.path of a refused input, e.g. "input.config.region". */
    readonly path: string | undefined = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; path?: string };
}

/** Queries and mutations over HTTP POST /graphql with the session's key. */
export class HttpClient {
  constructor(
    private readonly key: string,
    /** Called when the server no longer accepts the key (revoked), so the page can ask for another. */
    private readonly onUnauthenticated: () => void = () => undefined,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new ApiError('The server did not answer (network error).', 'NETWORK_ERROR');
    }
    let body: { data?: T | null; errors?: GraphQLErrorBody[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new ApiError(`The server answered ${response.status} without a GraphQL response.`, 'BAD_RESPONSE');
    }
    const errors = body.errors ?? [];
    if (errors.length > 0) {
      const first = errors[0]!;
      const code = first.extensions?.code;
      if (code === 'UNAUTHENTICATED') this.onUnauthenticated();
      throw new ApiError(errors.map((error) => error.message).join('; '), code, first.extensions?.path);
    }
    if (body.data === undefined || body.data === null) throw new ApiError(`The server answered ${response.status} with no data.`, 'BAD_RESPONSE');
    return body.data;
  }
}

/** The text to show for anything thrown by a request. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
