/**
 * The room chat's limits, apart from its schema so the browser can show them
 * without shipping zod (see room-chat.ts for the rules).
 */
export const CHAT_MAX_LENGTH = 500;
export const CHAT_HISTORY_LIMIT = 200;
