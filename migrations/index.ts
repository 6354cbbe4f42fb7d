import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { TaskEngine1764000100000 } from './1764000100000-task-engine';

/** Every migration, oldest first. Imported as classes so compiled and ts-jest runs load the same list. */
export const allMigrations: Function[] = [InitialSchema1764000000000, TaskEngine1764000100000];
