/**
 * The stage rules (actions, materials, standards, approval) and the scorecard are defined
 * once in the app layer, where pipeline files are validated too; the HTTP schemas and the
 * OpenAPI document use the very same schemas (and component names).
 */
export {
  ApprovalRule,
  Criterion,
  KeyAction,
  SalesMaterial,
  Scorecard,
  StageRules,
  StageRulesFields,
} from '../../app/pipeline-definition.schema.js';
