/**
 * A saved `/cases` view (ADR-041): the longest name it may have, one number for the form's
 * `maxlength`, the save action's schema and the message that refuses a longer one.
 */
export const VIEW_NAME_MAX = 80;
