/** Where a notice's record opens in the app. */
export function recordHref(subjectType: 'lead' | 'account' | 'opportunity', id: string): string {
  switch (subjectType) {
    case 'lead':
      return `/leads/${id}`;
    case 'account':
      return `/accounts/${id}`;
    case 'opportunity':
      return `/opportunities/${id}`;
  }
}
