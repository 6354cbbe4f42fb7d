import { Field, ID, InputType, Int } from 'type-graphql';
import { JSONScalar } from '../scalars';

@InputType('CreateWorkflowInput')
export class CreateWorkflowInput {
  @Field(() => String, { description: 'YAML or JSON text; carries its own name.' })
  definition!: string;
}

@InputType('RunWorkflowInput')
export class RunWorkflowInput {
  @Field(() => ID, { nullable: true, description: 'This exact version, or:' })
  workflowId?: string | null;

  @Field(() => String, { nullable: true, description: 'The latest version of this name (or `version`).' })
  name?: string | null;

  @Field(() => Int, { nullable: true })
  version?: number | null;

  @Field(() => JSONScalar, { nullable: true, description: 'A JSON object the steps read as ${{ input.NAME }}; default {}.' })
  input?: unknown;
}
