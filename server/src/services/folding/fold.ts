/** A folding range in document lines (0-based, both included), with the depth the editor drops first when over its limit. */
export interface Fold {
  startLine: number;
  endLine: number;
  /** The indentation of the first line: folds of deeper lines are dropped first when there are too many. */
  level: number;
  kind?: 'comment' | 'region';
}
