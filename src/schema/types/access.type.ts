import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../enums';

@ObjectType('ApiKey')
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { description: 'The first characters of the secret, to recognise it.' })
  prefix!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field(() => String, { description: 'Shown once; only a hash is stored.' })
  secret!: string;
}

@ObjectType('Viewer')
export class Viewer {
  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;
}
