import * as path from 'node:path';
import { documentFromText } from '../../gateway/workspaceFiles';
import { bundleDefinition } from '../../services/bundle';
import { definitionProblem } from '../definitionProblem';
import { UsageError, type CliIO } from '../io';
import { parseOptions } from '../options';
import { portableYaml } from '../portableYaml';
import { BUNDLE_HELP, BUNDLE_USAGE } from '../usage';
import { fileUri, WorkspaceResolver } from '../../workspaceResolver';

/**
 * Prints the one document API Gateway imports for a definition split over several files (as deploy sends it): for a
 * CloudFormation or SAM template's `DefinitionBody`, an S3 upload or another tool's import.
 */
export async function runBundle(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { values: ['--format', '--output'], files: ['--output'] });
  if (options.help) {
    io.out(`${BUNDLE_HELP}\n`);
    return 0;
  }
  const format = options.values.get('--format') ?? 'json';
  if (format !== 'json' && format !== 'yaml') throw new UsageError(`--format must be json or yaml, not '${format}'`);
  if (options.positional.length !== 1) throw new UsageError(`give exactly one API definition file\n${BUNDLE_USAGE}`);
  const [file] = options.positional;
  const absolute = path.resolve(io.cwd, file);
  const output = options.values.get('--output');
  if (output !== undefined && fileUri(path.resolve(io.cwd, output)) === fileUri(absolute)) throw new UsageError('--output names the definition itself, which would be overwritten');
  const document = documentFromText(absolute, await io.readFile(file));
  const problem = definitionProblem(document, file);
  if (problem) throw new UsageError(problem);
  const bundle = await bundleDefinition(document, new WorkspaceResolver(() => undefined));
  if (bundle && 'problem' in bundle) {
    io.err(`apigw bundle: ${file}: ${bundle.problem}\n`);
    return 1;
  }
  // A definition in one file is written out all the same: a pipeline need not tell the two apart.
  const value = bundle?.value ?? document.value;
  const text = format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : portableYaml(value);
  if (output === undefined) io.out(text);
  else {
    if (!io.writeBytes) throw new UsageError('--output cannot be written here');
    try {
      await io.writeBytes(output, Buffer.from(text, 'utf8'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      io.err(`apigw bundle: ${output}: not written (${reason})\n`);
      return 2;
    }
  }
  if (bundle) io.err(`apigw bundle: ${file} and ${bundle.files.length} referenced file${bundle.files.length === 1 ? '' : 's'} made one document${bundle.moved.length ? `; models added for schemas that contain themselves: ${bundle.moved.join(', ')}` : ''}\n`);
  return 0;
}
