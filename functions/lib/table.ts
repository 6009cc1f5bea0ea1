/**
 * The single table's key schema, read by the DynamoDB adapter, by `infra/` and by the
 * local runtime's provisioning, so the three can never disagree.
 */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  /** Owner listing: `OWNER#<sub>` / `<createdAt>#<id>`, newest first. */
  ownerIndex: { name: 'GSI1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
} as const;
