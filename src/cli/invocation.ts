/**
 * How the user runs hc-import, for the commands we print back (the sandbox banner, the resume hint): a
 * clone runs it as `npx hc-import` (npm sets npm_command=exec), an installed copy as `hc-import`.
 */
export function commandName(env: Readonly<Record<string, string | undefined>>): string {
  return env.npm_command === 'exec' ? 'npx hc-import' : 'hc-import';
}

/** Standard input is gone after the run: a resume needs the same bytes piped in again (their sha256 is checked). */
export const PIPE_AGAIN =
  'It read standard input: pipe the same input into that command again (a resume checks it is byte for byte the same).\n';
