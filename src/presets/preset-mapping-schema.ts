/**
 * A saved preset mapping (`presetMapping` in a mapping file), checked like every other key of the file:
 * it is plain JSON a person may edit, and a run trusts it to decide what every row becomes.
 */
import { z } from 'zod';
import type { PresetMapping } from './preset-types.js';

const header = z.string().min(1);

/** The JSON shape of {@link PresetMapping}; `hc-import map --write-config` writes it. */
export const PresetMappingSchema = z.strictObject({
  preset: z.string().min(1),
  map: z.record(z.string(), header),
  tagSeparator: z.string().min(1).nullable(),
  quotedTags: z.boolean(),
  dateFormat: z.enum(['DMY', 'MDY']).nullable(),
  htmlEntities: z.array(z.string()),
  constants: z.strictObject({ unsubscribed: z.string().optional() }),
  custom: z.array(z.strictObject({ header, property: z.string().min(1) })),
  refused: z.array(z.strictObject({ header, fields: z.array(z.string()), why: z.string() })),
  ignored: z.array(header),
  userIdFrom: header.nullable(),
}) satisfies z.ZodType<unknown>;

/** A validated saved mapping, typed as the presets code takes it. */
export const asPresetMapping = (value: z.infer<typeof PresetMappingSchema>): PresetMapping => value as PresetMapping;
