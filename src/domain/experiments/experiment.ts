/**
 * An A/B experiment (issue 8): a script, message template or follow-up cadence tried in 2–4
 * variants on the opportunities or leads created while it runs (and those open when it
 * starts). Each record gets one variant for good (see `assignment.ts`); the report compares
 * how the variants' records convert (see `report.ts`).
 */
export const subjectKinds = ['script', 'template', 'cadence'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

export const populations = ['opportunities', 'leads'] as const;
export type Population = (typeof populations)[number];

export const experimentStatuses = ['draft', 'running', 'stopped'] as const;
export type ExperimentStatus = (typeof experimentStatuses)[number];

/** Weights are basis points: the variants of an experiment share 10 000 of them. */
export const TOTAL_WEIGHT = 10_000;
export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 4;

/**
 * What a variant changes. A script or template is the text the rep is shown; a cadence is
 * the follow-up days per stage (stage id → days) that replace the stage's own cadence for
 * the variant's deals; stages it does not name keep theirs.
 */
export type VariantContent =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'cadence'; readonly days: Readonly<Record<string, number>> };

export interface Variant {
  readonly key: string;
  readonly name: string;
  readonly weight: number;
  readonly content: VariantContent;
}

/** Which records take part; every set field must match (leads have no pipeline or stage). */
export interface PopulationFilter {
  readonly pipelineId: string | null;
  /** Opportunities: the stage a deal is created in (or is in when the experiment starts). */
  readonly stageId: string | null;
  /** The owner's team. */
  readonly teamId: string | null;
  readonly source: string | null;
}

export interface Experiment {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly subject: SubjectKind;
  readonly population: Population;
  readonly filter: PopulationFilter;
  readonly status: ExperimentStatus;
  /** The first variant is the control the others are compared with. */
  readonly variants: readonly Variant[];
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** What the filter looks at in a record. */
export interface RecordTraits {
  readonly pipelineId: string | null;
  readonly stageId: string | null;
  readonly teamId: string | null;
  readonly source: string | null;
}

export function matchesFilter(filter: PopulationFilter, record: RecordTraits): boolean {
  return (
    (filter.pipelineId === null || filter.pipelineId === record.pipelineId) &&
    (filter.stageId === null || filter.stageId === record.stageId) &&
    (filter.teamId === null || filter.teamId === record.teamId) &&
    (filter.source === null || filter.source === record.source)
  );
}

export interface DesignIssue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/**
 * The rules a design must meet beyond its shape: 2–4 variants with distinct keys, weights
 * summing to 10 000, content of the subject's kind, and a cadence only for deals (leads
 * have no stages). Returns every issue, so a form can show them all at once.
 */
export function designIssues(design: {
  readonly subject: SubjectKind;
  readonly population: Population;
  readonly filter: PopulationFilter;
  readonly variants: readonly Variant[];
}): DesignIssue[] {
  const issues: DesignIssue[] = [];
  const { variants } = design;
  if (variants.length < MIN_VARIANTS || variants.length > MAX_VARIANTS) {
    issues.push({ path: 'variants', code: 'count', message: 'an experiment has 2 to 4 variants' });
  }
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  if (total !== TOTAL_WEIGHT) {
    issues.push({
      path: 'variants',
      code: 'weights',
      message: `weights must sum to ${TOTAL_WEIGHT} basis points (they sum to ${total})`,
    });
  }
  const keys = new Set<string>();
  variants.forEach((variant, i) => {
    if (keys.has(variant.key)) {
      issues.push({ path: `variants/${i}/key`, code: 'duplicate', message: 'keys must differ' });
    }
    keys.add(variant.key);
    const wanted = design.subject === 'cadence' ? 'cadence' : 'text';
    if (variant.content.kind !== wanted) {
      issues.push({
        path: `variants/${i}/content`,
        code: 'kind',
        message: `a ${design.subject} experiment needs ${wanted} content`,
      });
    }
  });
  if (design.population === 'leads') {
    if (design.subject === 'cadence') {
      issues.push({
        path: 'subject',
        code: 'population',
        message: 'a cadence experiment runs on opportunities (leads have no stages)',
      });
    }
    for (const field of ['pipelineId', 'stageId'] as const) {
      if (design.filter[field] !== null) {
        issues.push({
          path: `filter/${field}`,
          code: 'population',
          message: 'leads have no pipeline or stage',
        });
      }
    }
  }
  return issues;
}
