import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../schema/enums';
import { ApiKey, CreatedApiKey, Viewer } from '../schema/types/access.type';
import { actorOf, type RequestContext } from './context';
import { apiKeyView } from './views';

@Resolver()
export class AccessResolver {
  @Authorized()
  @Query(() => Viewer)
  me(@Ctx() context: RequestContext): Viewer {
    const principal = context.principal!;
    return { name: principal.name, role: principal.role as Role };
  }

  @Authorized(Role.ADMIN)
  @Query(() => [ApiKey])
  async apiKeys(@Ctx() { services }: RequestContext): Promise<ApiKey[]> {
    return (await services.apiKeys.list()).map(apiKeyView);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiKey)
  async createApiKey(
    @Ctx() context: RequestContext,
    @Arg('name', () => String) name: string,
    @Arg('role', () => Role) role: Role,
  ): Promise<CreatedApiKey> {
    const created = await context.services.apiKeys.create(actorOf(context), name, role);
    return { apiKey: apiKeyView(created.apiKey), secret: created.secret };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiKey)
  async revokeApiKey(@Ctx() context: RequestContext, @Arg('id', () => ID) id: string): Promise<ApiKey> {
    return apiKeyView(await context.services.apiKeys.revoke(actorOf(context), id));
  }
}
