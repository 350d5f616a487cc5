/**
 * What a terminal shows for some output: enough of a VT100 to replay a progress bar and what follows it.
 * Carriage return, line feed, erase to end of line, cursor to column, and save / restore cursor (ESC 7 / ESC 8, which
 * cli-progress used and which put the summary on top of the Ctrl-C line); other escapes change nothing here.
 */
export function renderScreen(output: string): string[] {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;
  let saved = { row: 0, col: 0 };
  const put = (char: string): void => {
    const line = (lines[row] ?? '').padEnd(col);
    lines[row] = line.slice(0, col) + char + line.slice(col + 1);
    col += 1;
  };
  for (let i = 0; i < output.length; i += 1) {
    const char = output[i] ?? '';
    if (char === '\r') col = 0;
    else if (char === '\n') {
      row += 1;
      col = 0; // a pty's output post-processing (onlcr) turns LF into CR LF
      while (lines.length <= row) lines.push('');
    } else if (char === '\x1b') {
      const next = output[i + 1];
      if (next === '7') saved = { row, col };
      if (next === '8') ({ row, col } = saved);
      if (next === '[') {
        const end = output.slice(i + 2).search(/[@-~]/);
        const command = output[i + 2 + end];
        if (command === 'K') lines[row] = (lines[row] ?? '').slice(0, col);
        if (command === 'G') col = Number(output.slice(i + 2, i + 2 + end) || '1') - 1;
        i += 2 + end;
        continue;
      }
      i += 1;
    } else put(char);
  }
  return lines.map((line) => line.trimEnd());
}
