export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] | undefined;
}

export interface GraphQLClient {
  key: string | null;
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like request, but throws when the response carries errors; returns data. */
  data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** A plain HTTP GraphQL client (fetch), as a frontend would talk to the server. */
export function graphqlClient(baseUrl: string, key: string | null): GraphQLClient {
  const request = async <T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: T | null; errors?: GraphQLResponse<T>['errors'] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 500)}`);
    }
    return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
  };
  return {
    key,
    request,
    async data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const result = await request<T>(query, variables);
      if (result.errors && result.errors.length > 0) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
  };
}

/** The extensions.code of the first error, for terse assertions. */
export function errorCode(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.['code'];
}
