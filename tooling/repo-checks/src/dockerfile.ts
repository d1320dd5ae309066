import { posix } from 'node:path';
import { Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';

/** One `FROM … AS name` block of a Dockerfile. */
export interface DockerStage {
  readonly index: number;
  readonly name: string | undefined;
  /** The FROM argument: an image reference, or the name of an earlier stage. */
  readonly from: string;
  /** The earlier stage this one is built on, if any. */
  readonly baseStage: DockerStage | undefined;
  readonly instructions: readonly Instruction[];
}

/** A COPY or ADD: where it copies from and to, and in which working directory. */
export interface CopyStep {
  readonly stage: DockerStage;
  readonly keyword: 'COPY' | 'ADD';
  /** `--from` value, or undefined for the build context. */
  readonly fromStage: string | undefined;
  readonly sources: readonly string[];
  /** Absolute destination inside the image. */
  readonly destination: string;
  readonly line: number;
}

/** A path an earlier stage leaves for later ones to copy. */
export interface StageOutput {
  readonly path: string;
  /** Which workspace package a `pnpm deploy` put there (its folder in the repo). */
  readonly deployedPackage?: string;
  /** For a COPY from the build context: the context folder copied there (`.` = the root). */
  readonly contextFolder?: string;
}

export interface DockerfileModel {
  readonly stages: readonly DockerStage[];
  readonly copies: readonly CopyStep[];
}

/** Joined arguments of an instruction (flags such as `--from` excluded), continuations removed. */
export function argumentsText(instruction: Instruction): string {
  return instruction
    .getArguments()
    .map((argument) => argument.getValue())
    .join(' ');
}

/** The working directory in effect after the stage's instructions up to `uptoLine` (inclusive). */
export function workdirAt(stage: DockerStage, uptoLine = Number.POSITIVE_INFINITY): string {
  let workdir = stage.baseStage === undefined ? '/' : workdirAt(stage.baseStage);
  for (const instruction of stage.instructions) {
    if (instruction.getRange().start.line > uptoLine) break;
    if (instruction.getKeyword() === 'WORKDIR') {
      workdir = posix.resolve(workdir, argumentsText(instruction));
    }
  }
  return workdir;
}

/** Parses a Dockerfile into its stages and COPY/ADD steps. */
export function parseDockerfile(text: string): DockerfileModel {
  const dockerfile = DockerfileParser.parse(text);
  const stages: DockerStage[] = [];
  let current: { stage: DockerStage; instructions: Instruction[] } | undefined;
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const [from = '', , name] = instruction.getArguments().map((a) => a.getValue());
      const instructions: Instruction[] = [];
      const stage: DockerStage = {
        index: stages.length,
        name,
        from,
        baseStage: stages.find((earlier) => earlier.name === from),
        instructions,
      };
      stages.push(stage);
      current = { stage, instructions };
    } else if (current === undefined) {
      if (instruction.getKeyword() !== 'ARG') throw new Error('instruction before the first FROM');
    } else {
      current.instructions.push(instruction);
    }
  }

  const copies: CopyStep[] = [];
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const paths = instruction.getArguments().map((a) => a.getValue());
      const fromFlag = instruction instanceof Copy ? instruction.getFromFlag() : null;
      const line = instruction.getRange().start.line;
      const destination = paths.at(-1) ?? '';
      copies.push({
        stage,
        keyword,
        fromStage: fromFlag?.getValue() ?? undefined,
        sources: paths.slice(0, -1),
        destination: posix.resolve(workdirAt(stage, line), destination),
        line: line + 1,
      });
    }
  }
  return { stages, copies };
}

/** Shell commands of a RUN instruction (its flags left out), split at `&&`, `||` and `;`. */
export function runCommands(instruction: Instruction): string[][] {
  return argumentsText(instruction)
    .split(/&&|\|\||;/)
    .map((command) => command.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0);
}

/** The value of `--name=value` or `--name value` among a command's words. */
export function flagValue(words: readonly string[], name: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word.startsWith(`--${name}=`)) return word.slice(name.length + 3);
    if (word === `--${name}`) return words[i + 1];
  }
  return undefined;
}

/**
 * What a stage (with the stages it is built on) leaves behind for `COPY --from`: what it copied
 * in, `turbo prune`'s out folder and `pnpm deploy`'s target folders.
 * @param packageFolderOf maps a package name to its folder in the repository.
 */
export function stageOutputs(
  model: DockerfileModel,
  stage: DockerStage,
  packageFolderOf: (name: string) => string | undefined,
): StageOutput[] {
  const outputs: StageOutput[] =
    stage.baseStage === undefined ? [] : stageOutputs(model, stage.baseStage, packageFolderOf);
  for (const copy of model.copies) {
    if (copy.stage !== stage) continue;
    if (copy.fromStage !== undefined) outputs.push({ path: copy.destination });
    else
      for (const source of copy.sources) {
        outputs.push({ path: copy.destination, contextFolder: posix.normalize(source) });
      }
  }
  for (const instruction of stage.instructions) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const workdir = workdirAt(stage, instruction.getRange().start.line);
    for (const words of runCommands(instruction)) {
      const pruneAt = words.indexOf('prune');
      if (pruneAt > 0 && words[pruneAt - 1] === 'turbo') {
        outputs.push({ path: posix.resolve(workdir, flagValue(words, 'out-dir') ?? 'out') });
      }
      if (words[0] === 'pnpm' && words.includes('deploy')) {
        const filter = flagValue(words, 'filter');
        const target = words.at(-1);
        if (target !== undefined && !target.startsWith('-')) {
          outputs.push({
            path: posix.resolve(workdir, target),
            deployedPackage: filter === undefined ? undefined : packageFolderOf(filter),
          });
        }
      }
    }
  }
  return outputs;
}

/** Stages no other stage builds on or copies from: the images the file is meant to produce. */
export function runtimeStages(model: DockerfileModel): DockerStage[] {
  return model.stages.filter(
    (stage) =>
      !model.stages.some((other) => other.baseStage === stage) &&
      !model.copies.some((copy) => stage.name !== undefined && copy.fromStage === stage.name),
  );
}

/** The instructions of a stage with a given keyword (not those of the stages it builds on). */
export function instructionsOf(stage: DockerStage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
}

/** The words of a JSON-form (exec) CMD/HEALTHCHECK argument list, or undefined for shell form. */
export function execFormWords(text: string): string[] | undefined {
  const start = text.indexOf('[');
  if (start < 0) return undefined;
  const parsed: unknown = JSON.parse(text.slice(start));
  return Array.isArray(parsed) && parsed.every((word) => typeof word === 'string')
    ? parsed
    : undefined;
}
