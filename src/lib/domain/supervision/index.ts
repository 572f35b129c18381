/** Supervision analyses (pure): periods, compliance of decided cases, agency consultations. */
export * from './period';
export * from './statistics';
export * from './case-facts';
export * from './compliance';
export * from './agency-stats';
export * from './cases-link';
export * from './query-search';
