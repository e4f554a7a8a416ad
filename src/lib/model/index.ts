// The types of what Duka stores and shows. Nothing in model/ imports anything of ours; every other layer imports it.
export type * from './articles.ts';
export type * from './cards.ts';
export type * from './imported.ts';
export type * from './notes.ts';
export type * from './reading.ts';
export type * from './reviews.ts';
export * from './words.ts';
