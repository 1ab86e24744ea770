/** A className value: falsy values are dropped, so `cond && "class"` works. */
export type ClassValue = string | false | null | undefined;

/** Joins class names, skipping empty and falsy values. No merging of conflicting utilities: order classes deliberately. */
export function cn(...classes: ClassValue[]): string {
  return classes.filter((c): c is string => typeof c === "string" && c.length > 0).join(" ");
}
