/**
 * The flat columns of `classify --format csv|xlsx` after the input's own, as the README documents
 * them: written out here (not imported from src/render/classify-flat.ts) so that a test fails when
 * the published column set changes.
 */
export const FLAT_COLUMNS = [
  'id',
  'text',
  'thematique_id',
  'thematique_label',
  'thematique_score',
  'kind',
  'kind_score',
  'group_id',
  'group_label',
  'group_score',
  'idea_id',
  'idea_label',
  'idea_score',
  'sujet',
  'sujet_score',
  'needs_review',
  'status',
  'explanation',
];
