import { Connection } from '../connection';
import { CommandIo } from '../io';

/**
 * One command of the CLI: its options and what it does; `run` answers the exit code. It
 * connects (`connect`, which reads the environment) only once its options are known good.
 */
export interface Command {
  name: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; description: string }>;
  required: string[];
  run(
    argv: string[],
    connect: () => Connection,
    io: CommandIo,
  ): Promise<number>;
}
