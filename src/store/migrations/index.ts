import type { Migration } from 'kysely';
import * as core from './0001-core.js';
import * as identity from './0002-identity.js';
import * as pipelineEngine from './0003-pipeline-engine.js';
import * as pools from './0004-pools.js';
import * as imports from './0005-imports.js';
import * as stalledDeals from './0006-stalled-deals.js';
import * as leadQualification from './0007-lead-qualification.js';
import * as duplicates from './0008-duplicates.js';
import * as analytics from './0009-analytics.js';
import * as analyticsIndexes from './0010-analytics-indexes.js';
import * as stageReach from './0011-stage-reach.js';
import * as pipelineBoard from './0012-pipeline-board.js';
import * as visitOrderIndex from './0013-visit-order-index.js';
import * as outbox from './0014-outbox.js';
import * as deliveryQueueIndex from './0015-delivery-queue-index.js';
import * as experiments from './0020-experiments.js';
import * as automationRules from './0016-automation-rules.js';
import * as approvalChains from './0017-approval-chains.js';
import * as dealTeams from './0018-deal-teams.js';
import * as notificationPreferences from './0019-notification-preferences.js';
import * as catalog from './0021-catalog.js';
import * as quotes from './0022-quotes.js';
import * as contracts from './0023-contracts.js';
import * as customerLifecycle from './0024-customer-lifecycle.js';
import * as receivablesIndexes from './0025-receivables-indexes.js';

/**
 * Every migration, in order. Listed in code (not read from a folder) so the compiled server
 * and the tests run exactly the same set; names sort by their numeric prefix.
 */
export const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0002-identity': identity,
  '0003-pipeline-engine': pipelineEngine,
  '0004-pools': pools,
  '0005-imports': imports,
  '0006-stalled-deals': stalledDeals,
  '0007-lead-qualification': leadQualification,
  '0008-duplicates': duplicates,
  '0009-analytics': analytics,
  '0010-analytics-indexes': analyticsIndexes,
  '0011-stage-reach': stageReach,
  '0012-pipeline-board': pipelineBoard,
  '0013-visit-order-index': visitOrderIndex,
  '0014-outbox': outbox,
  '0015-delivery-queue-index': deliveryQueueIndex,
  '0016-automation-rules': automationRules,
  '0017-approval-chains': approvalChains,
  '0018-deal-teams': dealTeams,
  '0019-notification-preferences': notificationPreferences,
  '0020-experiments': experiments,
  '0021-catalog': catalog,
  '0022-quotes': quotes,
  '0023-contracts': contracts,
  '0024-customer-lifecycle': customerLifecycle,
  '0025-receivables-indexes': receivablesIndexes,
};
