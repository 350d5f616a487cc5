/** Tags and custom-attribute flags as the core takes them, for an import, `verify` and `hc-import map` alike. */
import { type OpenFieldOptions, parseCustomOptions, parseTagOptions } from '../rows/open-field-options.js';
import type { ImportFlags } from './import-options.js';

type OpenFlags = Pick<ImportFlags, 'custom' | 'customRest' | 'tag' | 'tags' | 'tagSeparator'>;

/** `--custom`, `--custom-rest`, `--tag`, `--tags`, `--tag-separator` (`\n` written as two characters is a line break). */
export function openFieldsFrom(flags: OpenFlags): OpenFieldOptions {
  return {
    custom: parseCustomOptions(flags.custom),
    customRest: flags.customRest,
    tags: parseTagOptions(flags.tag),
    tagsMode: flags.tags,
    ...(flags.tagSeparator === undefined ? {} : { tagSeparator: flags.tagSeparator.replace(/\\n/g, '\n') }),
  };
}
