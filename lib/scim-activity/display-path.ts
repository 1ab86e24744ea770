/**
 * A logged path and query as people read it: percent-escapes and "+" in the query decoded
 * ("/Users?filter=userName eq "a@b.test""). For display only; replays use the path as logged.
 */
export function displayScimPath(path: string): string {
  const question = path.indexOf("?");
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  if (question < 0) return decode(path);
  return `${decode(path.slice(0, question))}?${decode(path.slice(question + 1).replaceAll("+", " "))}`;
}
