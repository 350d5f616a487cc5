/** Parse the `--map field=Header` command-line values into the overrides `mapColumns` takes. */
import { usageError } from '../errors.js';
import { MAP_TARGETS, normaliseHeader, unknownFieldError } from './column-aliases.js';
import type { MapOverrides } from './map-columns.js';

/** Parse repeated `--map field=Header` values. Field names are matched like headers (`userId` works). */
export function parseMapOptions(values: readonly string[]): MapOverrides {
  const overrides: MapOverrides = {};
  for (const value of values) {
    const at = value.indexOf('=');
    const header = value.slice(at + 1);
    if (at <= 0 || header === '') {
      throw usageError(`--map ${JSON.stringify(value)}: expected field=Header`, 'for example --map user_id="Customer ID"');
    }
    const wanted = normaliseHeader(value.slice(0, at));
    const field = MAP_TARGETS.find((name) => normaliseHeader(name) === wanted);
    if (field === undefined) throw unknownFieldError(value.slice(0, at));
    if (overrides[field] !== undefined) throw usageError(`--map ${field} is given twice`);
    overrides[field] = header;
  }
  return overrides;
}
