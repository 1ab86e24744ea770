export function appSecret(): string;
