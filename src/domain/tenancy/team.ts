export interface Team {
  readonly id: string;
  readonly name: string;
  /** Teams form a tree (company → region → team); null for a top-level team. */
  readonly parentId: string | null;
  readonly managerId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}
