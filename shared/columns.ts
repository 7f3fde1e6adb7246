// The canonical customer columns: the CSV header the foundation imports and exports, the fields an
// export may choose from, and the names an import maps to without asking.
export const CUSTOMER_COLUMNS = [
  'ref',
  'title',
  'given_name',
  'family_name',
  'email',
  'phone',
  'address_line1',
  'address_line2',
  'town',
  'region',
  'postcode',
  'country',
  'date_of_birth',
  'notes',
] as const;
export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];
