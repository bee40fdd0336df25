import { z } from 'zod';
import { sortValues } from '../../app/listing.js';
import { savedViewSorts } from '../../app/saved-views.service.js';
import { MAX_VIEW_NAME_LENGTH, savedViewKinds } from '../../domain/board/saved-view.js';
import { BoardFilters } from './board.schema.js';
import { Id, ListQueryBase, TimestampOut, Version } from './common.js';

const Kind = z.enum(savedViewKinds).describe('What the view restores');
const ViewName = z
  .string()
  .trim()
  .min(1)
  .max(MAX_VIEW_NAME_LENGTH)
  .describe('Unique among your views of the same kind');
const ViewSort = z
  .string()
  .regex(/^-?[A-Za-z][A-Za-z0-9]{0,39}$/)
  .describe("A sort as the view's list takes it (`-amount`, `name`); null: its default");

export const SavedView = z
  .object({
    id: Id,
    userId: Id.describe('The owner; only they may change it'),
    kind: Kind,
    name: z.string(),
    pipelineId: Id.nullable(),
    filters: BoardFilters,
    sort: z.string().nullable(),
    shared: z.boolean().describe('Readable (not editable) by everyone in the tenant'),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'SavedView' });

export const SavedViewCreate = z
  .strictObject({
    kind: Kind,
    name: ViewName,
    pipelineId: Id.nullable().optional(),
    filters: BoardFilters.optional().describe('The board filters; unknown fields are refused'),
    sort: ViewSort.nullable().optional(),
    shared: z.boolean().optional(),
  })
  .meta({ id: 'SavedViewCreate' });

export const SavedViewPatch = z
  .strictObject({
    version: Version,
    name: ViewName.optional(),
    pipelineId: Id.nullable().optional(),
    filters: BoardFilters.optional().describe('Replaces the filters'),
    sort: ViewSort.nullable().optional(),
    shared: z.boolean().optional(),
  })
  .meta({ id: 'SavedViewPatch' });

export const SavedViewListQuery = z.strictObject({
  ...ListQueryBase,
  sort: z.enum(sortValues(savedViewSorts)).optional(),
  kind: Kind.optional(),
  pipelineId: Id.optional(),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: only your views; false: only others’ shared views; omitted: both'),
});
