import { Field, ID, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '../scalars';
import { connectionOf } from './connection.type';
import { Node } from './node.type';

/**
 * One piece of collected compliance evidence, a link of its agent's hash chain.
 * `agent` and `task` are resolved through the per-request loaders.
 */
@ObjectType('Evidence', { implements: Node })
export class Evidence extends Node {
  agentId!: string;
  taskId!: string | null;

  @Field(() => String)
  source!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => JSONScalar)
  data!: unknown;

  @Field(() => String)
  sha256!: string;

  @Field(() => String, { nullable: true })
  prevSha256!: string | null;

  @Field(() => String)
  signature!: string;

  @Field(() => Date)
  collectedAt!: Date;
}

export const EvidenceConnection = connectionOf('Evidence', Evidence);

@ObjectType('EvidenceVerification')
export class EvidenceVerification {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Int)
  checked!: number;

  @Field(() => ID, { nullable: true })
  firstBadId!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { description: 'The Ed25519 public key (PEM) that verifies the signatures.' })
  publicKey!: string;
}
