import { Field, Int, ObjectType } from 'type-graphql';
import { JSONScalar } from '../scalars';
import { connectionOf } from './connection.type';
import { Node } from './node.type';

/** One version of a named workflow; `runs` is resolved through a loader by WorkflowFieldsResolver. */
@ObjectType('Workflow', { implements: Node, description: 'A named, versioned workflow: creating one with an existing name adds a version.' })
export class Workflow extends Node {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => JSONScalar, { description: 'The normalised definition (defaults filled in).' })
  definition!: unknown;

  @Field(() => String, { description: 'The YAML or JSON text as submitted.' })
  source!: string;

  @Field(() => Date)
  createdAt!: Date;
}

export const WorkflowConnection = connectionOf('Workflow', Workflow);

@ObjectType('WorkflowProblem')
export class WorkflowProblem {
  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true, description: 'e.g. "steps[2].dependsOn[0]"' })
  path!: string | null;

  @Field(() => Int, { nullable: true, description: '1-based line in the submitted text, when known.' })
  line!: number | null;
}

@ObjectType('WorkflowValidation')
export class WorkflowValidation {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => [WorkflowProblem])
  problems!: WorkflowProblem[];

  @Field(() => [String], { description: 'A topological order of the step ids, empty when invalid.' })
  stepOrder!: string[];
}
