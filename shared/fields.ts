// The built-in customer fields as the completeness table counts them. A field is "filled" when
// the stored value is not empty; email, phone, postcode and town are read from the first entry
// (the copies kept on the customer row), so counting never touches the child tables.
export const COMPLETENESS_FIELDS = [
  { key: 'given_name', label: 'Given name', column: 'given_name' },
  { key: 'family_name', label: 'Family name', column: 'family_name' },
  { key: 'title', label: 'Title', column: 'title' },
  { key: 'preferred_name', label: 'Preferred name', column: 'preferred_name' },
  { key: 'email', label: 'Email', column: 'summary_email' },
  { key: 'phone', label: 'Phone', column: 'summary_phone' },
  { key: 'postcode', label: 'Postcode', column: 'summary_postcode' },
  { key: 'town', label: 'Town', column: 'summary_town' },
  { key: 'date_of_birth', label: 'Date of birth', column: 'date_of_birth' },
  { key: 'ref', label: 'Customer number', column: 'ref' },
  { key: 'notes', label: 'Notes', column: 'notes' },
] as const;
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number]['key'];
