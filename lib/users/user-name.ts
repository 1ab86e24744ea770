/** The case-insensitive key under which a userName (an email) is unique in an account. */
export function userNameKey(userName: string): string {
  return userName.trim().toLowerCase();
}

/** The lower-case domain of an email address, or null when it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return null;
  return email.slice(at + 1).trim().toLowerCase();
}
